import { fitHomography, type Pt } from '../liveness/homography.js';
import type { RgbImage } from '../types.js';
import { toLuma } from '../faces/image-stats.js';

export interface CardQuad {
  /** Corners in image pixels: top-left, top-right, bottom-right, bottom-left. */
  readonly corners: readonly [Pt, Pt, Pt, Pt];
  /** Quad area / image area. */
  readonly areaFraction: number;
}

/** Edge analysis runs on this many pixels along the long side (the border is a large structure). */
const ANALYSIS_SIDE = 320;
/** Gradient magnitude (0..255 grey levels per pixel, Sobel/8) counted as an edge. */
const EDGE_THRESHOLD = 12;
/** A card smaller than this share of the photo is not trusted (likely clutter). */
const MIN_AREA_FRACTION = 0.2;
/**
 * Share of points along each quad side that must lie on an edge (within SUPPORT_RADIUS px of the
 * analysis image). Diagonal extremes of a scan's content (photo corners, text) also form a quad;
 * only a real card border runs along edges on all four sides.
 */
const SIDE_SUPPORT_MIN = 0.7;
const SUPPORT_RADIUS = 2;
/** Rectified output long side. */
const RECTIFIED_MAX_SIDE = 1280;

/** BT.601 luma of the whole image (the same luma the face quality checks use). */
export function toGrey(image: RgbImage): Float32Array {
  return toLuma(image.data);
}

/** Box-downscale the grey image by an integer factor (area average keeps edges stable). */
function downscale(
  grey: Float32Array,
  w: number,
  h: number,
  k: number,
): { g: Float32Array; w: number; h: number } {
  const ow = Math.floor(w / k),
    oh = Math.floor(h / k);
  const g = new Float32Array(ow * oh);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let dy = 0; dy < k; dy++)
        for (let dx = 0; dx < k; dx++) s += grey[(y * k + dy) * w + x * k + dx] as number;
      g[y * ow + x] = s / (k * k);
    }
  return { g, w: ow, h: oh };
}

/**
 * The card quadrilateral: on a downscaled grey image, Sobel edges; the card border is the
 * outermost edge structure, so its corners are the edge pixels extreme along the diagonals
 * (min/max of x+y and x−y). Works for in-plane tilt up to ≈35° and perspective; a card on a
 * busy background is not isolated (then we fall back to the whole image). Null: no usable quad.
 */
export function detectCard(image: RgbImage): CardQuad | null {
  const k = Math.max(1, Math.floor(Math.max(image.width, image.height) / ANALYSIS_SIDE));
  const { g, w, h } = downscale(toGrey(image), image.width, image.height, k);
  let tl: Pt | null = null,
    tr: Pt | null = null,
    br: Pt | null = null,
    bl: Pt | null = null;
  const edge = new Uint8Array(w * h);
  let sMin = Infinity,
    sMax = -Infinity,
    dMin = Infinity,
    dMax = -Infinity;
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const at = (dx: number, dy: number) => g[(y + dy) * w + x + dx] as number;
      const gx = at(1, -1) + 2 * at(1, 0) + at(1, 1) - at(-1, -1) - 2 * at(-1, 0) - at(-1, 1);
      const gy = at(-1, 1) + 2 * at(0, 1) + at(1, 1) - at(-1, -1) - 2 * at(0, -1) - at(1, -1);
      if (Math.hypot(gx, gy) / 8 < EDGE_THRESHOLD) continue;
      edge[y * w + x] = 1;
      const s = x + y,
        d = x - y;
      if (s < sMin) {
        sMin = s;
        tl = [x, y];
      }
      if (s > sMax) {
        sMax = s;
        br = [x, y];
      }
      if (d > dMax) {
        dMax = d;
        tr = [x, y];
      }
      if (d < dMin) {
        dMin = d;
        bl = [x, y];
      }
    }
  if (!tl || !tr || !br || !bl) return null;
  const near = (x: number, y: number): boolean => {
    for (let dy = -SUPPORT_RADIUS; dy <= SUPPORT_RADIUS; dy++)
      for (let dx = -SUPPORT_RADIUS; dx <= SUPPORT_RADIUS; dx++) {
        const xx = Math.round(x) + dx,
          yy = Math.round(y) + dy;
        if (xx >= 0 && yy >= 0 && xx < w && yy < h && edge[yy * w + xx]) return true;
      }
    return false;
  };
  const quad = [tl, tr, br, bl] as const;
  for (let i = 0; i < 4; i++) {
    const a = quad[i] as Pt,
      b = quad[(i + 1) % 4] as Pt;
    let hits = 0;
    for (let t = 0; t < 50; t++)
      if (near(a[0] + ((b[0] - a[0]) * (t + 0.5)) / 50, a[1] + ((b[1] - a[1]) * (t + 0.5)) / 50)) hits++;
    if (hits / 50 < SIDE_SUPPORT_MIN) return null;
  }
  const scale = (p: Pt): Pt => [(p[0] + 0.5) * k, (p[1] + 0.5) * k];
  const corners = [scale(tl), scale(tr), scale(br), scale(bl)] as [Pt, Pt, Pt, Pt];
  const area = polygonArea(corners) / (image.width * image.height);
  return area >= MIN_AREA_FRACTION ? { corners, areaFraction: area } : null;
}

