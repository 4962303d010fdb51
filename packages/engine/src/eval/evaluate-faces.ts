import fs from 'node:fs/promises';
import path from 'node:path';
import { compareImageBytes, describeImageBytes } from '../compare/compare-faces.js';
import { PASS_SIMILARITY, similarity } from '../compare/similarity.js';
import type { FaceAnalyzer } from '../types.js';
import { equalErrorRate, percentile, ratesAt, rocCurve, tarAtFar, type RocPoint } from './metrics.js';
import { readPairs, type FacePair } from './read-pairs.js';

/** INTERFACES.md §4 `faces` block (fixed keys), plus added keys after them. */
export interface FacesReport {
  pairs: number;
  genuine: number;
  impostor: number;
  failed_to_detect: number;
  eer: number;
  /** EER threshold on the 0–100 similarity scale the API returns. */
  threshold: number;
  tar_at_far: { '0.01': number; '0.001': number };
  threshold_scale: 'similarity_0_100';
  /** Error rates at the product's pass threshold (similarity ≥ 70). */
  at_pass_threshold: { similarity: number; far: number; frr: number };
}

export interface FacesEvaluation {
  report: FacesReport;
  latency: { compare_pair_p50: number; compare_pair_p95: number };
  scores: { genuine: number[]; impostor: number[] };
  roc: RocPoint[];
}

export interface EvaluateFacesOptions {
  /** Pairs timed end to end (decode + detect + embed both + score), after the scoring pass. */
  readonly latencySamples?: number;
  readonly log?: (line: string) => void;
}

/**
 * Score every pair of DIR/faces/pairs.tsv with the production path (decode → detect → largest
 * face → embed → similarity). Each image is embedded once; a pair with an image without a face
 * scores -Infinity (a non-match, INTERFACES.md §4). Returns null when the data set has no faces.
 */
export async function evaluateFaces(
  dataDir: string,
  analyzer: FaceAnalyzer,
  options: EvaluateFacesOptions = {},
): Promise<FacesEvaluation | null> {
  const pairsFile = path.join(dataDir, 'faces', 'pairs.tsv');
  const exists = await fs.stat(pairsFile).then(
    () => true,
    () => false,
  );
  if (!exists) return null;
  const pairs = await readPairs(pairsFile);
  const log = options.log ?? (() => undefined);

  const descriptors = new Map<string, Float32Array | null>();
  const images = [...new Set(pairs.flatMap((p) => [p.imageA, p.imageB]))];
  for (const [i, rel] of images.entries()) {
    descriptors.set(rel, await describe(analyzer, path.resolve(dataDir, rel)));
    if ((i + 1) % 10 === 0 || i + 1 === images.length)
      log(`faces: embedded ${i + 1}/${images.length} images`);
  }

  const genuine: number[] = [];
  const impostor: number[] = [];
  let failed = 0;
  for (const p of pairs) {
    const a = descriptors.get(p.imageA);
    const b = descriptors.get(p.imageB);
    if (!a || !b) failed++;
    const score = a && b ? similarity(a, b).similarity : -Infinity;
    (p.same ? genuine : impostor).push(score);
  }

  const eer = equalErrorRate(genuine, impostor);
  const pass = ratesAt(genuine, impostor, PASS_SIMILARITY);
  const report: FacesReport = {
    pairs: pairs.length,
    genuine: genuine.length,
    impostor: impostor.length,
    failed_to_detect: failed,
    eer: eer.eer,
    threshold: eer.threshold,
    tar_at_far: { '0.01': tarAtFar(genuine, impostor, 0.01), '0.001': tarAtFar(genuine, impostor, 0.001) },
    threshold_scale: 'similarity_0_100',
    at_pass_threshold: { similarity: PASS_SIMILARITY, ...pass },
  };

  const timings: number[] = [];
  // Evenly spread over the file, so the timing mixes the data set's kinds of photos.
  const samples = Math.min(pairs.length, options.latencySamples ?? 30);
  const timed = Array.from(
    { length: samples },
    (_, k) => pairs[Math.floor((k * pairs.length) / samples)] as FacePair,
  );
  for (const p of timed) {
    const [a, b] = await Promise.all([
      fs.readFile(path.resolve(dataDir, p.imageA)),
      fs.readFile(path.resolve(dataDir, p.imageB)),
    ]);
    const t0 = performance.now();
    await compareImageBytes(analyzer, a, b);
    timings.push(performance.now() - t0);
  }
  log(`faces: timed ${timings.length} end-to-end compares`);
  return {
    report,
    latency: {
      compare_pair_p50: round(percentile(timings, 50)),
      compare_pair_p95: round(percentile(timings, 95)),
    },
    scores: { genuine, impostor },
    roc: rocCurve(genuine, impostor),
  };
}

/** The production path of one compare side (decode → detect → largest face → embed). */
async function describe(analyzer: FaceAnalyzer, file: string): Promise<Float32Array | null> {
  const bytes = await fs.readFile(file).catch(() => null);
  return bytes ? (await describeImageBytes(analyzer, bytes)).descriptor : null;
}

const round = (x: number) => Math.round(x * 10) / 10;
