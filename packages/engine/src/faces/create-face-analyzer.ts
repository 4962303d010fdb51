import type { Tensor } from '@tensorflow/tfjs-core';
import { loadModels, type Models } from '../models/load-models.js';
import type { FaceAnalyzer, FaceObservation, RgbImage } from '../types.js';
import { detectFaces } from './detect-faces.js';
import { CHIP_SIZE, extractFaceChip, type AlignTemplate } from './align-face.js';

export interface FaceAnalyzerOptions {
  /** Landmark template for the dlib chip (default dlib68: measured best, see compare/README.md). */
  readonly alignTemplate?: AlignTemplate;
  /** Average the descriptors of the chip and its mirror image (test-time augmentation). */
  readonly flipAugment?: boolean;
  /** Value for chip pixels outside the image; undefined = clamp to the nearest edge pixel. */
  readonly outside?: number;
}

/** Same defaults as the calibrated threshold in compare/: change both together. */
export const DEFAULT_ANALYZER_OPTIONS: FaceAnalyzerOptions = {
  alignTemplate: 'dlib68',
  flipAugment: false,
  outside: 0,
};

/** FaceAnalyzer on Human (detector + 478-point mesh) and face-api's 128-D recogniser (probe §4 hybrid). */
export async function createFaceAnalyzer(options: FaceAnalyzerOptions = {}): Promise<FaceAnalyzer> {
  const models = await loadModels();
  const opts = { ...DEFAULT_ANALYZER_OPTIONS, ...options };
  // Human keeps per-call state; one model call at a time per thread keeps results independent.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    detectFaces: (image, detectOptions) => serial(() => detectFaces(models, image, detectOptions)),
    embed: (image, face) => serial(() => embed(models, image, face, opts)),
  };
}

async function embed(
  models: Models,
  image: RgbImage,
  face: FaceObservation,
  opts: FaceAnalyzerOptions,
): Promise<Float32Array> {
  const { tf, faceapi } = models;
  const chipOptions = { template: opts.alignTemplate, outside: opts.outside };
  const chips = [extractFaceChip(image, face.mesh, chipOptions)];
  if (opts.flipAugment) chips.push(extractFaceChip(image, face.mesh, { ...chipOptions, mirror: true }));
  const descriptors: Float32Array[] = [];
  for (const chip of chips) {
    const input = tf.tensor3d(chip, [CHIP_SIZE, CHIP_SIZE, 3], 'float32');
    try {
      const d = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(
        input as unknown as Tensor as never,
      );
      descriptors.push(Array.isArray(d) ? (d[0] as Float32Array) : (d as Float32Array));
    } finally {
      input.dispose();
    }
  }
  return meanDescriptor(descriptors);
}

function meanDescriptor(list: Float32Array[]): Float32Array {
  const first = list[0];
  if (!first) throw new Error('no descriptor');
  if (list.length === 1) return first;
  const out = new Float32Array(first.length);
  for (const d of list)
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (d[i] as number) / list.length;
  return out;
}
