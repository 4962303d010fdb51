import type { RgbImage } from '../../types.js';
import { laplacianVariance } from '../../faces/image-stats.js';
import { toGrey } from '../card-detect.js';
import { occlusionMeasure } from './occlusion.js';
import { tamperMeasure } from './tampering.js';

/**
 * Document warnings (spec WebVerificationConfigIntl.SelectedWarningCodes). Each detector returns
 * a score and fires above/below a named threshold. Thresholds were set on the generated test
 * cards (documents.test.ts: clean vs. variant, margins noted per constant) — not on eval data.
 */
export const WARNING_CODES = {
  incompleteBorder: -9101,
  /** spec: -9101 is "occlusion or incomplete border"; reported under its own name, same code. */
  occlusion: -9101,
  photocopy: -9102,
  recapture: -9103,
  tampering: -9104,
  glare: -9107,
  blur: -9108,
} as const;
export type WarningName = keyof typeof WARNING_CODES;

export interface DocumentWarning {
  readonly code: (typeof WARNING_CODES)[WarningName];
  readonly name: WarningName;
  readonly score: number;
  readonly threshold: number;
}

/** Analysis width: measures are taken at a fixed scale so they do not depend on the photo size. */
const MEASURE_WIDTH = 640;

/**
 * Variance of the Laplacian (Pech-Pacheco et al., ICPR 2000) below which the card is blurry.
 * Generated cards at 640 px width: clean / tilted / glare / moiré 2300–4300, Gaussian σ=3
 * blur of the photo 62. 150 sits well above the blur and far below sharp cards (a phone photo
 * is softer than a render: expect real sharp captures lower than 2300).
 */
export const BLUR_LAPLACIAN_VAR_MIN = 150;
/** Largest hot blob share (see glareFraction). Generated cards: clean 0.008 (the portrait's bright backdrop), 90 px glare disc 0.046. */
export const GLARE_FRACTION_MAX = 0.02;
/** Mean chroma (max−min channel, 0..255) below which the card is a greyscale copy. Generated colour cards 30–42, greyscale copy 0; dev-set colour scans 15+. */
export const PHOTOCOPY_CHROMA_MAX = 6;
/**
 * Periodicity of the high-pass residual (autocorrelation peak at lags 3..12 px plus the depth
 * of the trough before it): a screen recapture adds a periodic moiré grating (period a few px),
 * printed text, photos and blur do not. Generated cards: clean / tilted / blurred / glare
 * 0.22–0.26, 5 px moiré of amplitude 22 levels 0.63; 0.45 is the midpoint.
 */
export const MOIRE_AUTOCORR_MIN = 0.45;
/**
 * |ln| of the noise-level ratio between a compact patch (≥ 2 % of the card) and the ring around
 * it (tampering.ts). Generated cards: clean / tilted / blurred / glare / moiré / photocopy and the
 * same with camera noise (σ 2.5 + JPEG 90) 0 (no such patch); a retyped field or a swapped
 * portrait pasted with its own noise / JPEG history 1.09–1.46. ln 2.5 = 0.92 sits below those;
 * on the dev scans the largest other patch scored 0.69.
 */
export const TAMPER_NOISE_RATIO_MIN = Math.log(2.5);
/**
 * Share of the card covered by a skin-toned region entering from the border (occlusion.ts).
 * Generated cards: every capture variant 0, a 170 px finger over the MRZ 0.039; dev scans at most
 * 0.014 (a portrait's skin touching a tightly cropped scan's edge). 0.02 sits between.
 */
export const OCCLUSION_SKIN_MIN = 0.02;

interface Measure {
  grey: Float32Array;
  w: number;
  h: number;
}

function measureGrey(card: RgbImage): Measure {
  const k = Math.max(1, card.width / MEASURE_WIDTH);
  const full = toGrey(card);
  if (k === 1) return { grey: full, w: card.width, h: card.height };
  const w = Math.floor(card.width / k),
    h = Math.floor(card.height / k);
  const grey = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      grey[y * w + x] = full[Math.floor(y * k) * card.width + Math.floor(x * k)] as number;
  return { grey, w, h };
}

/**
 * Largest connected blob of "hot" pixels (min channel ≥ 250 and ≥ 25 above the card's median)
 * as a share of the card. One blob, because a printed photo's overexposed background or white
 * lettering is spread over many small pieces while a specular reflection is one compact disc.
 */
