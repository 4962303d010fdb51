import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { fitHomography, type Pt } from '../liveness/homography.js';
import type { RgbImage } from '../types.js';

/**
 * Generated identity-document images for tests: SVG cards (fields in DejaVu Sans, MRZ in OCR-B
 * from Debian fonts-ocr-b) with a face-api demo photo (MIT, read from node_modules, never
 * copied) as the portrait, placed on a dark desk so the card border is visible, plus the
 * capture defects the warning detectors look for.
 */
export const OCR_B_FONT = '/usr/share/fonts/opentype/ocr-b/OCRB.otf';
export const hasOcrB = (): boolean => fs.existsSync(OCR_B_FONT);

export const CARD_W = 1000,
  CARD_H = 630;
const PAGE_W = 1400,
  PAGE_H = 1000;
const CARD_X = 200,
  CARD_Y = 185;

/** ICAO 9303 part 4 specimen (Anna Maria Eriksson, Utopia). */
export const SPECIMEN_TD3 = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
] as const;

export interface CardSpec {
  readonly title: string;
  /** Visual-zone lines, top to bottom, beside the portrait. */
  readonly lines: readonly string[];
  readonly mrz?: readonly string[];
  /** Card colour (a real card is printed in colour; the photocopy variant removes it). */
  readonly background?: string;
  /** Portrait photo (any format sharp reads); default: a face-api demo photo. */
  readonly portraitImage?: Buffer;
  /** Visual-zone font size and line pitch in px (default 34 / 52: up to 9 lines fit). */
  readonly fontSize?: number;
  readonly linePitch?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function portrait(width: number, height: number, image?: Buffer): Promise<Buffer> {
  if (image) return sharp(image).resize(width, height, { fit: 'cover' }).png().toBuffer();
  const root = path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json'));
  // sample2.jpg has three people: crop the right-hand one's head and shoulders like an ID photo.
  return sharp(path.join(root, 'demo', 'sample2.jpg'))
    .extract({ left: 1340, top: 40, width: 470, height: 580 })
    .resize(width, height, { fit: 'cover' })
    .png()
    .toBuffer();
}

/** The card alone, CARD_W × CARD_H, as raw RGB. */
export async function renderCardOnly(spec: CardSpec): Promise<RgbImage> {
  const text = spec.lines
    .map(
      (l, i) =>
        `<text x="330" y="${150 + i * (spec.linePitch ?? 52)}" font-family="DejaVu Sans" font-size="${spec.fontSize ?? 34}" fill="#111">${esc(l)}</text>`,
    )
    .join('');
  const mrz = (spec.mrz ?? [])
    .map(
      (l, i, all) =>
        `<text x="40" y="${CARD_H - 40 - (all.length - 1 - i) * 58}" font-family="OCR B" font-size="${l.length > 36 ? 28 : l.length > 30 ? 34 : 40}" fill="#000">${esc(l)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_W}" height="${CARD_H}">
    <rect width="${CARD_W}" height="${CARD_H}" rx="28" fill="${spec.background ?? '#cfe3f2'}"/>
    <rect y="0" width="${CARD_W}" height="80" fill="#2f6d9e"/>
    <text x="40" y="55" font-family="DejaVu Sans" font-size="36" font-weight="bold" fill="#fff">${esc(spec.title)}</text>
    ${text}${mrz}</svg>`;
  const face = await portrait(250, 310, spec.portraitImage);
  const png = await sharp(Buffer.from(svg))
    .composite([{ input: face, left: 45, top: 110 }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: png.info.width, height: png.info.height, data: new Uint8Array(png.data) };
}

/** The card on a dark desk, optionally seen in perspective (corners TL, TR, BR, BL on the page). */
export async function renderOnDesk(card: RgbImage, corners?: readonly [Pt, Pt, Pt, Pt]): Promise<RgbImage> {
  const quad = corners ?? [
    [CARD_X, CARD_Y],
    [CARD_X + CARD_W, CARD_Y],
    [CARD_X + CARD_W, CARD_Y + CARD_H],
    [CARD_X, CARD_Y + CARD_H],
  ];
  const centre = lineIntersection(quad);
  const map = fitHomography(
    [...quad, centre],
    [
      [0, 0],
      [CARD_W, 0],
      [CARD_W, CARD_H],
      [0, CARD_H],
      [CARD_W / 2, CARD_H / 2],
    ],
  );
  if (!map) throw new Error('bad quad');
  const out = new Uint8Array(PAGE_W * PAGE_H * 3);
  for (let y = 0; y < PAGE_H; y++)
    for (let x = 0; x < PAGE_W; x++) {
      const [u, v] = map([x + 0.5, y + 0.5]);
      const o = (y * PAGE_W + x) * 3;
      const inside = u >= 0 && v >= 0 && u < CARD_W && v < CARD_H && !cornerCut(u, v);
      if (!inside) {
        out[o] = 52;
        out[o + 1] = 44;
        out[o + 2] = 38;
        continue;
      } // wooden desk
      const i = (Math.floor(v) * CARD_W + Math.floor(u)) * 3;
      out[o] = card.data[i] as number;
      out[o + 1] = card.data[i + 1] as number;
      out[o + 2] = card.data[i + 2] as number;
    }
  return { width: PAGE_W, height: PAGE_H, data: out };
}

/** Rounded card corners (rx = 28 in the SVG) are transparent there: show the desk. */
function cornerCut(u: number, v: number): boolean {
  const r = 28;
  const cx = u < r ? r : u > CARD_W - r ? CARD_W - r : u,
    cy = v < r ? r : v > CARD_H - r ? CARD_H - r : v;
  return (u - cx) ** 2 + (v - cy) ** 2 > r * r;
}

function lineIntersection([a, b, c, d]: readonly [Pt, Pt, Pt, Pt]): Pt {
  const d1x = c[0] - a[0],
    d1y = c[1] - a[1],
    d2x = d[0] - b[0],
    d2y = d[1] - b[1];
  const t = ((b[0] - a[0]) * d2y - (b[1] - a[1]) * d2x) / (d1x * d2y - d1y * d2x);
  return [a[0] + t * d1x, a[1] + t * d1y];
}

const raw = (img: RgbImage) =>
  sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
const fromSharp = async (s: ReturnType<typeof sharp>): Promise<RgbImage> => {
  const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
};

export const toPng = async (img: RgbImage): Promise<Uint8Array> =>
  new Uint8Array(await raw(img).png().toBuffer());
export const toJpeg = async (img: RgbImage): Promise<Uint8Array> =>
  new Uint8Array(await raw(img).jpeg({ quality: 92 }).toBuffer());

export const blurred = (img: RgbImage, sigma = 4): Promise<RgbImage> => fromSharp(raw(img).blur(sigma));

/** A greyscale, slightly contrast-boosted copy (what a photocopier gives back). */
export function photocopied(img: RgbImage): RgbImage {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < img.data.length; i += 3) {
    const g =
      0.299 * (img.data[i] as number) +
      0.587 * (img.data[i + 1] as number) +
      0.114 * (img.data[i + 2] as number);
    out[i] = out[i + 1] = out[i + 2] = Math.max(0, Math.min(255, Math.round(g * 1.15 - 10)));
  }
  return { width: img.width, height: img.height, data: out };
}

/** A screen recapture's moiré: a tilted sinusoidal grating of the given period (px) and amplitude. */
export function withMoire(img: RgbImage, period = 5, amplitude = 22, angleDeg = 12): RgbImage {
  const out = new Uint8Array(img.data.length);
  const c = Math.cos((angleDeg * Math.PI) / 180),
    s = Math.sin((angleDeg * Math.PI) / 180);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const delta = amplitude * Math.sin((2 * Math.PI * (x * c + y * s)) / period);
      for (let k = 0; k < 3; k++) {
        const i = (y * img.width + x) * 3 + k;
        out[i] = Math.max(0, Math.min(255, Math.round((img.data[i] as number) + delta)));
      }
    }
  return { width: img.width, height: img.height, data: out };
}

/** A specular highlight: a saturated white disc with a soft rim. */
export function withGlare(img: RgbImage, cx: number, cy: number, radius: number): RgbImage {
  const out = new Uint8Array(img.data);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const d = Math.hypot(x - cx, y - cy) / radius;
      if (d >= 1.4) continue;
      const a = d < 1 ? 1 : 1 - (d - 1) / 0.4;
      for (let k = 0; k < 3; k++) {
        const i = (y * img.width + x) * 3 + k;
        out[i] = Math.round((out[i] as number) * (1 - a) + 255 * a);
      }
    }
  return { width: img.width, height: img.height, data: out };
}

