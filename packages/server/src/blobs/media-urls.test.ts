import { describe, expect, it } from 'vitest';
import { MediaUrls } from './media-urls.js';

const urls = new MediaUrls({ publicUrl: 'https://kyc.example.com/', masterKey: Buffer.alloc(32, 3) });
const id = 'AAAAAAAAAAAAAAAAAAAAAA';
const query = (u: string) => Object.fromEntries(new URL(u).searchParams);

describe('MediaUrls', () => {
  it('signs upload grants that cannot be stretched or reused for another id', () => {
    const u = urls.uploadUrl({ id, expiresAt: 2000, maxBytes: 1024 });
    expect(u.startsWith('https://kyc.example.com/media/upload/')).toBe(true);
    expect(urls.verifyUpload(id, query(u), 1999)).toEqual({ id, expiresAt: 2000, maxBytes: 1024 });
    expect(urls.verifyUpload(id, query(u), 2001)).toBeNull();
    expect(urls.verifyUpload(id, { ...query(u), n: '4096' }, 1999)).toBeNull();
    expect(urls.verifyUpload('BBBBBBBBBBBBBBBBBBBBBB', query(u), 1999)).toBeNull();
  });

  it('recognises its own ResourceUrls under any host, and only valid unexpired ones', () => {
    const r = urls.resourceUrl(id, 5000);
    expect(urls.ownResourceId(r, 4000)).toBe(id);
    expect(urls.ownResourceId(r.replace('kyc.example.com', '10.0.0.5:8080'), 4000)).toBe(id);
    expect(urls.ownResourceId(r, 5001)).toBeNull();
    expect(urls.ownResourceId(r.replace(/s=[^&]+/, 's=x'), 4000)).toBeNull();
    expect(urls.ownResourceId('https://kyc.example.com/media/../../etc/passwd?e=1&s=x', 0)).toBeNull();
    expect(urls.looksOwn(r.replace(/s=[^&]+/, 's=x'))).toBe(true);
    expect(
      new MediaUrls({ publicUrl: 'https://x', masterKey: Buffer.alloc(32, 4) }).ownResourceId(r, 4000),
    ).toBeNull();
  });
});
