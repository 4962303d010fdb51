import type { RgbImage } from '../types.js';
import { colorAt, REFLECT_PALETTE, type ReflectSequence } from './reflect-sequence.js';

/**
 * Synthetic "face lit by the phone screen" frames for reflection tests: a skin-coloured ellipse
 * in front of a textured background. The screen colour adds light mostly to the face (it is
 * close to the screen) and a little to the background; a slow camera white-balance drift is
 * applied to the whole frame, which the analysis must cancel.
 */
export const FLASH_FACE_BOX = { x: 105, y: 50, width: 110, height: 140 };

export function flashFrames(
  seq: ReflectSequence | null,
  opts: { seconds: number; fps: number; startSeconds: number; strength?: number },
): RgbImage[] {
  const W = 320,
    H = 240;
  const k = opts.strength ?? 0.22;
  const frames: RgbImage[] = [];
  let seed = 12345;
  const rnd = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const cx = FLASH_FACE_BOX.x + FLASH_FACE_BOX.width / 2,
    cy = FLASH_FACE_BOX.y + FLASH_FACE_BOX.height / 2;
  const rx = FLASH_FACE_BOX.width / 2,
    ry = FLASH_FACE_BOX.height / 2;
  for (let i = 0; i < Math.round(opts.seconds * opts.fps); i++) {
    const t = i / opts.fps;
    const color = seq ? colorAt(seq, t - opts.startSeconds) : null;
    const c = (color ? REFLECT_PALETTE[color] : [255, 255, 255]).map((v) => v / 255);
    const gain = [1 + 0.06 * Math.sin(0.9 * t), 1, 1 - 0.05 * Math.sin(0.6 * t + 1)];
    const data = new Uint8Array(W * H * 3);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const inFace = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
        const base = inFace
          ? [190, 140, 115]
          : [90 + ((x * 7 + y * 13) % 40), 100 + ((x * 3) % 30), 95 + ((y * 5) % 35)];
        const light = inFace ? k : 0.02;
        for (let ch = 0; ch < 3; ch++) {
          const v =
            (base[ch] as number) * (0.75 + light * (c[ch] as number)) * (gain[ch] as number) +
            (rnd() - 0.5) * 6;
          data[(y * W + x) * 3 + ch] = Math.max(0, Math.min(255, Math.round(v)));
        }
      }
    }
    frames.push({ width: W, height: H, data });
  }
  return frames;
}
