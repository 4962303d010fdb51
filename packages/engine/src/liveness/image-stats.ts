import type { Box, RgbImage } from '../types.js';

/** Box clipped to the image, integer pixel bounds [x0, x1) × [y0, y1). */
export function clipBox(image: RgbImage, box: Box): { x0: number; y0: number; x1: number; y1: number } {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  return { x0, y0, x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
}

/** Mean R, G, B over a box (every `step`-th pixel; enough for a mean). */
export function meanRgb(image: RgbImage, box: Box, step = 2): [number, number, number] {
  const { x0, y0, x1, y1 } = clipBox(image, box);
  let r = 0,
    g = 0,
    b = 0,
    n = 0;
  for (let y = y0; y < y1; y += step) {
    let i = (y * image.width + x0) * 3;
    for (let x = x0; x < x1; x += step, i += 3 * step) {
      r += image.data[i] as number;
      g += image.data[i + 1] as number;
      b += image.data[i + 2] as number;
      n++;
    }
  }
  return n ? [r / n, g / n, b / n] : [NaN, NaN, NaN];
}