function polygonArea(p: readonly Pt[]): number {
  let a = 0;
  for (let i = 0; i < p.length; i++) {
    const [x0, y0] = p[i] as Pt,
      [x1, y1] = p[(i + 1) % p.length] as Pt;
    a += x0 * y1 - x1 * y0;
  }
  return Math.abs(a) / 2;
}

/**
 * Share of the short side by which every corner must move for a warp to be worth it: a scan or
 * a tight crop already is the card, and resampling it only softens the MRZ glyphs.
 */
const WARP_MIN_SHIFT = 0.03;

export function worthRectifying(quad: CardQuad, width: number, height: number): boolean {
  const m = Math.min(width, height) * WARP_MIN_SHIFT;
  const targets: Pt[] = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
  return quad.corners.some(
    ([x, y], i) => Math.hypot(x - (targets[i] as Pt)[0], y - (targets[i] as Pt)[1]) > m,
  );
}

/** Whether any corner lies within `margin` (share of the short side) of the image edge. */
export function touchesBorder(quad: CardQuad, width: number, height: number, margin = 0.01): boolean {
  const m = Math.min(width, height) * margin;
  return quad.corners.some(([x, y]) => x < m || y < m || x > width - m || y > height - m);
}

/**
 * Perspective-rectify the quad onto an upright rectangle (bilinear sampling, inverse mapping).
 * fitHomography needs ≥5 correspondences: the diagonals' intersection maps to the rectangle's
 * centre under any homography (incidence is preserved), which adds the fifth point.
 */
export function rectify(image: RgbImage, quad: CardQuad): RgbImage | null {
  const [tl, tr, br, bl] = quad.corners;
  const dist = (a: Pt, b: Pt) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  let w = Math.max(dist(tl, tr), dist(bl, br)),
    h = Math.max(dist(tl, bl), dist(tr, br));
  const s = Math.min(1, RECTIFIED_MAX_SIDE / Math.max(w, h));
  w = Math.round(w * s);
  h = Math.round(h * s);
  const centre = diagonalIntersection(quad.corners);
  if (!centre || w < 16 || h < 16) return null;
  const dst: Pt[] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
    [w / 2, h / 2],
  ];
  const map = fitHomography(dst, [...quad.corners, centre]);
  if (!map) return null;
  const out = new Uint8Array(w * h * 3);
  const src = image.data,
    iw = image.width,
    ih = image.height;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [sx, sy] = map([x + 0.5, y + 0.5]);
      const fx = Math.min(iw - 1.001, Math.max(0, sx - 0.5)),
        fy = Math.min(ih - 1.001, Math.max(0, sy - 0.5));
      const x0 = Math.floor(fx),
        y0 = Math.floor(fy),
        ax = fx - x0,
        ay = fy - y0;
      const i00 = (y0 * iw + x0) * 3,
        i01 = i00 + 3,
        i10 = i00 + iw * 3,
        i11 = i10 + 3;
      for (let c = 0; c < 3; c++) {
        const top = (src[i00 + c] as number) * (1 - ax) + (src[i01 + c] as number) * ax;
        const bot = (src[i10 + c] as number) * (1 - ax) + (src[i11 + c] as number) * ax;
        out[(y * w + x) * 3 + c] = Math.round(top * (1 - ay) + bot * ay);
      }
    }
  return { width: w, height: h, data: out };
}

function diagonalIntersection([a, b, c, d]: readonly [Pt, Pt, Pt, Pt]): Pt | null {
  // Lines a→c and b→d.
  const d1x = c[0] - a[0],
    d1y = c[1] - a[1],
    d2x = d[0] - b[0],
    d2y = d[1] - b[1];
  const den = d1x * d2y - d1y * d2x;
  if (Math.abs(den) < 1e-9) return null;
  const t = ((b[0] - a[0]) * d2y - (b[1] - a[1]) * d2x) / den;
  return [a[0] + t * d1x, a[1] + t * d1y];
}
