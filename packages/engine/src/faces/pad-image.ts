import type { RgbImage } from '../types.js';

/** Mid-grey: neutral for the detector, unlike edge replication, which can smear face-like texture. */
const PAD_VALUE = 128;

/** `image` centred on a larger grey canvas, `pad` pixels on every side. */
export function padImage(image: RgbImage, pad: number): RgbImage {
  const width = image.width + 2 * pad;
  const height = image.height + 2 * pad;
  const data = new Uint8Array(width * height * 3).fill(PAD_VALUE);
  const rowBytes = image.width * 3;
  for (let y = 0; y < image.height; y++) {
    data.set(image.data.subarray(y * rowBytes, (y + 1) * rowBytes), ((y + pad) * width + pad) * 3);
  }
  return { width, height, data };
}
