import type { Finding } from '@open-ekyc/contract';
import type { DecodeOptions } from '../decode/decode-image.js';
import { decodeImage } from '../decode/decode-image.js';
import { significantFaces } from '../faces/face-geometry.js';
import type { FaceAnalyzer, RgbImage } from '../types.js';
import { PASS_SIMILARITY, similarity } from './similarity.js';

export interface CompareOptions {
  /** Same person when similarity ≥ this (default 70, the vendor's recommendation). */
  readonly passSimilarity?: number;
}

export interface CompareResult {
  /** 0–100, vendor scale; 0 when a face is missing. */
  readonly similarity: number;
  /** Euclidean distance of the 128-D descriptors; null when a face is missing. */
  readonly distance: number | null;
  readonly match: boolean;
  /** Reference-side findings use the reference_* kinds; the probe side uses the plain ones. */
  readonly findings: Finding[];
  readonly faces: { readonly reference: number; readonly probe: number };
}

/** One side of a comparison: how many faces count, the largest one's descriptor. */
export interface FaceDescription {
  readonly faces: number;
  readonly descriptor: Float32Array | null;
  /** Set when the image could not be decoded. */
  readonly decodeFinding?: Finding;
}

/**
 * Detect + embed the largest face. Human's antispoof/liveness scores are skipped (not used
 * here); the iris stays on: its refined eye corners measurably help alignment (compare/README.md).
 */
export async function describeFace(analyzer: FaceAnalyzer, image: RgbImage): Promise<FaceDescription> {
  const faces = significantFaces(await analyzer.detectFaces(image, { passiveScores: false }));
  const face = faces[0];
  return { faces: faces.length, descriptor: face ? await analyzer.embed(image, face) : null };
}

export async function describeImageBytes(
  analyzer: FaceAnalyzer,
  bytes: Uint8Array,
  decode?: DecodeOptions,
): Promise<FaceDescription> {
  const decoded = await decodeImage(bytes, decode);
  if (!decoded.ok) return { faces: 0, descriptor: null, decodeFinding: decoded.finding };
  return describeFace(analyzer, decoded.image);
}

/**
 * The verdict from both sides. Several faces are reported as findings; the score still uses the
 * largest face, so callers see the number behind their decision.
 */
export function combineDescriptions(
  reference: FaceDescription,
  probe: FaceDescription,
  options: CompareOptions = {},
): CompareResult {
  const pass = options.passSimilarity ?? PASS_SIMILARITY;
  const findings: Finding[] = [];
  const counts = { reference: reference.faces, probe: probe.faces };
  if (reference.decodeFinding)
    findings.push({
      ...reference.decodeFinding,
      detail: `reference: ${reference.decodeFinding.detail ?? ''}`,
    });
  if (probe.decodeFinding) findings.push(probe.decodeFinding);
  if (findings.length) return { similarity: 0, distance: null, match: false, findings, faces: counts };
  if (reference.faces === 0)
    findings.push({ kind: 'reference_no_face', detail: 'no face in the reference image' });
  if (reference.faces > 1) findings.push({ kind: 'reference_multiple_faces', score: reference.faces });
  if (probe.faces === 0) findings.push({ kind: 'no_face', detail: 'no face in the compared image' });
  if (probe.faces > 1) findings.push({ kind: 'multiple_faces', score: probe.faces });
  if (!reference.descriptor || !probe.descriptor)
    return { similarity: 0, distance: null, match: false, findings, faces: counts };
  const s = similarity(reference.descriptor, probe.descriptor);
  const match = s.similarity >= pass;
  if (!match) findings.push({ kind: 'similarity_low', score: s.similarity, detail: `below ${pass}` });
  return { similarity: s.similarity, distance: s.distance, match, findings, faces: counts };
}

/** Compare the largest face of `reference` (ID photo, or the first image) with that of `probe`. */
export async function compareFaces(
  analyzer: FaceAnalyzer,
  reference: RgbImage,
  probe: RgbImage,
  options: CompareOptions = {},
): Promise<CompareResult> {
  const ref = await describeFace(analyzer, reference);
  return combineDescriptions(ref, await describeFace(analyzer, probe), options);
}

/** Bytes → decode both → compare. Decode failures become findings, never exceptions. */
export async function compareImageBytes(
  analyzer: FaceAnalyzer,
  reference: Uint8Array,
  probe: Uint8Array,
  options: CompareOptions & { decode?: DecodeOptions } = {},
): Promise<CompareResult> {
  const ref = await describeImageBytes(analyzer, reference, options.decode);
  return combineDescriptions(ref, await describeImageBytes(analyzer, probe, options.decode), options);
}
