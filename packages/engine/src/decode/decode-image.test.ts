import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';

const gradient = (width: number, height: number, channels: 1 | 3 | 4 = 3) => {
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = (x * 255) / width;
  return sharp(data, { raw: { width, height, channels } });
};

/** CRC-32 (PNG chunk checksum), table-less. */
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid 200-byte PNG that declares width × height RGB pixels: a decompression bomb's header. */
function bombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const idat = zlib.deflateSync(Buffer.alloc(4096)); // the first rows of zeros; a real bomb goes on
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decodeImage', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('decodes %s to RGB24', async (format) => {
    const bytes = await gradient(320, 200).toFormat(format).toBuffer();
    const r = await decodeImage(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.format).toBe(format);
    expect([r.image.width, r.image.height]).toEqual([320, 200]);
    expect(r.image.data.length).toBe(320 * 200 * 3);
    // left edge dark, right edge bright (lossy formats: loose bounds)
    expect(r.image.data[(100 * 320 + 2) * 3]).toBeLessThan(30);
    expect(r.image.data[(100 * 320 + 317) * 3]).toBeGreaterThan(220);
  });

  it('turns greyscale into 3 channels and flattens transparency onto white', async () => {
    const grey = await decodeImage(await gradient(100, 100, 1).png().toBuffer());
    expect(grey.ok && grey.image.data.length).toBe(100 * 100 * 3);
    const transparent = Buffer.alloc(100 * 100 * 4); // fully transparent black
    const r = await decodeImage(
      await sharp(transparent, { raw: { width: 100, height: 100, channels: 4 } })
        .png()
        .toBuffer(),
    );
    expect(r.ok && Array.from(r.image.data.subarray(0, 3))).toEqual([255, 255, 255]);
  });

  it('applies EXIF orientation', async () => {
    // 200×100: left half red, right half blue; orientation 6 = display rotated 90° clockwise.
    const raw = Buffer.alloc(200 * 100 * 3);
    for (let y = 0; y < 100; y++)
      for (let x = 0; x < 200; x++) raw.set(x < 100 ? [255, 0, 0] : [0, 0, 255], (y * 200 + x) * 3);
    const bytes = await sharp(raw, { raw: { width: 200, height: 100, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const r = await decodeImage(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.image.width, r.image.height]).toEqual([100, 200]);
    const at = (x: number, y: number) =>
      Array.from(r.image.data.subarray((y * 100 + x) * 3, (y * 100 + x) * 3 + 3));
    expect(at(50, 20)[0]).toBeGreaterThan(200); // top is the former left (red)
    expect(at(50, 180)[2]).toBeGreaterThan(200); // bottom is blue
  });

  it('downscales large images to the working size', async () => {
    const r = await decodeImage(await gradient(3000, 2000).jpeg().toBuffer());
    expect(r.ok && [r.image.width, r.image.height, r.original.width]).toEqual([1280, 853, 3000]);
    expect(r.ok && r.scale).toBeCloseTo(1280 / 3000, 3);
    const full = await decodeImage(await gradient(3000, 2000).jpeg().toBuffer(), { workingMaxSide: 0 });
    expect(full.ok && full.image.width).toBe(3000);
  });

  it('reports empty, corrupt, truncated and unsupported inputs as findings', async () => {
    expect(await decodeImage(new Uint8Array())).toMatchObject({
      ok: false,
      finding: { kind: 'image_empty' },
    });
    expect(await decodeImage(Buffer.from('definitely not an image'))).toMatchObject({
      ok: false,
      finding: { kind: 'image_decode_failed' },
    });
    const jpeg = await gradient(400, 300).jpeg().toBuffer();
    expect(await decodeImage(jpeg.subarray(0, jpeg.length / 2))).toMatchObject({
      ok: false,
      finding: { kind: 'image_decode_failed' },
    });
    const png = await gradient(400, 300).png().toBuffer();
    const garbled = Buffer.from(png);
    garbled.fill(0x55, 100, 400); // IDAT data damaged
    expect(await decodeImage(garbled)).toMatchObject({ ok: false, finding: { kind: 'image_decode_failed' } });
    const tiff = await gradient(100, 100).tiff().toBuffer();
    expect(await decodeImage(tiff)).toMatchObject({ ok: false, finding: { kind: 'image_decode_failed' } });
  });

  it('rejects a decompression bomb from its header, without decoding pixels', async () => {
    const bomb = bombPng(50_000, 50_000); // 7.5 GB of RGB once decoded
    expect(bomb.length).toBeLessThan(300);
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = await decodeImage(bomb);
    expect(r).toMatchObject({ ok: false, finding: { kind: 'image_too_large', score: 2_500_000_000 } });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('enforces the byte, pixel and minimum-size limits', async () => {
    const png = await gradient(300, 300).png().toBuffer();
    expect(await decodeImage(png, { maxBytes: 100 })).toMatchObject({
      ok: false,
      finding: { kind: 'image_too_large' },
    });
    expect(await decodeImage(png, { maxPixels: 300 * 299 })).toMatchObject({
      ok: false,
      finding: { kind: 'image_too_large' },
    });
    const tiny = await gradient(40, 300).png().toBuffer();
    expect(await decodeImage(tiny)).toMatchObject({
      ok: false,
      finding: { kind: 'image_too_small', score: 40 },
    });
  });
});
