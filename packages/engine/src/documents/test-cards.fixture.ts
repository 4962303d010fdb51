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
        `<text x="330" y="${150 + i * 52}" font-family="DejaVu Sans" font-size="34" fill="#111">${esc(l)}</text>`,
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
