import type { RgbImage } from '../types.js';

/**
 * Glyph self-consistency for the MRZ filler. PP-OCRv4 reads small or low-contrast chevrons as
 * 'K' (also R, V, Z, S), and the check digits cannot tell: 'K' is worth 20, a multiple of 10 at
 * every weight, and names are not covered at all. But every filler of one MRZ is the same OCR-B
 * glyph, so a cell that looks like the confidently read fillers of the same MRZ, and has a
 * chevron's outline, is a filler. The MRZ is monospaced (9303 part 3): a straight-line fit of
 * the positions' CTC alignment gives every character's cell.
 */

/** Cell raster: enough for a chevron vs a letter, small enough to be noise-tolerant. */
const CELL_W = 10,
  CELL_H = 16;
/** Horizontal search for the best-matching cell position, share of the pitch either side. */
const SHIFT = 0.2;
/** A filler read with at least this probability serves as a template sample. */
export const TEMPLATE_MIN_P = 0.8;
const TEMPLATE_MIN_SAMPLES = 3;
/**
 * Measured on the dev specimens (lightness = brightest channel, 950 alphabetic cells): letters
 * with the chevron's outline correlate ≤ 0.61 with the filler template, chevrons read as
 * letters ≥ 0.80; the letters nearest to the template (K, 0.69–0.80) never have its outline.
 */
const FILLER_MIN_SIMILARITY = 0.7;

export interface GlyphRow {
  /** The row crop the reading came from (before stretching). */
  readonly image: RgbImage;
  /** Per position, the mean CTC time step it was aligned to (mrz-ctc `centres`). */
  readonly centres: Float32Array;
  /** CTC time steps of the reading (the crop's width maps onto them). */
  readonly steps: number;
  /** Per position: confidently read as '<' (a template sample). */
  readonly filler: readonly boolean[];
  /** Per position: worth judging (read as something else where '<' may stand). */
  readonly judge: readonly boolean[];
}

export interface FillerLikeness {
  /** Per row and position: correlation of the cell with the filler template (−1..1), NaN when unknown. */
  readonly similarity: number[][];
  /** Per row and position: the cell has a chevron's outline (`chevronOutline`). */
  readonly outline: boolean[][];
}

/** The cell at row r, position j correlates with the filler template like a filler does. */
export function resemblesFiller(f: FillerLikeness, r: number, j: number): boolean {
  return (f.similarity[r]?.[j] ?? 0) >= FILLER_MIN_SIMILARITY;
}

/** …and has the chevron's outline: a filler by its looks alone. */
export function looksLikeFiller(f: FillerLikeness, r: number, j: number): boolean {
  return (f.outline[r]?.[j] ?? false) && resemblesFiller(f, r, j);
}

/**
 * Lightness as the brightest channel: the MRZ is printed in dark ink, while stamps and security
 * backgrounds over it are coloured, so they come out light and drop out of the glyphs (a red
 * SPECIMEN stamp over a chevron: correlation 0.76 in luma, 0.97 here).
 */
function lightness(image: RgbImage): Float32Array {
  const n = image.width * image.height,
    g = new Float32Array(n);
  for (let i = 0; i < n; i++)
    g[i] = Math.max(
      image.data[i * 3] as number,
      image.data[i * 3 + 1] as number,
      image.data[i * 3 + 2] as number,
    );
  return g;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((p, q) => p - q);
  return s.length ? (s[Math.floor(s.length / 2)] as number) : 0;
};

/** x = a + b·j through the aligned centres (pairwise-slope median: robust to a few misaligned positions). */
export function fitGrid(xs: Float32Array): { a: number; b: number } {
  const n = xs.length,
    slopes: number[] = [];
  const gap = Math.max(1, Math.floor(n / 3));
  for (let j = 0; j < n; j++)
    for (let k = j + gap; k < n; k++) slopes.push(((xs[k] as number) - (xs[j] as number)) / (k - j));
  const b = median(slopes);
  const a = median(Array.from(xs, (x, j) => x - b * j));
  return { a, b };
}

/**
 * The rows of the crop the text occupies: where the row-wise ink (darkness below the crop's
 * median) reaches a third of its peak, plus a margin. Row crops come from det boxes with
 * varying margins; cells of different rows must line up.
 */
