/**
 * Document auto-capture rules: from one downscaled grey frame and the card-shaped guide to one
 * status the UI can show, in the spirit of the vendor App SDK's OCR_DETECT_AUTO mode (vendor-docs
 * 003_*). Pure, so they are unit-tested on synthetic pixel arrays. The server reads the document
 * and decides; these checks only choose a good moment to take the photo.
 */
export type DocumentGuidance =
  | 'ok'
  | 'no_card'
  | 'align'
  | 'move_closer'
  | 'move_back'
  | 'too_dark'
  | 'too_bright'
  | 'blurry'
  | 'hold_still';

export const DOCUMENT_GUIDANCE: readonly DocumentGuidance[] = [
  'ok',
  'no_card',
  'align',
  'move_closer',
  'move_back',
  'too_dark',
  'too_bright',
  'blurry',
  'hold_still',
];

/** ISO/IEC 7810 ID-1 (identity cards, driving licences): 85.60 × 53.98 mm. */
export const ID1_ASPECT = 85.6 / 53.98;
/** ICAO 9303 TD3 passport data page: 125 × 88 mm. */
export const TD3_ASPECT = 125 / 88;

/** Guide shape for a spec §8 CardInfo key: passports are TD3, every other supported card is ID-1. */
export function cardAspect(cardType: string): number {
  return cardType === 'InternationalIDPassport' ? TD3_ASPECT : ID1_ASPECT;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A grey image, one byte per pixel, row-major. */
export interface LumaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export const DOCUMENT_LIMITS = {
  /** Share of the frame the guide may take (the card must stay clear of the photo's edge: -9101). */
  guideFill: 0.84,
  /** Frames are analysed at this width (analysis cost and thresholds are tied to it). */
  analysisWidth: 480,
  minLuma: 45,
  maxLuma: 220,
  /** Luma step across a card edge that counts as an edge pixel. */
  edgeStep: 18,
  /** Share of a guide side's length that must show the edge for the side to be found. */
  minSideScore: 0.5,
  /** A found edge within this share of the guide's size (height for top/bottom, width for left/right) is on the guide. */
  sideTolerance: 0.08,
  /** How far inside and outside the guide the edge is searched, as a share of the guide's size. */
  searchInside: 0.3,
  searchOutside: 0.15,
  /**
   * Variance of the Laplacian inside the guide at `analysisWidth`. Generated cards measure in the
   * hundreds, a σ = 2 px blur of them below 20 (document-quality.test.ts); not yet tuned on phones.
   */
  minSharpness: 40,
  /** Mean absolute luma change between two analysed frames inside the guide. */
  maxMotion: 6,
  /** Consecutive `ok` checks before the photo is taken. */
  stableChecks: 3,
} as const;

/** The largest centred rectangle of the card's aspect that fits in `fill` of the frame. */
export function guideRect(
  frameW: number,
  frameH: number,
  aspect: number,
  fill = DOCUMENT_LIMITS.guideFill,
): Rect {
  let width = frameW * fill;
  let height = width / aspect;
  if (height > frameH * fill) {
    height = frameH * fill;
    width = height * aspect;
  }
  return { x: (frameW - width) / 2, y: (frameH - height) / 2, width, height };
}

/** Rec. 601 luma of an RGBA buffer (canvas ImageData). */
export function lumaFromRgba(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): LumaImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4)
    data[i] = (77 * (rgba[j] ?? 0) + 150 * (rgba[j + 1] ?? 0) + 29 * (rgba[j + 2] ?? 0)) >> 8;
  return { width, height, data };
}

function clampRect(img: LumaImage, r: Rect): [number, number, number, number] {
  const x0 = Math.max(0, Math.round(r.x));
  const y0 = Math.max(0, Math.round(r.y));
  const x1 = Math.min(img.width, Math.round(r.x + r.width));
  const y1 = Math.min(img.height, Math.round(r.y + r.height));
  return [x0, y0, x1, y1];
}

export function meanLuma(img: LumaImage, r: Rect): number {
  const [x0, y0, x1, y1] = clampRect(img, r);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      sum += img.data[y * img.width + x] ?? 0;
      n++;
    }
  return n > 0 ? sum / n : 0;
}

/** Variance of the 4-neighbour Laplacian inside `r` (the usual focus measure). */
export function laplacianVariance(img: LumaImage, r: Rect): number {
  const [x0, y0, x1, y1] = clampRect(img, r);
  const w = img.width;
  const d = img.data;
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let y = Math.max(1, y0); y < Math.min(img.height - 1, y1); y++)
    for (let x = Math.max(1, x0); x < Math.min(w - 1, x1); x++) {
      const i = y * w + x;
      const v = (d[i - 1] ?? 0) + (d[i + 1] ?? 0) + (d[i - w] ?? 0) + (d[i + w] ?? 0) - 4 * (d[i] ?? 0);
      sum += v;
      sq += v * v;
      n++;
    }
  if (n === 0) return 0;
  const mean = sum / n;
  return sq / n - mean * mean;
}

/** Mean absolute difference of two same-sized frames inside `r`, sampled every other pixel. */
export function frameDifference(a: LumaImage, b: LumaImage, r: Rect): number {
  if (a.width !== b.width || a.height !== b.height) return Infinity;
  const [x0, y0, x1, y1] = clampRect(a, r);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y += 2)
    for (let x = x0; x < x1; x += 2) {
      const i = y * a.width + x;
      sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
      n++;
    }
  return n > 0 ? sum / n : 0;
}

export type Side = 'top' | 'right' | 'bottom' | 'left';

