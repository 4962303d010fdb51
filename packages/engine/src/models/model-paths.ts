import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where the models and runtimes live on disk. Everything resolves from node_modules through
 * `require.resolve`, so nothing is ever fetched from the network (ml-stack-probe §2: Human's
 * defaults point to a CDN and fail offline).
 */
export interface ModelPaths {
  /** `@vladmandic/human/dist/human.node-wasm.js` (the package's `exports` reject the subpath). */
  readonly humanBundle: string;
  /** Folder with Human's graph models (blazeface, facemesh, iris, antispoof, liveness...). */
  readonly humanModels: string;
  /** `@vladmandic/face-api/dist/face-api.node-wasm.js`. */
  readonly faceApiBundle: string;
  /** Folder with face-api's weights manifests (face_recognition_model...). */
  readonly faceApiModels: string;
  /** `@tensorflow/tfjs-backend-wasm/dist/`, with a trailing slash as tfjs expects. */
  readonly wasmDir: string;
}

export function resolveModelPaths(): ModelPaths {
  const require = createRequire(import.meta.url);
  const humanDist = path.dirname(require.resolve('@vladmandic/human'));
  const faceApiMain = require.resolve('@vladmandic/face-api');
  const faceApiRoot = path.resolve(path.dirname(faceApiMain), '..');
  const wasmMain = require.resolve('@tensorflow/tfjs-backend-wasm');
  // The main entry is dist/index.js (CJS) or dist/tf-backend-wasm.node.js: the .wasm files sit beside it.
  const wasmDir = path.dirname(wasmMain);
  return {
    humanBundle: path.join(humanDist, 'human.node-wasm.js'),
    humanModels: path.resolve(humanDist, '..', 'models'),
    faceApiBundle: path.join(faceApiRoot, 'dist', 'face-api.node-wasm.js'),
    faceApiModels: path.join(faceApiRoot, 'model'),
    wasmDir: wasmDir.endsWith(path.sep) ? wasmDir : wasmDir + path.sep,
  };
}
