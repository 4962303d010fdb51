/** The formats we accept for still images (issue "Engine" item 1): JPEG, PNG, WebP only. */
export type ImageFormat = 'jpeg' | 'png' | 'webp';

/**
 * Sniff the format from magic bytes, before libvips sees the data: libvips can load many more
 * formats (SVG, PDF, TIFF, HEIF...), some with a much larger attack surface, so we gate on the
 * signature first and check libvips' own verdict after.
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const b = (i: number) => bytes[i];
  if (bytes.length >= 3 && b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (
    bytes.length >= 8 &&
    b(0) === 0x89 &&
    b(1) === 0x50 &&
    b(2) === 0x4e &&
    b(3) === 0x47 &&
    b(4) === 0x0d &&
    b(5) === 0x0a &&
    b(6) === 0x1a &&
    b(7) === 0x0a
  )
    return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}
