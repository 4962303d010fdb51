/** Per-pixel statistics on RGB24 crops, for the quality checks. */

/** BT.601 luma of an RGB24 (float or byte) buffer, one value per pixel. */
export function toLuma(rgb: ArrayLike<number>): Float32Array {
  const n = Math.floor(rgb.length / 3);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++)
    out[i] =
      0.299 * (rgb[3 * i] as number) +
      0.587 * (rgb[3 * i + 1] as number) +
      0.114 * (rgb[3 * i + 2] as number);
  return out;
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return values.length ? s / values.length : 0;
}

/** Share of values at or above `level` (blown-out highlights). */
export function shareAtLeast(values: ArrayLike<number>, level: number): number {
  let k = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) >= level) k++;
  return values.length ? k / values.length : 0;
}

/**
 * Variance of the 4-neighbour Laplacian (Pech-Pacheco et al. 2000, "Diatom autofocusing in
 * brightfield microscopy"): low when the image has little high-frequency detail, i.e. is blurred.
 */
export function laplacianVariance(grey: Float32Array, width: number, height: number): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const v =
        (grey[i - 1] as number) +
        (grey[i + 1] as number) +
        (grey[i - width] as number) +
        (grey[i + width] as number) -
        4 * (grey[i] as number);
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  if (n === 0) return 0;
  const m = sum / n;
  return sumSq / n - m * m;
}