export function cropped(img: RgbImage, x: number, y: number, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let r = 0; r < height; r++)
    data.set(
      img.data.subarray(((y + r) * img.width + x) * 3, ((y + r) * img.width + x + width) * 3),
      r * width * 3,
    );
  return { width, height, data };
}

export const DESK = { width: PAGE_W, height: PAGE_H, cardX: CARD_X, cardY: CARD_Y };

/** What SPECIMEN_TD3 says, as InternationalIDPassport fields (spec §8). */
export const SPECIMEN_PASSPORT_FIELDS = {
  LicenseNumber: 'L898902C3',
  Surname: 'ERIKSSON',
  GivenName: 'ANNA MARIA',
  Birthday: '1974-08-12',
  Sex: 'F',
  NationalityCode: 'UTO',
} as const;

/** The ICAO specimen passport's data page: visual zone and SPECIMEN_TD3 MRZ. */
export const SPECIMEN_PASSPORT: CardSpec = {
  title: 'UTOPIA PASSPORT',
  lines: [
    'Surname: ERIKSSON',
    'Given names: ANNA MARIA',
    'Date of birth: 12 AUG 1974',
    'Passport No: L898902C3',
  ],
  mrz: SPECIMEN_TD3,
};

/** The card seen in perspective on the desk page (corners TL, TR, BR, BL for renderOnDesk). */
export const DESK_TILT: readonly [Pt, Pt, Pt, Pt] = [
  [260, 150],
  [1180, 230],
  [1130, 860],
  [170, 800],
];

