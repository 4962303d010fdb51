import type { RgbImage } from '../../types.js';
import { toGrey } from '../card-detect.js';

/**
 * Local noise level of a card image, per block: the noise estimator of Immerkær ("Fast noise
 * variance estimation", CVIU 1996 — the 3×3 mask [1 −2 1; −2 4 −2; 1 −2 1], which cancels
 * flat areas and linear gradients) taken only over flat pixels (no edge within 2 px on a 3×3
 * smoothed copy, not clipped), robustly (median of |response|). A block is measured when at
 * least MIN_FLAT_SHARE of it is flat, else NaN: text and photo detail are not noise.
 */
export interface NoiseMap {
  /** σ estimate in grey levels per block, row-major; NaN = not enough flat pixels. */
  readonly sigma: Float32Array;
  readonly cols: number;
  readonly rows: number;
  /** Block side in card pixels. */
  readonly block: number;
}

/** Sobel magnitude / 8 on the smoothed image above which a pixel is an edge (text, photo detail). */
const EDGE_LEVEL = 8;
const EDGE_DILATE = 2;
/** Pixels this close to black/white are clipped: their noise is gone, not different. */
const CLIP_LOW = 6,
  CLIP_HIGH = 249;
const MIN_FLAT_SHARE = 0.4;
/** median |mask response| = 0.6745 · 6σ for Gaussian noise (the mask's weights have Σw² = 36). */
const MEDIAN_TO_SIGMA = 1 / (0.6745 * 6);

/** Blocks of ≈ 1/64 of the card width (16 px on a 1000 px card), 8..24 px. */
export function blockSide(width: number): number {
  return Math.max(8, Math.min(24, Math.round(width / 64)));
}

export function noiseMap(card: RgbImage): NoiseMap {
  const { width: w, height: h } = card;
  const grey = toGrey(card);
  const blocked = edgeMask(grey, w, h);
  const block = blockSide(w);
  const cols = Math.floor(w / block),
    rows = Math.floor(h / block);
  const sigma = new Float32Array(cols * rows).fill(NaN);
  const values = new Float32Array(block * block);
  for (let by = 0; by < rows; by++)
    for (let bx = 0; bx < cols; bx++) {
      let n = 0;
      for (let y = by * block; y < (by + 1) * block; y++) {
        if (y < 1 || y >= h - 1) continue;
        for (let x = bx * block; x < (bx + 1) * block; x++) {
          const i = y * w + x;
          if (x < 1 || x >= w - 1 || blocked[i]) continue;
          const r =
            4 * (grey[i] as number) -
            2 *
              ((grey[i - 1] as number) +
                (grey[i + 1] as number) +
                (grey[i - w] as number) +
                (grey[i + w] as number)) +
            (grey[i - w - 1] as number) +
            (grey[i - w + 1] as number) +
            (grey[i + w - 1] as number) +
            (grey[i + w + 1] as number);
          values[n++] = Math.abs(r);
        }
      }
      if (n < block * block * MIN_FLAT_SHARE) continue;
      const v = values.subarray(0, n).sort();
      sigma[by * cols + bx] = (v[n >> 1] as number) * MEDIAN_TO_SIGMA;
    }
  return { sigma, cols, rows, block };
}

/** 1 where a pixel is near an edge or clipped (excluded from the noise estimate). */
function edgeMask(grey: Float32Array, w: number, h: number): Uint8Array {
  // 3×3 box smoothing, separable (rows then columns).
  const rowSum = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++)
      rowSum[i] = (grey[i - 1] as number) + (grey[i] as number) + (grey[i + 1] as number);
  const smooth = new Float32Array(w * h);
  for (let i = w; i < w * (h - 1); i++)
    smooth[i] = ((rowSum[i - w] as number) + (rowSum[i] as number) + (rowSum[i + w] as number)) / 9;
  const edge = new Uint8Array(w * h);
  const limit = (8 * EDGE_LEVEL) ** 2;
  for (let y = 2; y < h - 2; y++)
    for (let x = 2, i = y * w + 2; x < w - 2; x++, i++) {
      const g = grey[i] as number;
      if (g <= CLIP_LOW || g >= CLIP_HIGH) {
        edge[i] = 1;
        continue;
      }
      const tl = smooth[i - w - 1] as number,
        tc = smooth[i - w] as number,
        tr = smooth[i - w + 1] as number,
        ml = smooth[i - 1] as number,
        mr = smooth[i + 1] as number,
        bl = smooth[i + w - 1] as number,
        bc = smooth[i + w] as number,
        br = smooth[i + w + 1] as number;
      const gx = tr + 2 * mr + br - tl - 2 * ml - bl;
      const gy = bl + 2 * bc + br - tl - 2 * tc - tr;
      if (gx * gx + gy * gy > limit) edge[i] = 1;
    }
  // Dilate by EDGE_DILATE, separably: a pixel near an edge still sees it in its 3×3 mask. The
  // scan runs d ahead of the pixel it writes; `last` is the last edge at or before the scan.
  const d = EDGE_DILATE;
  const horiz = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let last = -Infinity;
    for (let x = 0; x < w + d; x++) {
      if (x < w && edge[y * w + x]) last = x;
      const t = x - d;
      if (t >= 0) horiz[y * w + t] = last >= t - d ? 1 : 0;
    }
  }
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    let last = -Infinity;
    for (let y = 0; y < h + d; y++) {
      if (y < h && horiz[y * w + x]) last = y;
      const t = y - d;
      if (t >= 0) out[t * w + x] = last >= t - d ? 1 : 0;
    }
  }
  for (let x = 0; x < w; x++) out[x] = out[(h - 1) * w + x] = 1;
  for (let y = 0; y < h; y++) out[y * w] = out[y * w + w - 1] = 1;
  return out;
}
