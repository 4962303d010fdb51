import type { RgbImage } from '../../types.js';

/**
 * Occlusion (spec: -9101 "occlusion or incomplete border"): a finger or thumb over the card.
 * It enters from the card's edge, so the measure is the largest skin-coloured region that touches
 * the card border, reaches into the card (not a sliver of the hand holding it along an edge) and
 * does not run along most of the border (that would be a skin-toned card background). Skin:
 * the YCbCr box of Chai & Ngan (IEEE TCSVT 1999: Cb 77–127, Cr 133–173), not too dark (a brown
 * desk in the rounded card corners is not skin). Score = its area as a share of the card.
 */
export interface OcclusionMeasure {
  readonly score: number;
  readonly box: { x: number; y: number; width: number; height: number } | null;
}

/** The skin mask is taken on this many columns (a finger is a large structure). */
const GRID_WIDTH = 320;
const MIN_LUMA = 60;
/** The region must reach this share of the card's width/height in from the edge it touches. */
const MIN_DEPTH = 0.05;
/** …and touch at most this share of the card's perimeter. */
const MAX_BORDER_SHARE = 0.3;

export function occlusionMeasure(card: RgbImage): OcclusionMeasure {
  const k = Math.max(1, card.width / GRID_WIDTH);
  const w = Math.max(1, Math.floor(card.width / k)),
    h = Math.max(1, Math.floor(card.height / k));
  const skin = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (Math.floor(y * k) * card.width + Math.floor(x * k)) * 3;
      const r = card.data[i] as number,
        g = card.data[i + 1] as number,
        b = card.data[i + 2] as number;
      const luma = 0.299 * r + 0.587 * g + 0.114 * b;
      const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
      const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
      if (luma >= MIN_LUMA && cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173) skin[y * w + x] = 1;
    }
  let best: OcclusionMeasure = { score: 0, box: null };
  const perimeter = 2 * (w + h);
  const stack: number[] = [];
  for (let s = 0; s < w * h; s++) {
    if (skin[s] !== 1) continue;
    skin[s] = 2;
    stack.push(s);
    let area = 0,
      border = 0,
      x0 = w,
      y0 = h,
      x1 = 0,
      y1 = 0;
    while (stack.length) {
      const i = stack.pop() as number;
      const x = i % w,
        y = (i - x) / w;
      area++;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) border++;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      for (const j of [
        x > 0 ? i - 1 : -1,
        x < w - 1 ? i + 1 : -1,
        y > 0 ? i - w : -1,
        y < h - 1 ? i + w : -1,
      ])
        if (j >= 0 && skin[j] === 1) {
          skin[j] = 2;
          stack.push(j);
        }
    }
    if (!border || border > MAX_BORDER_SHARE * perimeter) continue;
    // Depth in from each border the region touches: its extent perpendicular to that side.
    const deep =
      (x0 === 0 && x1 + 1 >= MIN_DEPTH * w) ||
      (x1 === w - 1 && w - x0 >= MIN_DEPTH * w) ||
      (y0 === 0 && y1 + 1 >= MIN_DEPTH * h) ||
      (y1 === h - 1 && h - y0 >= MIN_DEPTH * h);
    const score = area / (w * h);
    if (deep && score > best.score)
      best = {
        score,
        box: {
          x: Math.floor(x0 * k),
          y: Math.floor(y0 * k),
          width: Math.ceil((x1 - x0 + 1) * k),
          height: Math.ceil((y1 - y0 + 1) * k),
        },
      };
  }
  return best;
}
