import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_LIMITS,
  ID1_ASPECT,
  StableCounter,
  TD3_ASPECT,
  assessDocumentFrame,
  cardAspect,
  clampAutoTimeout,
  fitSides,
  guideRect,
  laplacianVariance,
  lumaFromRgba,
  type LumaImage,
  type Rect,
} from './document-quality.js';

// Synthetic analysis frames at the analysis width (480 × 360, a 4:3 camera): a dark desk, a light
// card with rows of dark "text" strokes, optionally scaled, shifted, blurred or dimmed.
const W = DOCUMENT_LIMITS.analysisWidth;
const H = 360;
const GUIDE = guideRect(W, H, ID1_ASPECT);

function frame(
  card: Rect | undefined,
  opts: { desk?: number; paper?: number; ink?: number } = {},
): LumaImage {
  const { desk = 45, paper = 190, ink = 50 } = opts;
  const data = new Uint8Array(W * H).fill(desk);
  if (card) {
    const x0 = Math.round(card.x);
    const y0 = Math.round(card.y);
    const x1 = Math.round(card.x + card.width);
    const y1 = Math.round(card.y + card.height);
    for (let y = Math.max(0, y0); y < Math.min(H, y1); y++)
      for (let x = Math.max(0, x0); x < Math.min(W, x1); x++) {
        const u = x - x0;
        const v = y - y0;
        // Text rows 6 px high every 16 px, strokes 2 px wide every 5 px, in the middle of the card.
        const text =
          v > 20 && v < card.height - 14 && u > 16 && u < card.width - 16 && v % 16 < 6 && u % 5 < 2;
        data[y * W + x] = text ? ink : paper;
      }
  }
  return { width: W, height: H, data };
}

const scaled = (k: number, dx = 0, dy = 0): Rect => ({
  x: GUIDE.x + (GUIDE.width * (1 - k)) / 2 + dx,
  y: GUIDE.y + (GUIDE.height * (1 - k)) / 2 + dy,
  width: GUIDE.width * k,
  height: GUIDE.height * k,
});

/** Box blur, applied `passes` times (three passes of radius r ≈ a Gaussian of σ ≈ r). */
function blur(img: LumaImage, r: number, passes = 3): LumaImage {
  let src = img.data;
  for (let p = 0; p < passes; p++) {
    const tmp = new Uint8Array(src.length);
    const out = new Uint8Array(src.length);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        let s = 0;
        let n = 0;
        for (let k = -r; k <= r; k++) {
          const xx = Math.min(W - 1, Math.max(0, x + k));
          s += src[y * W + xx] ?? 0;
          n++;
        }
        tmp[y * W + x] = Math.round(s / n);
      }
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        let s = 0;
        let n = 0;
        for (let k = -r; k <= r; k++) {
          const yy = Math.min(H - 1, Math.max(0, y + k));
          s += tmp[yy * W + x] ?? 0;
          n++;
        }
        out[y * W + x] = Math.round(s / n);
      }
    src = out;
  }
  return { width: W, height: H, data: src };
}

describe('guide geometry', () => {
  it('passports get the TD3 shape, every other card ID-1', () => {
    expect(cardAspect('InternationalIDPassport')).toBeCloseTo(TD3_ASPECT, 6);
    expect(cardAspect('HKIDCard')).toBeCloseTo(1.586, 3);
  });

  it('guideRect is centred, keeps the aspect and stays inside the fill share of both sides', () => {
    for (const [fw, fh] of [
      [480, 360],
      [360, 640],
      [640, 360],
    ] as const) {
      const g = guideRect(fw, fh, ID1_ASPECT);
      expect(g.width / g.height).toBeCloseTo(ID1_ASPECT, 6);
      expect(g.x + g.width / 2).toBeCloseTo(fw / 2, 6);
      expect(g.y + g.height / 2).toBeCloseTo(fh / 2, 6);
      expect(g.width).toBeLessThanOrEqual(fw * DOCUMENT_LIMITS.guideFill + 1e-9);
      expect(g.height).toBeLessThanOrEqual(fh * DOCUMENT_LIMITS.guideFill + 1e-9);
    }
  });
});