export function glareFraction(card: RgbImage): number {
  const n = card.width * card.height;
  const lum = new Uint8Array(n);
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) {
    const v = Math.min(
      card.data[i * 3] as number,
      card.data[i * 3 + 1] as number,
      card.data[i * 3 + 2] as number,
    );
    lum[i] = v;
    hist[v] = (hist[v] as number) + 1;
  }
  let acc = 0,
    median = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v] as number;
    if (acc >= n / 2) {
      median = v;
      break;
    }
  }
  const hot = new Uint8Array(n);
  for (let i = 0; i < n; i++) if ((lum[i] as number) >= 250 && (lum[i] as number) - median >= 25) hot[i] = 1;
  let largest = 0;
  const stack: number[] = [];
  const w = card.width;
  for (let s = 0; s < n; s++) {
    if (hot[s] !== 1) continue;
    hot[s] = 2;
    stack.push(s);
    let size = 0;
    while (stack.length) {
      const i = stack.pop() as number;
      size++;
      const x = i % w;
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w])
        if (j >= 0 && j < n && hot[j] === 1) {
          hot[j] = 2;
          stack.push(j);
        }
    }
    largest = Math.max(largest, size);
  }
  return largest / n;
}

export function meanChroma(card: RgbImage): number {
  let s = 0;
  const n = card.width * card.height;
  const step = Math.max(1, Math.floor(n / 200_000));
  let count = 0;
  for (let i = 0; i < n; i += step) {
    const r = card.data[i * 3] as number,
      g = card.data[i * 3 + 1] as number,
      b = card.data[i * 3 + 2] as number;
    s += Math.max(r, g, b) - Math.min(r, g, b);
    count++;
  }
  return s / count;
}

/** Periodic autocorrelation of the 3×3 high-pass residual along x and y: peak at lags 3..12 plus the depth of the trough before it. */
export function moireScore({ grey, w, h }: Measure): number {
  const res = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      let s = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) s += grey[i + dy * w + dx] as number;
      res[i] = (grey[i] as number) - s / 9;
    }
  let energy = 0;
  for (let i = 0; i < res.length; i++) energy += (res[i] as number) ** 2;
  if (energy === 0) return 0;
  // Periodicity, not smoothness: a blurred card's residual also correlates at short lags, but
  // decays monotonically; a grating dips negative at half its period and rebounds at the period.
  let best = 0,
    troughX = Infinity,
    troughY = Infinity;
  for (let lag = 1; lag <= 12; lag++) {
    let cx = 0,
      cy = 0;
    for (let y = 1; y < h - 1 - lag; y++)
      for (let x = 1; x < w - 1 - lag; x++) {
        const i = y * w + x;
        cx += (res[i] as number) * (res[i + lag] as number);
        cy += (res[i] as number) * (res[i + lag * w] as number);
      }
    const ax = cx / energy,
      ay = cy / energy;
    if (lag >= 3)
      best = Math.max(best, ax > 0 ? ax - Math.min(0, troughX) : 0, ay > 0 ? ay - Math.min(0, troughY) : 0);
    troughX = Math.min(troughX, ax);
    troughY = Math.min(troughY, ay);
  }
  return best;
}

/** Every detector on the rectified card; `borderTouched` comes from card detection. */
export function detectWarnings(
  card: RgbImage,
  border: { found: boolean; touches: boolean },
): { warnings: DocumentWarning[]; scores: Record<WarningName, number> } {
  const m = measureGrey(card);
  const scores: Record<WarningName, number> = {
    incompleteBorder: !border.found ? 1 : border.touches ? 1 : 0,
    occlusion: occlusionMeasure(card).score,
    photocopy: meanChroma(card),
    recapture: moireScore(m),
    tampering: tamperMeasure(card).score,
    glare: glareFraction(card),
    blur: laplacianVariance(m.grey, m.w, m.h),
  };
  const fired: [WarningName, boolean, number][] = [
    ['incompleteBorder', scores.incompleteBorder >= 1, 1],
    ['occlusion', scores.occlusion >= OCCLUSION_SKIN_MIN, OCCLUSION_SKIN_MIN],
    ['photocopy', scores.photocopy < PHOTOCOPY_CHROMA_MAX, PHOTOCOPY_CHROMA_MAX],
    ['recapture', scores.recapture >= MOIRE_AUTOCORR_MIN, MOIRE_AUTOCORR_MIN],
    ['tampering', scores.tampering >= TAMPER_NOISE_RATIO_MIN, TAMPER_NOISE_RATIO_MIN],
    ['glare', scores.glare >= GLARE_FRACTION_MAX, GLARE_FRACTION_MAX],
    ['blur', scores.blur < BLUR_LAPLACIAN_VAR_MIN, BLUR_LAPLACIAN_VAR_MIN],
  ];
  const warnings = fired
    .filter(([, on]) => on)
    .map(([name, , threshold]) => ({ code: WARNING_CODES[name], name, score: scores[name], threshold }));
  return { warnings, scores };
}