/**
 * The specimen passport photographed on the desk, the capture the document tests start from:
 * `portraitImage` replaces the demo face, `mrz` the specimen MRZ, `corners` tilt it (renderOnDesk).
 */
export async function renderSpecimenPassport(
  options: {
    portraitImage?: Buffer | undefined;
    mrz?: readonly string[] | undefined;
    corners?: readonly [Pt, Pt, Pt, Pt] | undefined;
  } = {},
): Promise<RgbImage> {
  const card = await renderCardOnly({
    ...SPECIMEN_PASSPORT,
    mrz: options.mrz ?? SPECIMEN_PASSPORT.mrz,
    portraitImage: options.portraitImage,
  });
  return renderOnDesk(card, options.corners);
}

/** Deterministic standard-normal samples (mulberry32 + Box–Muller), so noisy variants are reproducible. */
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/** Sensor noise (σ grey levels, one sample per pixel on all channels) then a camera's JPEG. */
export async function withCameraNoise(img: RgbImage, sigma = 2.5, quality = 90, seed = 7): Promise<RgbImage> {
  const out = new Uint8Array(img.data.length);
  const g = gaussian(seed);
  for (let p = 0; p < img.width * img.height; p++) {
    const n = sigma * g();
    for (let k = 0; k < 3; k++)
      out[p * 3 + k] = Math.max(0, Math.min(255, Math.round((img.data[p * 3 + k] as number) + n)));
  }
  return fromSharp(raw({ width: img.width, height: img.height, data: out }).jpeg({ quality }));
}

