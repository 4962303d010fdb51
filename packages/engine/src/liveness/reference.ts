import type { Finding } from '@open-ekyc/contract';
import { combineDescriptions, describeFace, type CompareOptions } from '../compare/compare-faces.js';
import type { FaceAnalyzer, RgbImage } from '../types.js';
import type { BestFrame } from './types.js';

/**
 * Best frame vs the reference photo, on compare/'s calibrated vendor scale (Sim 0–100, pass ≥ 70).
 * The video side is the tracked face of the best frame, already known to be the only face.
 */
export async function compareWithReference(
  analyzer: FaceAnalyzer,
  reference: RgbImage,
  best: BestFrame,
  options: CompareOptions = {},
): Promise<{ findings: Finding[]; scores: Record<string, number> }> {
  const ref = await describeFace(analyzer, reference);
  const probe = { faces: 1, descriptor: await analyzer.embed(best.image, best.face) };
  const result = combineDescriptions(ref, probe, options);
  const scores: Record<string, number> = { similarity: result.similarity };
  if (result.distance !== null) scores.referenceDistance = Math.round(result.distance * 1000) / 1000;
  return { findings: result.findings, scores };
}
