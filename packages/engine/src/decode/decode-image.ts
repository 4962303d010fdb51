import sharp from 'sharp';
import type { Finding } from '@open-ekyc/contract';
import type { RgbImage } from '../types.js';
import { sniffImageFormat, type ImageFormat } from './image-format.js';

export interface DecodeOptions {
  /** Reject larger inputs before parsing anything (default 15 MB, above any phone JPEG we expect). */
  readonly maxBytes?: number;
  /**
   * Reject images declaring more pixels than this, from the header alone (default 40 MP: a
   * 48 MP phone sensor bins to 12 MP by default; 40 MP of RGB is 120 MB once decoded).
   */
  readonly maxPixels?: number;
  /** Reject images whose shorter side is below this (default 64 px: no usable face fits). */
  readonly minSide?: number;
  /**
   * Downscale so the longest side is at most this (default 1280; 0 keeps the full size). Face
   * detection works on 256 px input anyway and the recogniser on a 150 px chip, so more pixels
   * only cost time.
   */
  readonly workingMaxSide?: number;
}

export const DECODE_DEFAULTS: Required<DecodeOptions> = {
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 40_000_000,
  minSide: 64,
  workingMaxSide: 1280,
};

export interface DecodedImage {
  readonly image: RgbImage;
  readonly format: ImageFormat;
  /** Size after EXIF orientation, before downscaling. */
  readonly original: { readonly width: number; readonly height: number };
  /** working / original (1 when not downscaled). */
  readonly scale: number;
}

export type DecodeResult =
  ({ readonly ok: true } & DecodedImage) | { readonly ok: false; readonly finding: Finding };

const fail = (kind: Finding['kind'], detail: string, score?: number): DecodeResult => ({
  ok: false,
  finding: score === undefined ? { kind, detail } : { kind, detail, score },
});

/**
 * Bytes → RGB24 pixels, EXIF orientation applied. Never throws: every failure is a finding.
 * Order matters for safety: size limits and the format signature are checked before libvips
 * parses anything, and the declared dimensions (header only) before any pixel is decoded, so a
 * decompression bomb costs a header read.
 */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodeResult> {
  const opts = { ...DECODE_DEFAULTS, ...options };
  if (bytes.length === 0) return fail('image_empty', 'no bytes');
  if (bytes.length > opts.maxBytes)
    return fail('image_too_large', `${bytes.length} bytes > ${opts.maxBytes}`, bytes.length);
  const format = sniffImageFormat(bytes);
  if (!format) return fail('image_decode_failed', 'not a JPEG, PNG or WebP file');

  const sharpOptions = { limitInputPixels: opts.maxPixels, failOn: 'error' as const };
  let width: number, height: number;
  try {
    // Header only: no pixel limit here, so the finding can say what the file declares; the
    // limit guards the decode below as a second line.
    const meta = await sharp(bytes, { ...sharpOptions, limitInputPixels: false }).metadata();
    if (meta.format !== format)
      return fail('image_decode_failed', `signature says ${format}, libvips says ${meta.format}`);
    width = meta.width ?? 0;
    height = meta.height ?? 0;
    // EXIF orientations 5–8 are rotations by ±90°: the upright image has the sides swapped.
    if ((meta.orientation ?? 1) >= 5) [width, height] = [height, width];
  } catch (error) {
    return fromSharpError(error);
  }
  if (width * height > opts.maxPixels)
    return fail('image_too_large', `${width}x${height} > ${opts.maxPixels} pixels`, width * height);
  if (Math.min(width, height) < opts.minSide)
    return fail(
      'image_too_small',
      `${width}x${height}, shorter side < ${opts.minSide}`,
      Math.min(width, height),
    );

  try {
    let pipeline = sharp(bytes, sharpOptions).rotate(); // rotate() without angle = EXIF auto-orient
    const longest = Math.max(width, height);
    if (opts.workingMaxSide > 0 && longest > opts.workingMaxSide) {
      pipeline = pipeline.resize({ width: opts.workingMaxSide, height: opts.workingMaxSide, fit: 'inside' });
    }
    // Transparent pixels become white (as a viewer shows them), greyscale becomes 3 channels.
    const { data, info } = await pipeline
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
      return fail('image_decode_failed', `unexpected decode: ${info.width}x${info.height}x${info.channels}`);
    }
    const image: RgbImage = {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
    return { ok: true, image, format, original: { width, height }, scale: info.width / width };
  } catch (error) {
    return fromSharpError(error);
  }
}

function fromSharpError(error: unknown): DecodeResult {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return fail('image_too_large', message);
  return fail('image_decode_failed', message.slice(0, 200));
}
