import sharp from 'sharp';
import type { RgbImage } from '../types.js';

/** RGB frame → JPEG bytes (the vendor's BestFrameBase64 is a JPEG). */
export async function encodeJpeg(image: RgbImage, quality = 90): Promise<Uint8Array> {
  const buf = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
