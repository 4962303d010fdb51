import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readRawBody } from './raw-body.js';

function stream(chunks: Buffer[]): Readable & { pulled: number } {
  let i = 0;
  const s = new Readable({
    read() {
      s.pulled = i;
      this.push(i < chunks.length ? chunks[i++] : null);
    },
  }) as Readable & { pulled: number };
  s.pulled = 0;
  return s;
}

describe('readRawBody', () => {
  it('returns the exact bytes', async () => {
    const bytes = [Buffer.from([0xff, 0x00]), Buffer.from('{"a":1}')];
    expect(await readRawBody(stream(bytes), 100, undefined)).toEqual(Buffer.concat(bytes));
  });

  it('refuses a declared Content-Length above the limit without reading', async () => {
    const s = stream([Buffer.alloc(10)]);
    await expect(readRawBody(s, 5, '10')).rejects.toMatchObject({ code: 'RequestSizeLimitExceeded' });
    expect(s.pulled).toBe(0);
  });

  it('stops reading a stream as soon as it passes the limit', async () => {
    const chunks = Array.from({ length: 100 }, () => Buffer.alloc(1024));
    const s = stream(chunks);
    await expect(readRawBody(s, 4096, undefined)).rejects.toMatchObject({ code: 'RequestSizeLimitExceeded' });
    // 5 chunks consumed, plus at most the stream's own read-ahead (16 KiB highWaterMark) buffered.
    expect(s.pulled).toBeLessThanOrEqual(5 + 16);
  });

  it('accepts a body of exactly the limit', async () => {
    expect((await readRawBody(stream([Buffer.alloc(4096)]), 4096, '4096')).length).toBe(4096);
  });
});
