import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSealer } from './aes-gcm.js';
import { loadMasterKey, parseMasterKey } from './master-key.js';

describe('AES-256-GCM sealer', () => {
  const key = randomBytes(32);

  it('round-trips and uses a fresh IV each time', () => {
    const s = createSealer(key);
    const a = s.seal('secret-value', 'AKID1');
    const b = s.seal('secret-value', 'AKID1');
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64').toString('latin1')).not.toContain('secret-value');
    expect(s.open(a, 'AKID1').toString()).toBe('secret-value');
  });

  it('refuses a wrong key, wrong associated data, or tampering', () => {
    const sealed = createSealer(key).seal('secret-value', 'AKID1');
    expect(() => createSealer(randomBytes(32)).open(sealed, 'AKID1')).toThrow();
    expect(() => createSealer(key).open(sealed, 'AKID2')).toThrow();
    const raw = Buffer.from(sealed, 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => createSealer(key).open(raw.toString('base64'), 'AKID1')).toThrow();
    expect(() => createSealer(key).open('AAAA', 'AKID1')).toThrow(/truncated/);
  });

  it('requires a 32-byte key', () => {
    expect(() => createSealer(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('master key', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('parses 64 hex characters and base64 of 32 bytes, nothing else', () => {
    const k = randomBytes(32);
    expect(parseMasterKey(k.toString('hex')).equals(k)).toBe(true);
    expect(parseMasterKey(k.toString('base64')).equals(k)).toBe(true);
    expect(parseMasterKey(` ${k.toString('base64url')}\n`).equals(k)).toBe(true);
    expect(() => parseMasterKey(randomBytes(16).toString('hex'))).toThrow(/32 bytes/);
    expect(() => parseMasterKey(randomBytes(31).toString('base64'))).toThrow();
    expect(() => parseMasterKey('not a key!')).toThrow();
  });

  it('prefers the environment value and touches no file then', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ekyc-mk-'));
    const k = randomBytes(32);
    const got = await loadMasterKey({ envValue: k.toString('hex'), dataDir: dir });
    expect(got).toEqual({ key: k, source: 'env' });
    await expect(stat(join(dir, 'master.key'))).rejects.toThrow();
  });

  it('generates <dataDir>/master.key with mode 0600 once and reuses it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ekyc-mk-'));
    const dataDir = join(dir, 'nested', 'data');
    const first = await loadMasterKey({ envValue: undefined, dataDir });
    expect(first.source).toBe('generated');
    expect(first.key).toHaveLength(32);
    expect((await stat(join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
    const second = await loadMasterKey({ envValue: '', dataDir });
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
    expect((await readFile(join(dataDir, 'master.key'), 'utf8')).trim()).toBe(first.key.toString('hex'));
  });

  it('two concurrent first starts agree on one key', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ekyc-mk-'));
    const [a, b] = await Promise.all([
      loadMasterKey({ envValue: undefined, dataDir: dir }),
      loadMasterKey({ envValue: undefined, dataDir: dir }),
    ]);
    expect(a.key.equals(b.key)).toBe(true);
  });
});
