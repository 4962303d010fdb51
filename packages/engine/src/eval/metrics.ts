/**
 * Verification metrics on scores where higher means "more likely the same person / live".
 * A sample is accepted when score ≥ threshold. Failed samples (no face) carry -Infinity, so
 * they are rejected at every threshold (INTERFACES.md §4: they count as non-matches).
 */
export interface RocPoint {
  readonly threshold: number;
  /** Share of impostor scores accepted. */
  readonly far: number;
  /** Share of genuine scores accepted (1 − FRR). */
  readonly tar: number;
}

/** Rates at every distinct threshold, from the strictest (nothing accepted) to the loosest. */
export function rocCurve(genuine: readonly number[], impostor: readonly number[]): RocPoint[] {
  const g = [...genuine].sort((a, b) => b - a);
  const i = [...impostor].sort((a, b) => b - a);
  const thresholds = [...new Set([...g, ...i].filter(Number.isFinite))].sort((a, b) => b - a);
  const points: RocPoint[] = [{ threshold: Infinity, far: 0, tar: 0 }];
  let gi = 0;
  let ii = 0;
  for (const t of thresholds) {
    while (gi < g.length && (g[gi] as number) >= t) gi++;
    while (ii < i.length && (i[ii] as number) >= t) ii++;
    points.push({ threshold: t, far: i.length ? ii / i.length : 0, tar: g.length ? gi / g.length : 0 });
  }
  return points;
}

export interface EerResult {
  readonly eer: number;
  readonly threshold: number;
}

/** Equal error rate: where FAR and FRR cross (mean of the two at the closest threshold). */
export function equalErrorRate(genuine: readonly number[], impostor: readonly number[]): EerResult {
  let best: EerResult & { gap: number } = { eer: 1, threshold: NaN, gap: Infinity };
  for (const p of rocCurve(genuine, impostor)) {
    const frr = 1 - p.tar;
    const gap = Math.abs(p.far - frr);
    if (gap < best.gap) best = { eer: (p.far + frr) / 2, threshold: p.threshold, gap };
  }
  return { eer: best.eer, threshold: best.threshold };
}

/** Highest TAR whose FAR does not exceed `maxFar`. */
export function tarAtFar(genuine: readonly number[], impostor: readonly number[], maxFar: number): number {
  let tar = 0;
  for (const p of rocCurve(genuine, impostor)) if (p.far <= maxFar) tar = Math.max(tar, p.tar);
  return tar;
}

/** FAR and FRR at a fixed threshold. */
export function ratesAt(
  genuine: readonly number[],
  impostor: readonly number[],
  threshold: number,
): { far: number; frr: number } {
  const impostorsIn = impostor.filter((x) => x >= threshold).length;
  const genuineOut = genuine.filter((x) => !(x >= threshold)).length;
  return {
    far: impostor.length ? impostorsIn / impostor.length : 0,
    frr: genuine.length ? genuineOut / genuine.length : 0,
  };
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}
