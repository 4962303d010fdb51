import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decodeImage } from '../decode/decode-image.js';
import { sharedOcr } from '../documents/ocr.js';
import type { FaceAnalyzer, RgbImage } from '../types.js';

/**
 * The first inference in a fresh worker compiles the wasm kernels of every model it touches
 * (measured: the first comparison step took ~640 ms instead of ~150 ms). One detect + embed on a
 * face photo that ships inside the face-api npm package (MIT, `demo/sample1.jpg`) pays that cost at
 * start-up instead of on a user's request. Without the photo, a blank frame still warms the detector.
 */
export async function warmUpAnalyzer(analyzer: FaceAnalyzer): Promise<void> {
  const photo = await readFile(
    join(
      dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')),
      'demo',
      'sample1.jpg',
    ),
  ).catch(() => null);
  const decoded = photo ? await decodeImage(photo, { workingMaxSide: 640 }) : null;
  const image =
    decoded && decoded.ok
      ? decoded.image
      : { width: 64, height: 64, data: new Uint8Array(64 * 64 * 3).fill(128) };
  const faces = await analyzer.detectFaces(image);
  if (faces[0]) await analyzer.embed(image, faces[0]);
}

/**
 * The first document read in a fresh worker also loads onnxruntime and creates the PP-OCR det +
 * rec sessions (≈0.3 s alone, more on a busy machine) and allocates their buffers. One detect +
 * recognise on a synthetic page (lines of seven-segment digits: no font needed) moves that to
 * start-up. The pool has no per-task warm-up, so every worker pays it (≈0.6 s measured).
 */
export async function warmUpOcr(): Promise<void> {
  const ocr = await sharedOcr();
  await ocr.recognize(textLikePage(400, 160));
}

/** Seven-segment strokes per digit 0–9: a b c d e f g (top, upper right, lower right, bottom, lower left, upper left, middle). */
const SEGMENTS = [
  '1111110',
  '0110000',
  '1101101',
  '1111001',
  '0110011',
  '1011011',
  '1011111',
  '1110000',
  '1111111',
  '1111011',
];

/** Lines of seven-segment digits, dark on light: text the detector finds and the recogniser reads. */
export function textLikePage(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3).fill(235);
  const bar = (x0: number, y0: number, w: number, h: number) => {
    for (let y = y0; y < y0 + h; y++) data.fill(25, (y * width + x0) * 3, (y * width + x0 + w) * 3);
  };
  const W = 16,
    H = 28,
    T = 3;
  for (let row = 0, y = 40; y + H < height - 20; row++, y += 64)
    for (let k = 0, x = 40; x + W < width - 40; k++, x += k % 6 === 0 ? 34 : 24) {
      const s = SEGMENTS[(k + row * 3) % 10] as string;
      const on = (i: number) => s[i] === '1';
      if (on(0)) bar(x, y, W, T);
      if (on(1)) bar(x + W - T, y, T, H / 2);
      if (on(2)) bar(x + W - T, y + H / 2, T, H / 2);
      if (on(3)) bar(x, y + H - T, W, T);
      if (on(4)) bar(x, y + H / 2, T, H / 2);
      if (on(5)) bar(x, y, T, H / 2);
      if (on(6)) bar(x, y + H / 2 - 1, W, T);
    }
  return { width, height, data };
}
