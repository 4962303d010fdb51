import type { Finding } from '@open-ekyc/contract';
import { decodeImage } from '../decode/decode-image.js';
import { significantFaces } from '../faces/face-geometry.js';
import type { FaceAnalyzer } from '../types.js';
import type { ObservationWithPassive } from './types.js';

/**
 * Both of Human's passive scores must reach this. They are weak (at chance on the dev set,
 * ml-stack-probe §10); 0.5 is the models' own decision point, not a tuned value.
 */
export const PASSIVE_MIN_SCORE = 0.5;

export interface PassiveImageVerdict {
  readonly live: boolean;
  readonly findings: Finding[];
  readonly scores: Record<string, number>;
}

/**
 * Single-image passive liveness (the only thing a still photo allows): exactly one face, and
 * Human's antispoof "real" and liveness "live" scores both ≥ PASSIVE_MIN_SCORE. Weak by
 * construction; the product decides liveness from videos and challenges.
 */
export async function judgeImagePassive(
  bytes: Uint8Array,
  analyzer: FaceAnalyzer,
): Promise<PassiveImageVerdict> {
  const decoded = await decodeImage(bytes);
  if (!decoded.ok) return { live: false, findings: [decoded.finding], scores: {} };
  const faces = significantFaces(await analyzer.detectFaces(decoded.image)) as ObservationWithPassive[];
  const face = faces[0];
  if (!face) return { live: false, findings: [{ kind: 'no_face' }], scores: {} };
  if (faces.length > 1)
    return { live: false, findings: [{ kind: 'multiple_faces', score: faces.length }], scores: {} };
  const antispoof = face.antispoof ?? 0;
  const liveness = face.liveness ?? 0;
  const scores = { humanAntispoof: antispoof, humanLiveness: liveness };
  const live = antispoof >= PASSIVE_MIN_SCORE && liveness >= PASSIVE_MIN_SCORE;
  return {
    live,
    findings: live
      ? []
      : [{ kind: 'spoof_suspected', score: Math.min(antispoof, liveness), detail: 'passive image scores' }],
    scores,
  };
}