export interface SideFit {
  side: Side;
  /** Share of the side's length where the strongest edge line was seen (0–1). */
  score: number;
  /** Where that line is, as a share of the guide's size: > 0 inside the guide, < 0 outside. */
  offset: number;
  found: boolean;
}

/**
 * Looks for the card's edge along each side of the guide: for every candidate line parallel to
 * the side (from `searchOutside` outside to `searchInside` inside), the share of points along the
 * middle 80 % of the side where the luma steps by at least `edgeStep` across the line. The best
 * line wins; on a tie the one nearer the guide.
 */
export function fitSides(img: LumaImage, g: Rect): SideFit[] {
  const L = DOCUMENT_LIMITS;
  const at = (x: number, y: number): number => img.data[y * img.width + x] ?? 0;
  const sides: Side[] = ['top', 'right', 'bottom', 'left'];
  return sides.map((side) => {
    const horizontal = side === 'top' || side === 'bottom';
    const size = horizontal ? g.height : g.width;
    const inward = side === 'top' || side === 'left' ? 1 : -1;
    const base =
      side === 'top' ? g.y : side === 'bottom' ? g.y + g.height : side === 'left' ? g.x : g.x + g.width;
    const limit = horizontal ? img.height : img.width;
    const [a0, a1] = horizontal
      ? [g.x + 0.1 * g.width, g.x + 0.9 * g.width]
      : [g.y + 0.1 * g.height, g.y + 0.9 * g.height];
    const from = Math.max(0, Math.floor(a0));
    const to = Math.min(horizontal ? img.width : img.height, Math.ceil(a1));
    const steps = Math.max(1, Math.round(size * L.searchInside));
    const outSteps = Math.max(1, Math.round(size * L.searchOutside));
    let best = { score: 0, d: 0 };
    for (let d = -outSteps; d <= steps; d++) {
      const line = Math.round(base + inward * d);
      if (line < 2 || line >= limit - 2) continue;
      let hits = 0;
      let count = 0;
      for (let t = from; t < to; t++) {
        // The step across the line, over ±2 px so a slightly soft edge still counts.
        const step = horizontal
          ? Math.abs(at(t, line + 2) - at(t, line - 2))
          : Math.abs(at(line + 2, t) - at(line - 2, t));
        if (step >= L.edgeStep) hits++;
        count++;
      }
      const score = count > 0 ? hits / count : 0;
      if (
        score > best.score + 1e-9 ||
        (Math.abs(score - best.score) <= 1e-9 && Math.abs(d) < Math.abs(best.d))
      )
        best = { score, d };
    }
    return { side, score: best.score, offset: best.d / size, found: best.score >= L.minSideScore };
  });
}

/** Framing from the four side fits: on the guide, too small (move closer), too big (move back), or neither. */
export function framingFor(fits: readonly SideFit[]): DocumentGuidance {
  const tol = DOCUMENT_LIMITS.sideTolerance;
  const found = fits.filter((f) => f.found);
  if (found.length < 3) return 'no_card';
  if (found.length === 4 && found.every((f) => Math.abs(f.offset) <= tol)) return 'ok';
  const mean = found.reduce((s, f) => s + f.offset, 0) / found.length;
  if (mean > tol && found.every((f) => f.offset > -tol)) return 'move_closer';
  if (mean < -tol && found.every((f) => f.offset < tol)) return 'move_back';
  return 'align';
}

export interface DocumentFrameCheck {
  status: DocumentGuidance;
  brightness: number;
  sharpness: number;
  motion: number;
  sides: SideFit[];
}

/**
 * One analysed frame → one status, in the order a user can fix things: light, framing, holding
 * still, focus. `previous` is the last analysed frame (same size) for the motion check.
 */
export function assessDocumentFrame(img: LumaImage, guide: Rect, previous?: LumaImage): DocumentFrameCheck {
  const L = DOCUMENT_LIMITS;
  const brightness = meanLuma(img, guide);
  const inner: Rect = {
    x: guide.x + guide.width * 0.08,
    y: guide.y + guide.height * 0.08,
    width: guide.width * 0.84,
    height: guide.height * 0.84,
  };
  const sharpness = laplacianVariance(img, inner);
  const motion = previous ? frameDifference(img, previous, guide) : 0;
  const sides = fitSides(img, guide);
  const result = (status: DocumentGuidance): DocumentFrameCheck => ({
    status,
    brightness,
    sharpness,
    motion,
    sides,
  });
  if (brightness < L.minLuma) return result('too_dark');
  if (brightness > L.maxLuma) return result('too_bright');
  const framing = framingFor(sides);
  if (framing !== 'ok') return result(framing);
  if (motion > L.maxMotion) return result('hold_still');
  if (sharpness < L.minSharpness) return result('blurry');
  return result('ok');
}

/** True once `ok` was seen `n` checks in a row (a single good frame is often a lucky one). */
export class StableCounter {
  private run = 0;

  constructor(private readonly n: number = DOCUMENT_LIMITS.stableChecks) {}

  push(status: DocumentGuidance): boolean {
    this.run = status === 'ok' ? this.run + 1 : 0;
    return this.run >= this.n;
  }

  reset(): void {
    this.run = 0;
  }
}

/** vendor-docs 003_* ocrAutoTimeout: default 20 s, at least 5 s, at most 30 s. */
export function clampAutoTimeout(ms: number | undefined): number {
  if (ms === undefined || !Number.isFinite(ms)) return 20_000;
  return Math.min(30_000, Math.max(5_000, Math.round(ms)));
}
