import type { Config, Human, Result } from '@vladmandic/human';
import { meshMetrics, type FaceSample } from './actions.js';
import { CLIENT_CODES, CaptureFailure } from './client-codes.js';
import type { FaceBox, FrameFaces } from './guidance.js';

export interface FrameAnalysis extends FrameFaces {
  /** Measurements of the main face for action detection. */
  sample?: FaceSample;
  /** Inference time of this frame, ms. */
  ms: number;
}

/** Where the build puts Human and its files (see packages/verify-page/scripts/build.mjs). */
export function humanAssetUrls(assetsBase: string): { script: string; models: string; wasm: string } {
  const base = assetsBase.endsWith('/') ? assetsBase : `${assetsBase}/`;
  return { script: `${base}human/human.esm.js`, models: `${base}models/`, wasm: `${base}wasm/` };
}

/** Human for guidance only: blazeface + facemesh + iris on the wasm backend, every file from our own server. */
export function humanConfig(models: string, wasm: string): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: wasm,
    modelBasePath: models,
    async: true,
    warmup: 'none',
    debug: false,
    cacheModels: false,
    cacheSensitivity: 0,
    filter: { enabled: false },
    gesture: { enabled: false },
    face: {
      enabled: true,
      // Re-run the detector often so a second face shows up quickly.
      detector: {
        modelPath: 'blazeface.json',
        rotation: false,
        maxDetected: 3,
        minConfidence: 0.4,
        skipFrames: 3,
        skipTime: 400,
      },
      mesh: { enabled: true, modelPath: 'facemesh.json' },
      iris: { enabled: true, modelPath: 'iris.json' },
      attention: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      gear: { enabled: false },
    } as Config['face'],
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
  };
}

const RAD = 180 / Math.PI;
const REQUIRED_MODELS = ['blazeface', 'facemesh', 'iris'] as const;

/** Mean luma of a region of the video, measured on a tiny canvas. */
function regionLuma(ctx: CanvasRenderingContext2D, video: HTMLVideoElement, box?: readonly number[]): number {
  const [x, y, w, h] = box ?? [0, 0, video.videoWidth, video.videoHeight];
  ctx.drawImage(video, x ?? 0, y ?? 0, Math.max(1, w ?? 1), Math.max(1, h ?? 1), 0, 0, 16, 16);
  const d = ctx.getImageData(0, 0, 16, 16).data;
  let sum = 0;
  for (let i = 0; i < d.length; i += 4)
    sum += 0.299 * (d[i] ?? 0) + 0.587 * (d[i + 1] ?? 0) + 0.114 * (d[i + 2] ?? 0);
  return sum / (d.length / 4);
}

export class FaceTracker {
  private readonly ctx: CanvasRenderingContext2D | null;

  private constructor(private readonly human: Human) {
    const canvas = document.createElement('canvas');
    canvas.width = 16;
    canvas.height = 16;
    this.ctx = canvas.getContext('2d', { willReadFrequently: true });
  }

  /** Loads Human from our assets (dynamic import keeps it out of the page bundle). */
  static async load(assetsBase: string): Promise<FaceTracker> {
    const urls = humanAssetUrls(assetsBase);
    try {
      const mod = (await import(/* @vite-ignore */ urls.script)) as {
        Human: new (cfg: Partial<Config>) => Human;
      };
      const human = new mod.Human(humanConfig(urls.models, urls.wasm));
      await human.load();
      // Human logs a failed model download and carries on; an unloaded model lists with size 0.
      const sizes = new Map(human.models.list().map((m) => [m.name, m.size]));
      const missing = REQUIRED_MODELS.filter((name) => !((sizes.get(name) ?? 0) > 0));
      if (missing.length > 0) throw new Error(`face models not loaded: ${missing.join(', ')}`);
      return new FaceTracker(human);
    } catch (err) {
      throw new CaptureFailure(
        CLIENT_CODES.LOAD_MODEL_ERROR,
        err instanceof Error ? err.message : String(err),
      );
    }
  }

  async analyse(video: HTMLVideoElement): Promise<FrameAnalysis> {
    const t0 = performance.now();
    const res: Result = await this.human.detect(video);
    const faces: FaceBox[] = res.face.map((f) => ({
      box: [f.box[0], f.box[1], f.box[2], f.box[3]],
      score: f.boxScore || f.score,
    }));
    const main = [...res.face].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])[0];
    const width = video.videoWidth;
    const height = video.videoHeight;
    const out: FrameAnalysis = { width, height, faces, ms: performance.now() - t0 };
    if (this.ctx) out.brightness = regionLuma(this.ctx, video, main?.box);
    if (main) {
      const { ear, mar } = meshMetrics(main.mesh);
      const angle = main.rotation?.angle;
      out.sample = {
        t: t0,
        ear,
        mar,
        yaw: angle ? angle.yaw * RAD : Number.NaN,
        pitch: angle ? angle.pitch * RAD : Number.NaN,
      };
    }
    return out;
  }
}
