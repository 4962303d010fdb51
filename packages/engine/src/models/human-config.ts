import type { Config } from '@vladmandic/human';

/** Upper bound on faces per image: enough to report `multiple_faces`, small enough to stay fast. */
export const MAX_FACES = 5;

/**
 * Human configured for still images and frames on the wasm backend (ml-stack-probe §2):
 * caching off (each call is a new image), everything but face detection + mesh + iris off,
 * plus antispoof/liveness, which are cheap (≈10 ms) and kept as weak signals only: on the dev
 * liveness set they are at chance (probe §10), so nothing decides with them.
 */
export function humanConfig(wasmDir: string, modelsDir: string): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: wasmDir,
    modelBasePath: 'file://' + modelsDir + '/',
    async: false,
    warmup: 'none',
    debug: false,
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: {
        rotation: true,
        maxDetected: MAX_FACES,
        skipFrames: 0,
        skipTime: 0,
        minConfidence: 0.3,
        return: false,
      },
      mesh: { enabled: true },
      iris: { enabled: true },
      attention: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: true, skipFrames: 0, skipTime: 0 },
      liveness: { enabled: true, skipFrames: 0, skipTime: 0 },
      gear: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    gesture: { enabled: false },
  };
}
