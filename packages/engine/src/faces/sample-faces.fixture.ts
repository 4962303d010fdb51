import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage } from '../decode/decode-image.js';
import type { FaceAnalyzer, RgbImage } from '../types.js';
import { meshBounds } from './face-geometry.js';

/**
 * Test images: face-api's demo photos (MIT, shipped in its npm package), read from node_modules
 * at test time and never copied into the repository; crops and variants are made here.
 */
export function sampleBytes(n: 1 | 2 | 3 | 4 | 5 | 6): Buffer {
  const root = path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json'));
  return fs.readFileSync(path.join(root, 'demo', `sample${n}.jpg`));
}

export async function decoded(bytes: Uint8Array): Promise<RgbImage> {
  const r = await decodeImage(bytes);
  if (!r.ok) throw new Error(`fixture did not decode: ${r.finding.kind}`);
  return r.image;
}

export const toJpeg = (image: RgbImage, quality = 92): Promise<Buffer> =>
  sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();

/**
 * One JPEG per face of a sample photo, left to right: a square 2.2× the face width around the face
 * (a passport-photo-like framing), clipped to the photo.
 */
export async function faceCrops(analyzer: FaceAnalyzer, n: 1 | 2 | 3 | 4 | 5 | 6): Promise<Buffer[]> {
  const image = await decoded(sampleBytes(n));
  const faces = (await analyzer.detectFaces(image)).map(meshBounds).sort((a, b) => a.x - b.x);
  const crops: Buffer[] = [];
  for (const b of faces) {
    const side = Math.round(Math.min(b.width * 2.2, image.width, image.height));
    const left = Math.round(Math.min(Math.max(b.x + b.width / 2 - side / 2, 0), image.width - side));
    const top = Math.round(Math.min(Math.max(b.y + b.height / 2 - side / 2, 0), image.height - side));
    const raw = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
    crops.push(await raw.extract({ left, top, width: side, height: side }).jpeg({ quality: 92 }).toBuffer());
  }
  return crops;
}
