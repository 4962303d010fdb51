import type { RgbImage } from '../types.js';
import { DLIB5_MEAN, dlib68Mean } from './dlib-template.js';
import { DLIB5_FROM_MESH, DLIB68_FROM_MESH } from './mesh-landmarks.js';

/** The recogniser's input size and dlib's padding for it (dnn_face_recognition_ex.cpp: 150, 0.25). */
export const CHIP_SIZE = 150;
export const CHIP_PADDING = 0.25;

export type AlignTemplate = 'dlib68' | 'dlib5';

type Mesh = ReadonlyArray<readonly [number, number, number]>;

/** Similarity transform chip → image as complex numbers: image = a·chip + b. */
interface Similarity {
  ar: number;
  ai: number;
  br: number;
  bi: number;
}

/** Pairs of (chip point, image point) for the chosen template. */
function correspondences(
  mesh: Mesh,
  template: AlignTemplate,
  size: number,
  padding: number,
): Array<[number, number, number, number]> {
  const toChip = (v: number) => ((padding + v) / (2 * padding + 1)) * size;
  const pairs: Array<[number, number, number, number]> = [];
  const add = (mean: readonly [number, number], meshIndex: number) => {
    const p = mesh[meshIndex];
    if (p) pairs.push([toChip(mean[0]), toChip(mean[1]), p[0], p[1]]);
  };
  if (template === 'dlib5') DLIB5_FROM_MESH.forEach((m, k) => add(DLIB5_MEAN[k] as [number, number], m));
  else for (const [dlib, m] of Object.entries(DLIB68_FROM_MESH)) add(dlib68Mean(Number(dlib)), m);
  return pairs;
}

/** Least-squares similarity (rotation + uniform scale + translation), closed form in complex numbers. */
function fitSimilarity(pairs: Array<[number, number, number, number]>): Similarity {
  const n = pairs.length;
  let sx = 0,
    sy = 0,
    dx = 0,
    dy = 0;
  for (const [a, b, c, d] of pairs) {
    sx += a;
    sy += b;
    dx += c;
    dy += d;
  }
  sx /= n;
  sy /= n;
  dx /= n;
  dy /= n;
  let numR = 0,
    numI = 0,
    den = 0;
  for (const [a, b, c, d] of pairs) {
    const ur = a - sx,
      ui = b - sy,
      vr = c - dx,
      vi = d - dy;
    // (v) * conj(u)
    numR += vr * ur + vi * ui;
    numI += vi * ur - vr * ui;
    den += ur * ur + ui * ui;
  }
  const ar = numR / den,
    ai = numI / den;
  return { ar, ai, br: dx - (ar * sx - ai * sy), bi: dy - (ar * sy + ai * sx) };
}

/**
 * The dlib face chip (150×150, padding 0.25) computed from the mesh: fit the similarity that maps
 * dlib's mean face onto the mesh landmarks, then resample. When the face is larger than the chip,
 * each chip pixel averages k×k bilinear samples (k ≈ scale) so that downscaling does not alias;
 * dlib does the same with an image pyramid.
 */
export function extractFaceChip(
  image: RgbImage,
  mesh: Mesh,
  options: {
    template?: AlignTemplate;
    size?: number;
    padding?: number;
    mirror?: boolean;
    outside?: number;
  } = {},
): Float32Array {
  const size = options.size ?? CHIP_SIZE;
  const t = fitSimilarity(
    correspondences(mesh, options.template ?? 'dlib68', size, options.padding ?? CHIP_PADDING),
  );
  const scale = Math.hypot(t.ar, t.ai);
  const k = Math.max(1, Math.min(6, Math.round(scale)));
  const out = new Float32Array(size * size * 3);
  const px = [0, 0, 0];
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      let r = 0,
        g = 0,
        b = 0;
      for (let sv = 0; sv < k; sv++) {
        for (let su = 0; su < k; su++) {
          const cu = u + (su + 0.5) / k - 0.5,
            cv = v + (sv + 0.5) / k - 0.5;
          sampleBilinear(
            image,
            t.ar * cu - t.ai * cv + t.br,
            t.ai * cu + t.ar * cv + t.bi,
            px,
            options.outside,
          );
          r += px[0] as number;
          g += px[1] as number;
          b += px[2] as number;
        }
      }
      const col = options.mirror ? size - 1 - u : u;
      const o = (v * size + col) * 3;
      const n = k * k;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
    }
  }
  return out;
}

/** Bilinear sample with edge clamping (dlib pads chips with black; clamping avoids a hard edge). */
function sampleBilinear(img: RgbImage, x: number, y: number, out: number[], outside?: number): void {
  const w = img.width,
    h = img.height,
    d = img.data;
  if (outside !== undefined && (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5)) {
    out[0] = out[1] = out[2] = outside;
    return;
  }
  const xc = Math.min(Math.max(x, 0), w - 1),
    yc = Math.min(Math.max(y, 0), h - 1);
  const x0 = Math.floor(xc),
    y0 = Math.floor(yc);
  const x1 = Math.min(x0 + 1, w - 1),
    y1 = Math.min(y0 + 1, h - 1);
  const fx = xc - x0,
    fy = yc - y0;
  const i00 = (y0 * w + x0) * 3,
    i01 = (y0 * w + x1) * 3,
    i10 = (y1 * w + x0) * 3,
    i11 = (y1 * w + x1) * 3;
  for (let c = 0; c < 3; c++) {
    const top = (d[i00 + c] as number) * (1 - fx) + (d[i01 + c] as number) * fx;
    const bot = (d[i10 + c] as number) * (1 - fx) + (d[i11 + c] as number) * fx;
    out[c] = top * (1 - fy) + bot * fy;
  }
}
