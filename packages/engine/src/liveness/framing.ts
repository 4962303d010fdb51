import type { Finding, FindingKind } from '@open-ekyc/contract';
import { assessFaceQuality, measureFaceQuality } from '../faces/face-quality.js';
import type { FaceObservation, RgbImage } from '../types.js';

export interface FrameQuality {
  readonly luma: number;
  readonly sharpness: number;
  readonly issues: FindingKind[];
}

/**
 * Per-frame framing and quality, with the same measurements and thresholds as still photos
 * (faces/face-quality.ts, calibrated there). Presence findings are the track's business.
 */
export function frameQuality(image: RgbImage, face: FaceObservation): FrameQuality {
  const m = measureFaceQuality(image, face);
  const issues = assessFaceQuality(image, [face])
    .map((f) => f.kind)
    .filter((k) => k !== 'no_face' && k !== 'multiple_faces');
  return { luma: m.luma, sharpness: m.sharpness, issues };
}

/** A framing/quality finding when the issue is present in most of the face frames, not in a few. */
export function majorityFindings(qualities: readonly FrameQuality[]): Finding[] {
  if (qualities.length === 0) return [];
  const counts = new Map<FindingKind, number>();
  for (const q of qualities) for (const k of q.issues) counts.set(k, (counts.get(k) ?? 0) + 1);
  const out: Finding[] = [];
  for (const [kind, n] of counts) {
    const share = n / qualities.length;
    if (share > 0.5) out.push({ kind, score: round(share), detail: `${n}/${qualities.length} face frames` });
  }
  return out;
}

/**
 * Best frame for the comparison and the vendor's BestFrame: frontal, eyes open, sharp, well lit.
 * Multiplicative so one bad property (eyes shut, 40° turn) rules a frame out.
 */
export function bestFrameScore(face: FaceObservation, q: FrameQuality, sharpRef: number): number {
  const frontal = Math.max(0, 1 - (Math.abs(face.pose.yawDeg) + Math.abs(face.pose.pitchDeg)) / 60);
  const ear = (face.eyeOpenness.left + face.eyeOpenness.right) / 2;
  const eyes = Math.min(1, ear / 0.22);
  const sharp = sharpRef > 0 ? Math.min(1, q.sharpness / sharpRef) : 0;
  const exposure = 1 - Math.min(1, Math.abs(q.luma - 140) / 140);
  return frontal * eyes * (0.4 + 0.6 * sharp) * (0.5 + 0.5 * exposure) * face.score;
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