describe('lumaFromRgba', () => {
  it('weights green most (Rec. 601, weights summing to 256: grey stays grey) and ignores alpha', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255, 200, 200, 200, 255]);
    const l = lumaFromRgba(rgba, 4, 1);
    expect([...l.data]).toEqual([76, 149, 28, 200]);
  });
});

describe('assessDocumentFrame', () => {
  it('ok: a sharp, well-lit card on the guide, held still', () => {
    const f = frame(scaled(1));
    const r = assessDocumentFrame(f, GUIDE, f);
    expect(r.sides.map((s) => s.found)).toEqual([true, true, true, true]);
    expect(r.sides.every((s) => Math.abs(s.offset) < 0.02)).toBe(true);
    expect(r.sharpness).toBeGreaterThan(DOCUMENT_LIMITS.minSharpness * 5);
    expect(r.status).toBe('ok');
  });

  it('a card slightly off the guide (within tolerance) is still ok', () => {
    expect(assessDocumentFrame(frame(scaled(1.06, 4, -3)), GUIDE).status).toBe('ok');
    expect(assessDocumentFrame(frame(scaled(0.94)), GUIDE).status).toBe('ok');
  });

  it('move_closer when the card sits well inside the guide, move_back when it spills outside', () => {
    const far = assessDocumentFrame(frame(scaled(0.7)), GUIDE);
    expect(far.status).toBe('move_closer');
    expect(far.sides.every((s) => s.offset > 0.1)).toBe(true);
    expect(assessDocumentFrame(frame(scaled(1.18)), GUIDE).status).toBe('move_back');
  });

  it('no_card on an empty desk or a plain wall, align when the card is pushed to one side', () => {
    expect(assessDocumentFrame(frame(undefined, { desk: 120 }), GUIDE).status).toBe('no_card');
    expect(assessDocumentFrame(frame(scaled(1, GUIDE.width * 0.15, 0)), GUIDE).status).toBe('align');
  });

  it('too_dark / too_bright from the light inside the guide, before framing', () => {
    expect(assessDocumentFrame(frame(scaled(1), { desk: 8, paper: 40, ink: 10 }), GUIDE).status).toBe(
      'too_dark',
    );
    expect(assessDocumentFrame(frame(scaled(1), { desk: 200, paper: 250, ink: 150 }), GUIDE).status).toBe(
      'too_bright',
    );
  });

  it('blurry: a σ ≈ 2 px blur of the same card fails the Laplacian-variance check', () => {
    const sharp = frame(scaled(1));
    const soft = blur(sharp, 2);
    const r = assessDocumentFrame(soft, GUIDE, soft);
    expect(laplacianVariance(sharp, GUIDE)).toBeGreaterThan(200);
    expect(r.sharpness).toBeLessThan(DOCUMENT_LIMITS.minSharpness);
    // The card edges are still found: the only complaint is focus.
    expect(r.sides.every((s) => s.found)).toBe(true);
    expect(r.status).toBe('blurry');
  });

  it('hold_still when the card moved since the last analysed frame', () => {
    const before = frame(scaled(1));
    const after = frame(scaled(1, 5, 3));
    const r = assessDocumentFrame(after, GUIDE, before);
    expect(r.motion).toBeGreaterThan(DOCUMENT_LIMITS.maxMotion);
    expect(r.status).toBe('hold_still');
  });

  it('fitSides reports each side on its own (one edge cut off → three found)', () => {
    const fits = fitSides(frame({ ...scaled(1), height: H }), GUIDE); // card runs off the bottom
    expect(fits.find((f) => f.side === 'bottom')?.found).toBe(false);
    expect(fits.filter((f) => f.found)).toHaveLength(3);
  });
});

describe('StableCounter and the auto-capture timeout', () => {
  it('fires after three ok checks in a row, any other status resets it', () => {
    const s = new StableCounter();
    expect([s.push('ok'), s.push('ok'), s.push('blurry'), s.push('ok'), s.push('ok'), s.push('ok')]).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('ocrAutoTimeout: default 20 s, clamped to 5–30 s (vendor-docs 003_*)', () => {
    expect(clampAutoTimeout(undefined)).toBe(20_000);
    expect(clampAutoTimeout(1000)).toBe(5_000);
    expect(clampAutoTimeout(45_000)).toBe(30_000);
    expect(clampAutoTimeout(12_345)).toBe(12_345);
  });
});
