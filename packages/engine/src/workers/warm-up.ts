import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decodeImage } from '../decode/decode-image.js';
import type { FaceAnalyzer } from '../types.js';

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