function textBand(g: Float32Array, w: number, h: number): [number, number] {
  const hist = new Uint32Array(256);
  for (let i = 0; i < g.length; i++) {
    const b = Math.min(255, Math.max(0, Math.round(g[i] as number)));
    hist[b] = (hist[b] as number) + 1;
  }
  let bg = 0;
  for (let acc = 0; bg < 255 && (acc += hist[bg] as number) < g.length / 2;) bg++;
  const ink = new Float32Array(h);
  for (let y = 0; y < h; y++) {
    let s = 0;
    for (let x = 0, i = y * w; x < w; x++, i++) {
      const d = bg - (g[i] as number);
      if (d > 0) s += d;
    }
    ink[y] = s;
  }
  const peak = Math.max(...ink);
  let y0 = 0,
    y1 = h;
  while (y0 < h - 1 && (ink[y0] as number) < peak / 3) y0++;
  while (y1 > y0 + 1 && (ink[y1 - 1] as number) < peak / 3) y1--;
  const pad = Math.round((y1 - y0) * 0.1);
  return [Math.max(0, y0 - pad), Math.min(h, y1 + pad)];
}

/** Zero-mean, unit-norm raster of the cell [x0, x1) × [y0, y1), area-sampled; kept inside the crop. */
function cellVector(
  g: Float32Array,
  w: number,
  [y0, y1]: [number, number],
  left: number,
  right: number,
): Float32Array | null {
  const width = right - left;
  if (width < 2 || width > w) return null;
  const x0 = Math.min(Math.max(0, left), w - width),
    x1 = x0 + width;
  const v = new Float32Array(CELL_W * CELL_H),
    cnt = new Float32Array(CELL_W * CELL_H);
  const h = y1 - y0;
  for (let y = y0; y < y1; y++) {
    const cy = Math.min(CELL_H - 1, Math.floor(((y - y0) * CELL_H) / h));
    for (let x = Math.floor(x0); x < Math.min(w, Math.ceil(x1)); x++) {
      const cx = Math.min(CELL_W - 1, Math.max(0, Math.floor(((x - x0) * CELL_W) / width)));
      v[cy * CELL_W + cx] = (v[cy * CELL_W + cx] as number) + (g[y * w + x] as number);
      cnt[cy * CELL_W + cx] = (cnt[cy * CELL_W + cx] as number) + 1;
    }
  }
  let mean = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = (v[i] as number) / Math.max(1, cnt[i] as number);
    mean += v[i] as number;
  }
  mean /= v.length;
  let norm = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = (v[i] as number) - mean;
    norm += (v[i] as number) ** 2;
  }
  norm = Math.sqrt(norm);
  if (norm < 1e-3) return null;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}

const dot = (p: Float32Array, q: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] as number) * (q[i] as number);
  return s;
};

function sumOf(vs: readonly Float32Array[]): Float32Array {
  const sum = new Float32Array(CELL_W * CELL_H);
  for (const f of vs) for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (f[i] as number);
  return sum;
}

/** The shifted raster that matches the template best. */
function bestShift(vs: readonly Float32Array[], t: Float32Array): Float32Array | null {
  let best: Float32Array | null = null,
    bs = -Infinity;
  for (const v of vs) {
    const s = dot(v, t);
    if (s > bs) {
      bs = s;
      best = v;
    }
  }
  return best;
}

