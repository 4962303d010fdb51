import { createRequire } from 'node:module';
import type * as TfCore from '@tensorflow/tfjs-core';
import type { Human } from '@vladmandic/human';
import type * as FaceApi from '@vladmandic/face-api';
import { registerFileLoadRouter } from './file-load-router.js';
import { humanConfig } from './human-config.js';
import { resolveModelPaths } from './model-paths.js';

export type Tf = typeof TfCore;
export type FaceApiModule = typeof FaceApi;

/** The loaded models of one process or worker thread. */
export interface Models {
  readonly tf: Tf;
  readonly human: Human;
  readonly faceapi: FaceApiModule;
}

let loading: Promise<Models> | undefined;

/**
 * Loads Human (detector + mesh + iris + antispoof + liveness) and face-api's 128-D recogniser,
 * once per process / worker thread (later calls share the same promise). Both bundles are CJS
 * and must share one tfjs-core instance, so everything goes through `require`: an ESM import of
 * tfjs-core would be a second copy with its own (empty) backend registry.
 */
export function loadModels(): Promise<Models> {
  loading ??= doLoad().catch((error: unknown) => {
    loading = undefined; // let a later call retry instead of caching the failure
    throw error;
  });
  return loading;
}

async function doLoad(): Promise<Models> {
  const require = createRequire(import.meta.url);
  const paths = resolveModelPaths();
  const tf = require('@tensorflow/tfjs-core') as Tf;
  registerFileLoadRouter(tf);

  const { Human: HumanClass } = require(paths.humanBundle) as { Human: new (config: object) => Human };
  const human = new HumanClass(humanConfig(paths.wasmDir, paths.humanModels));
  await human.init(); // selects the wasm backend with our local wasmPath
  await human.load();

  // face-api's node-wasm bundle pulls in @tensorflow/tfjs (a console.warn advertising tfjs-node on
  // first import is silenced: tfjs-node cannot be installed offline, probe §1).
  const faceapi = quietly(() => require(paths.faceApiBundle) as FaceApiModule);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(paths.faceApiModels);
  if (tf.getBackend() !== 'wasm') throw new Error(`expected the wasm backend, got ${tf.getBackend()}`);
  return { tf, human, faceapi };
}

function quietly<T>(fn: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}
