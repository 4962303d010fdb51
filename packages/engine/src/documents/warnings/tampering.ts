import type { RgbImage } from '../../types.js';
import { noiseMap, type NoiseMap } from './noise-map.js';

/**
 * -9104 (edited / "PS" document): a pasted-in region — a retyped field, a swapped portrait —
 * carries the noise of the image it came from (its sensor, its JPEG history), so its noise level
 * differs from the card around it. The measure: connected blocks whose noise level departs from
 * the card's typical level by at least SEED_RATIO (either way), that form a compact patch (they
 * fill their bounding box) inside the card, and whose own level differs from the ring of blocks
 * just outside that box. Score = the largest such patch's |ln(level / ring level)|.
 */
export interface TamperMeasure {
  readonly score: number;
  /** The suspicious patch in card pixels, when one was found. */
  readonly box: { x: number; y: number; width: number; height: number } | null;
}

/** Noise floor added to both sides of a ratio (grey levels): renders have σ = 0 exactly. */
const EPS = 0.5;
/** Blocks whose level is this many times above/below the card median seed a patch. */
const SEED_RATIO = 2;
/**
 * A patch's box must cover this share of the card (a retyped field line is ≈ 5 %, a portrait
 * 10 %+). Smaller departures are common on real cards: microprint, holograms, logos.
 */
const MIN_AREA = 0.02;
/** Share of the measured blocks inside the patch's box that are seeds of the same sign. */
const MIN_FILL = 0.6;

export function tamperMeasure(card: RgbImage): TamperMeasure {
  return patchScore(noiseMap(card));
}

export function patchScore(map: NoiseMap): TamperMeasure {
  const { sigma, cols, rows, block } = map;
  const measured = [...sigma].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (measured.length < 16) return { score: 0, box: null };
  const ref = measured[measured.length >> 1] as number;
  const dev = (v: number) => Math.log((v + EPS) / (ref + EPS));
  const sign = new Int8Array(cols * rows);
  for (let i = 0; i < sigma.length; i++) {
    const v = sigma[i] as number;
    if (Number.isNaN(v)) continue;
    const d = dev(v);
    if (Math.abs(d) >= Math.log(SEED_RATIO)) sign[i] = d > 0 ? 1 : -1;
  }
  let best: TamperMeasure = { score: 0, box: null };
  const seen = new Uint8Array(cols * rows);
  for (let start = 0; start < sign.length; start++) {
    if (!sign[start] || seen[start]) continue;
    const comp = component(sign, seen, cols, rows, start);
    const { x0, y0, x1, y1 } = comp;
    if ((x1 - x0 + 1) * (y1 - y0 + 1) < MIN_AREA * cols * rows) continue;
    if (x0 === 0 || y0 === 0 || x1 === cols - 1 || y1 === rows - 1) continue; // not inside the card
    let inBox = 0;
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++) if (!Number.isNaN(sigma[y * cols + x] as number)) inBox++;
    if (comp.cells.length / inBox < MIN_FILL) continue;
    const ring: number[] = [];
    for (let y = y0 - 1; y <= y1 + 1; y++)
      for (let x = x0 - 1; x <= x1 + 1; x++) {
        if (y >= y0 && y <= y1 && x >= x0 && x <= x1) continue;
        const v = sigma[y * cols + x] as number;
        if (!Number.isNaN(v)) ring.push(v);
      }
    if (ring.length < 4) continue;
    const inside = median(comp.cells.map((i) => sigma[i] as number));
    const score = Math.abs(Math.log((inside + EPS) / (median(ring) + EPS)));
    if (score > best.score)
      best = {
        score,
        box: { x: x0 * block, y: y0 * block, width: (x1 - x0 + 1) * block, height: (y1 - y0 + 1) * block },
      };
  }
  return best;
}

/** 8-connected blocks of the same seed sign as `start`. */
function component(
  sign: Int8Array,
  seen: Uint8Array,
  cols: number,
  rows: number,
  start: number,
): { cells: number[]; x0: number; y0: number; x1: number; y1: number } {
  const s = sign[start] as number;
  const cells: number[] = [];
  const stack = [start];
  seen[start] = 1;
  let x0 = cols,
    y0 = rows,
    x1 = 0,
    y1 = 0;
  while (stack.length) {
    const i = stack.pop() as number;
    cells.push(i);
    const x = i % cols,
      y = (i - x) / cols;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx,
          ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
        const j = ny * cols + nx;
        if (!seen[j] && sign[j] === s) {
          seen[j] = 1;
          stack.push(j);
        }
      }
  }
  return { cells, x0, y0, x1, y1 };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? (s[s.length >> 1] as number) : 0;
}
