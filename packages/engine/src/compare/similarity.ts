/**
 * Descriptor distance → the vendor's 0–100 similarity. The vendor documents "≥ 70 = same person,
 * FAR 0.1 % at 70, 0.01 % at 80" (spec: LivenessCompare / CompareFace `Sim`). We keep that
 * meaning: a monotone piecewise-linear map whose anchors are distances calibrated on data so
 * that 70 and 80 sit where our own FAR is 1e-3 and 1e-4. See compare/README.md for how.
 */
export const SIMILARITY_ANCHORS: ReadonlyArray<readonly [distance: number, similarity: number]> = [
  [0, 100],
  [0.52, 80], // normal fit of 2,332 impostor distances, 1e-4 quantile (compare/README.md)
  [0.57, 70], // the same fit's 1e-3 quantile (0.575), rounded towards safety
  [1.0, 0], // about the farthest impostor pairs seen
];

/** Same person when similarity ≥ this (the vendor's recommended threshold, same meaning here). */
export const PASS_SIMILARITY = 70;

export function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`descriptor lengths differ: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(s);
}

/** Monotone (non-increasing) map from Euclidean distance to 0–100, rounded to 2 decimals like the vendor. */
export function distanceToSimilarity(distance: number): number {
  if (!Number.isFinite(distance)) return 0;
  const anchors = SIMILARITY_ANCHORS;
  let prev = anchors[0] as readonly [number, number];
  if (distance <= prev[0]) return prev[1];
  for (let i = 1; i < anchors.length; i++) {
    const next = anchors[i] as readonly [number, number];
    if (distance <= next[0]) {
      const t = (distance - prev[0]) / (next[0] - prev[0]);
      return Math.round((prev[1] + t * (next[1] - prev[1])) * 100) / 100;
    }
    prev = next;
  }
  return prev[1];
}

/** Inverse of `distanceToSimilarity` on its strictly decreasing part. */
export function similarityToDistance(similarity: number): number {
  const anchors = SIMILARITY_ANCHORS;
  for (let i = 1; i < anchors.length; i++) {
    const [d0, s0] = anchors[i - 1] as readonly [number, number];
    const [d1, s1] = anchors[i] as readonly [number, number];
    if (similarity <= s0 && similarity >= s1) return d0 + ((s0 - similarity) / (s0 - s1)) * (d1 - d0);
  }
  return similarity > 100 ? 0 : (anchors[anchors.length - 1] as readonly [number, number])[0];
}

export interface SimilarityResult {
  readonly distance: number;
  readonly similarity: number;
}

/** Two 128-D descriptors → distance and 0–100 similarity. */
export function similarity(descA: ArrayLike<number>, descB: ArrayLike<number>): SimilarityResult {
  const distance = euclidean(descA, descB);
  return { distance, similarity: distanceToSimilarity(distance) };
}