/** Every cell compared with the mean of the confidently read fillers (null: too few of them). */
export function fillerLikeness(rows: readonly GlyphRow[]): FillerLikeness | null {
  // Per row and position: rasters of the cell at a few horizontal shifts (the grid is approximate).
  const variants = rows.map(({ image, centres, steps, filler, judge }) => {
    const g = lightness(image);
    const band = textBand(g, image.width, image.height);
    const scale = image.width / steps;
    const { a, b } = fitGrid(Float32Array.from(centres, (t) => (t + 0.5) * scale));
    const maxShift = Math.max(1, Math.round(b * SHIFT));
    return Array.from(centres, (_, j) => {
      const out: Float32Array[] = [];
      if (!filler[j] && !judge[j]) return out;
      for (let d = -maxShift; d <= maxShift; d++) {
        const x = a + b * j + d;
        const v = cellVector(g, image.width, band, x - b / 2, x + b / 2);
        if (v) out.push(v);
      }
      return out;
    });
  });
  const samples = (pick: (vs: Float32Array[]) => Float32Array | null): Float32Array[] =>
    rows.flatMap(({ filler }, r) =>
      filler.flatMap((f, j) => {
        const v = f ? pick((variants[r] as Float32Array[][])[j] as Float32Array[]) : null;
        return v ? [v] : [];
      }),
    );
  // Unshifted samples give a first template; samples re-aligned on it give the final one.
  const centre = (vs: Float32Array[]) => vs[Math.floor(vs.length / 2)] ?? null;
  let first = samples(centre);
  if (first.length < TEMPLATE_MIN_SAMPLES) {
    // Too few fillers read confidently (a patterned background): cells with a chevron's outline.
    first = variants.flatMap((row) =>
      row.flatMap((vs) => {
        const v = centre(vs);
        return v && chevronOutline(v) ? [v] : [];
      }),
    );
    if (first.length < TEMPLATE_MIN_SAMPLES) return null;
  }
  const firstTemplate = sumOf(first);
  const aligned = samples((vs) => bestShift(vs, firstTemplate));
  const sum = aligned.length >= TEMPLATE_MIN_SAMPLES ? sumOf(aligned) : firstTemplate;
  const norm = Math.sqrt(dot(sum, sum)) || 1;
  const template = sum.map((x) => x / norm);
  const best = variants.map((row) => row.map((vs) => bestShift(vs, template)));
  return {
    similarity: best.map((row) => row.map((v) => (v ? dot(v, template) : NaN))),
    outline: best.map((row) => row.map((v) => (v ? chevronOutline(v) : false))),
  };
}

/** Runs of inked rows ([start, end)) in column x of a darkness raster. */
function inkRuns(d: Float32Array, x: number): [number, number][] {
  let m = 0;
  for (let y = 0; y < CELL_H; y++) m = Math.max(m, d[y * CELL_W + x] as number);
  const runs: [number, number][] = [];
  for (let y = 0; y < CELL_H; y++) {
    if ((d[y * CELL_W + x] as number) < m * 0.5) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === y) last[1] = y + 1;
    else runs.push([y, y + 1]);
  }
  return runs;
}

/**
 * The chevron's outline: its leftmost ink is one short run at mid-height (the vertex; a K or R
 * starts with a full-height stem, a Z or V with bars at the top), and its rightmost ink is at
 * the top and the bottom, open in the middle (an A ends in one foot, a 4 in a stem).
 */
export function chevronOutline(v: Float32Array): boolean {
  const d = v.map((x) => Math.max(0, -x));
  const colInk = Array.from({ length: CELL_W }, (_, x) => {
    let s = 0;
    for (let y = 0; y < CELL_H; y++) s += d[y * CELL_W + x] as number;
    return s;
  });
  const peak = Math.max(...colInk);
  const left = colInk.findIndex((c) => c >= peak * 0.3);
  const right = CELL_W - 1 - [...colInk].reverse().findIndex((c) => c >= peak * 0.3);
  if (left < 0 || right - left < 2) return false;
  const l = inkRuns(d, left);
  const vertex = l.length === 1 ? (l[0] as [number, number]) : null;
  if (!vertex || vertex[1] - vertex[0] > CELL_H * 0.35) return false;
  const mid = (vertex[0] + vertex[1]) / 2;
  if (mid < CELL_H * 0.3 || mid > CELL_H * 0.7) return false;
  // The arms' ends (not always in the same column, one arm may print fainter): the last three
  // columns, inked at the top and the bottom, clearly less in the middle.
  const ends = new Float32Array(CELL_H);
  for (let y = 0; y < CELL_H; y++)
    for (let x = Math.max(left + 1, right - 2); x <= right; x++)
      ends[y] = (ends[y] as number) + (d[y * CELL_W + x] as number);
  const peakIn = (y0: number, y1: number) => Math.max(...ends.slice(Math.floor(y0), Math.ceil(y1)));
  const top = peakIn(0, CELL_H * 0.45),
    middle = peakIn(CELL_H * 0.45, CELL_H * 0.55),
    bottom = peakIn(CELL_H * 0.55, CELL_H);
  return Math.min(top, bottom) > 0 && middle < 0.5 * Math.min(top, bottom);
}
