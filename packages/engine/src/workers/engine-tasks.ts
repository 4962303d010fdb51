import { compareImageBytes, describeImageBytes, type CompareResult } from '../compare/compare-faces.js';
import { decodeImage } from '../decode/decode-image.js';
import { assessFaceQuality } from '../faces/face-quality.js';
import type { FaceObservation } from '../types.js';
import type { Finding } from '@open-ekyc/contract';
import { defineTask, ownedBuffer } from './task-types.js';
import { array, bytes, finiteNumber, float32Array, record } from './validate.js';
import { nullableNumber, parseFaceObservation, parseFindings } from './parse-engine-data.js';
import { threadAnalyzer } from './worker-context.js';

/** compareImages: two encoded images (reference first) → vendor-scale similarity + findings. */
export const compareImagesTask = defineTask({
  parseInput(value: unknown): { reference: Uint8Array; probe: Uint8Array; passSimilarity?: number } {
    const r = record(value, 'compareImages input');
    return {
      reference: bytes(r.reference, 'reference'),
      probe: bytes(r.probe, 'probe'),
      ...(r.passSimilarity === undefined
        ? {}
        : { passSimilarity: finiteNumber(r.passSimilarity, 'passSimilarity') }),
    };
  },
  parseOutput(value: unknown): CompareResult {
    const r = record(value, 'compareImages output');
    const faces = record(r.faces, 'faces');
    if (typeof r.match !== 'boolean') throw new TypeError('match: expected a boolean');
    return {
      similarity: finiteNumber(r.similarity, 'similarity'),
      distance: nullableNumber(r.distance, 'distance'),
      match: r.match,
      findings: parseFindings(r.findings),
      faces: {
        reference: finiteNumber(faces.reference, 'faces.reference'),
        probe: finiteNumber(faces.probe, 'faces.probe'),
      },
    };
  },
  async run(input) {
    return compareImageBytes(await threadAnalyzer(), input.reference, input.probe, input);
  },
  transferables: (input) => [...ownedBuffer(input.reference), ...ownedBuffer(input.probe)],
});

export interface DetectFacesOutput {
  readonly width: number;
  readonly height: number;
  readonly faces: FaceObservation[];
  /** Decode failures, or the quality findings of the largest face. */
  readonly findings: Finding[];
}

/** detectFaces: an encoded image → faces (in working-size pixels) + quality findings. */
export const detectFacesTask = defineTask({
  parseInput: (value: unknown) => ({ image: bytes(record(value, 'detectFaces input').image, 'image') }),
  parseOutput(value: unknown): DetectFacesOutput {
    const r = record(value, 'detectFaces output');
    return {
      width: finiteNumber(r.width, 'width'),
      height: finiteNumber(r.height, 'height'),
      faces: array(r.faces, 'faces').map((f, i) => parseFaceObservation(f, `faces[${i}]`)),
      findings: parseFindings(r.findings),
    };
  },
  async run(input): Promise<DetectFacesOutput> {
    const decoded = await decodeImage(input.image);
    if (!decoded.ok) return { width: 0, height: 0, faces: [], findings: [decoded.finding] };
    const faces = await (await threadAnalyzer()).detectFaces(decoded.image);
    return {
      width: decoded.image.width,
      height: decoded.image.height,
      faces,
      findings: assessFaceQuality(decoded.image, faces),
    };
  },
  transferables: (input) => ownedBuffer(input.image),
});

export interface EmbedImageOutput {
  /** Faces that count (background faces excluded). */
  readonly faces: number;
  /** 128-D descriptor of the largest face; null without a face. */
  readonly descriptor: Float32Array | null;
  /** A decode failure, or no_face. */
  readonly findings: Finding[];
}

/** embedImage: an encoded image → 128-D descriptor of its largest face (one side of a compare). */
export const embedImageTask = defineTask({
  parseInput: (value: unknown) => ({ image: bytes(record(value, 'embedImage input').image, 'image') }),
  parseOutput(value: unknown): EmbedImageOutput {
    const r = record(value, 'embedImage output');
    const descriptor = r.descriptor === null ? null : float32Array(r.descriptor, 'descriptor');
    if (descriptor && descriptor.length !== 128) throw new TypeError('descriptor: expected 128 values');
    return { faces: finiteNumber(r.faces, 'faces'), descriptor, findings: parseFindings(r.findings) };
  },
  async run(input): Promise<EmbedImageOutput> {
    const d = await describeImageBytes(await threadAnalyzer(), input.image);
    const findings: Finding[] = d.decodeFinding
      ? [d.decodeFinding]
      : d.faces === 0
        ? [{ kind: 'no_face' }]
        : [];
    return { faces: d.faces, descriptor: d.descriptor, findings };
  },
  transferables: (input) => ownedBuffer(input.image),
});