export interface PatchBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
/** "Date of birth" line of renderCardOnly's visual zone, with margins, on the renderOnDesk page. */
export const DESK_TEXT_FIELD: PatchBox = { x: CARD_X + 318, y: CARD_Y + 212, width: 560, height: 62 };
/** The portrait of renderCardOnly on the renderOnDesk page. */
export const DESK_PORTRAIT: PatchBox = { x: CARD_X + 45, y: CARD_Y + 110, width: 250, height: 310 };

/**
 * A photo edited the way a forger does it: `patch` (RGB, box-sized) pasted over `box`, carrying
 * its own history — its own noise (σ, 0 = none) and JPEG compression at `quality`.
 */
export async function pasted(
  img: RgbImage,
  box: PatchBox,
  patch: Buffer,
  { sigma = 4, quality = 40, seed = 11 }: { sigma?: number; quality?: number; seed?: number } = {},
): Promise<RgbImage> {
  let p = await fromSharp(sharp(patch).resize(box.width, box.height, { fit: 'fill' }));
  if (sigma > 0) {
    const g = gaussian(seed);
    const d = new Uint8Array(p.data);
    for (let i = 0; i < box.width * box.height; i++) {
      const n = sigma * g();
      for (let k = 0; k < 3; k++)
        d[i * 3 + k] = Math.max(0, Math.min(255, Math.round((d[i * 3 + k] as number) + n)));
    }
    p = { ...p, data: d };
  }
  p = await fromSharp(raw(p).jpeg({ quality }));
  const out = new Uint8Array(img.data);
  for (let r = 0; r < box.height; r++)
    out.set(
      p.data.subarray(r * box.width * 3, (r + 1) * box.width * 3),
      ((box.y + r) * img.width + box.x) * 3,
    );
  return { width: img.width, height: img.height, data: out };
}

/** A retyped text field: the card colour, nudged, with new text where the old line was. */
export function textPatch(box: PatchBox, text: string, background = '#d3e6f4'): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}">
    <rect width="${box.width}" height="${box.height}" fill="${background}"/>
    <text x="12" y="${box.height - 20}" font-family="DejaVu Sans" font-size="34" fill="#111">${esc(text)}</text></svg>`);
}

/** Another person from the face-api demo photos (MIT, read from node_modules) for a swapped portrait. */
export async function otherPortrait(): Promise<Buffer> {
  const root = path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json'));
  // sample1.jpg: the left-hand person's head and shoulders.
  return sharp(path.join(root, 'demo', 'sample1.jpg'))
    .extract({ left: 300, top: 180, width: 480, height: 595 })
    .png()
    .toBuffer();
}

/**
 * A finger over the card: a skin-toned capsule entering from the bottom of the photo at `x`,
 * `width` wide, reaching up to `tipY`, shaded like a cylinder lit from the front, soft-edged.
 */
export function withFinger(img: RgbImage, x: number, tipY: number, width = 170): RgbImage {
  const out = new Uint8Array(img.data);
  const r = width / 2;
  const skin = [214, 160, 128];
  for (let y = Math.max(0, Math.floor(tipY - 2)); y < img.height; y++)
    for (let px = Math.max(0, Math.floor(x - r - 2)); px < Math.min(img.width, x + r + 2); px++) {
      const cy = Math.max(y, tipY + r); // below the rounded tip the finger is a straight band
      const d = Math.hypot(px - x, y < tipY + r ? y - cy : 0);
      const a = Math.max(0, Math.min(1, r + 1.5 - d)); // ≈3 px soft edge
      if (a <= 0) continue;
      const shade = 0.72 + 0.28 * Math.sqrt(Math.max(0, 1 - ((px - x) / r) ** 2));
      for (let k = 0; k < 3; k++) {
        const i = (y * img.width + px) * 3 + k;
        out[i] = Math.round((out[i] as number) * (1 - a) + (skin[k] as number) * shade * a);
      }
    }
  return { width: img.width, height: img.height, data: out };
}
