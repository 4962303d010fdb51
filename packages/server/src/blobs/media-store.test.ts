import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaExistsError, MediaStore, MediaTooLargeError } from './media-store.js';

const dirs: string[] = [];
function store(now: { t: number }, key = Buffer.alloc(32, 9)) {
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-media-'));
  dirs.push(dir);
  return {
    dir,
    s: new MediaStore({
      dir,
      masterKey: key,
      retentionMs: 3 * 86_400_000,
      maxObjectBytes: 1000,
      now: () => now.t,
    }),
  };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('MediaStore', () => {
  it('encrypts at rest and returns the bytes with their MD5', async () => {
    const clock = { t: 1_000_000 };
    const { dir, s } = store(clock);
    const secret = Buffer.from('face photo bytes, biometric data'.repeat(4));
    const { id, meta } = await s.put(secret, { kind: 'upload', contentType: 'image/jpeg' });
    expect(meta.md5).toMatch(/^[0-9a-f]{32}$/);
    const raw = readFileSync(join(dir, id));
    expect(raw.includes(Buffer.from('biometric'))).toBe(false);
    const got = await s.get(id);
    expect(got?.bytes.equals(secret)).toBe(true);
    expect(got?.meta.contentType).toBe('image/jpeg');
    // Another master key cannot open it; a copy under another name cannot either (id is authenticated).
    expect(
      await new MediaStore({
        dir,
        masterKey: Buffer.alloc(32, 8),
        retentionMs: 1e9,
        maxObjectBytes: 1000,
        now: () => clock.t,
      }).get(id),
    ).toBeNull();
    const other = s.newId();
    writeFileSync(join(dir, other), raw);
    expect(await s.get(other)).toBeNull();
  });

  it('creates an upload id exclusively and refuses oversize objects and bad ids', async () => {
    const { s } = store({ t: 0 });
    const id = s.newId();
    await s.put(Buffer.from('a'), { kind: 'upload' }, { id });
    await expect(s.put(Buffer.from('b'), { kind: 'upload' }, { id })).rejects.toBeInstanceOf(
      MediaExistsError,
    );
    await expect(s.put(Buffer.alloc(1001), { kind: 'upload' })).rejects.toBeInstanceOf(MediaTooLargeError);
    await expect(s.put(Buffer.from('c'), { kind: 'upload' }, { id: '../../etc/passwd' })).rejects.toThrow(
      'bad media id',
    );
    expect(await s.get('../ekyc.sqlite')).toBeNull();
  });

  it('expires objects after their lifetime and the sweep deletes them', async () => {
    const clock = { t: 0 };
    const { dir, s } = store(clock);
    const short = await s.put(Buffer.from('x'), { kind: 'best-frame' }, { ttlMs: 7200_000 });
    const long = await s.put(Buffer.from('y'), { kind: 'upload' });
    clock.t = 7200_001;
    expect(await s.get(short.id)).toBeNull();
    expect(await s.sweep()).toBe(1);
    expect(readdirSync(dir)).toEqual([long.id]);
    clock.t = 3 * 86_400_000 + 1; // default retention: 3 days
    expect(await s.sweep()).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});
