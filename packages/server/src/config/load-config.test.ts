import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, GATEWAY_DEFAULTS, loadConfig, parseQps, resolveBaseConfig } from './load-config.js';

describe('resolveBaseConfig', () => {
  it('applies the INTERFACES.md §2 defaults', () => {
    const c = resolveBaseConfig({ env: {}, cwd: '/srv/app' });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/app/data',
      databaseUrl: undefined,
      redisUrl: undefined,
      publicUrl: 'http://localhost:8080',
      logLevel: 'info',
    });
    expect(c.gateway).toEqual({
      bodyLimitBytes: 12 * 1024 * 1024,
      timestampWindowSeconds: 300,
      qps: { default: 20 },
      requestTimeoutMs: 60_000,
    });
    // An 8 MB image in Base64 (4/3 of it) plus JSON framing fits the default body limit.
    expect(Math.ceil((8 * 1024 * 1024) / 3) * 4 + 1024).toBeLessThan(GATEWAY_DEFAULTS.bodyLimitBytes);
  });

  it('reads the environment; flags win over it; public URL follows the port', () => {
    const env = {
      EKYC_PORT: '9000',
      EKYC_HOST: '127.0.0.1',
      EKYC_DATA_DIR: '/var/ekyc',
      EKYC_DATABASE_URL: 'postgres://u@db/x',
      EKYC_REDIS_URL: 'redis://r:6379',
    };
    expect(resolveBaseConfig({ env })).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/var/ekyc',
      databaseUrl: 'postgres://u@db/x',
      redisUrl: 'redis://r:6379',
      publicUrl: 'http://localhost:9000',
    });
    const c = resolveBaseConfig({
      env: { ...env, EKYC_PUBLIC_URL: 'https://kyc.example.com/' },
      flags: { port: '7000', host: '::', data: 'rel' },
      cwd: '/w',
    });
    expect(c).toMatchObject({
      port: 7000,
      host: '::',
      dataDir: '/w/rel',
      publicUrl: 'https://kyc.example.com',
    });
  });

  it('treats empty variables as unset', () => {
    expect(resolveBaseConfig({ env: { EKYC_PORT: '', EKYC_DATABASE_URL: ' ' } })).toMatchObject({
      port: 8080,
      databaseUrl: undefined,
    });
  });

  it('rejects bad values with a ConfigError naming the setting', () => {
    expect(() => resolveBaseConfig({ env: { EKYC_PORT: '80a' } })).toThrow(/EKYC_PORT/);
    expect(() => resolveBaseConfig({ env: { EKYC_PORT: '70000' } })).toThrow(ConfigError);
    expect(() => resolveBaseConfig({ env: { EKYC_DATABASE_URL: 'mysql://x' } })).toThrow(/EKYC_DATABASE_URL/);
    expect(() => resolveBaseConfig({ env: { EKYC_REDIS_URL: 'http://x' } })).toThrow(/EKYC_REDIS_URL/);
    expect(() => resolveBaseConfig({ env: { EKYC_PUBLIC_URL: 'ftp://x' } })).toThrow(/EKYC_PUBLIC_URL/);
    expect(() => resolveBaseConfig({ env: { EKYC_LOG_LEVEL: 'loud' } })).toThrow(/EKYC_LOG_LEVEL/);
  });

  it('is frozen', () => {
    const c = resolveBaseConfig({ env: {} });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.gateway)).toBe(true);
    expect(Object.isFrozen(c.gateway.qps)).toBe(true);
  });
});

describe('parseQps', () => {
  it('reads a plain number or per-action pairs', () => {
    expect(parseQps(undefined)).toEqual({ default: 20 });
    expect(parseQps('50')).toEqual({ default: 50 });
    expect(parseQps('GetFaceIdTokenIntl=5, default=0')).toEqual({ default: 0, GetFaceIdTokenIntl: 5 });
    expect(() => parseQps('X=fast')).toThrow(ConfigError);
  });
});

describe('loadConfig', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('adds the master key from EKYC_MASTER_KEY or the data dir', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ekyc-cfg-'));
    const key = randomBytes(32);
    const fromEnv = await loadConfig({
      env: { EKYC_DATA_DIR: dir, EKYC_MASTER_KEY: key.toString('base64') },
    });
    expect(fromEnv.masterKey.equals(key)).toBe(true);
    expect(Object.isFrozen(fromEnv)).toBe(true);
    const generated = await loadConfig({ env: { EKYC_DATA_DIR: dir } });
    const again = await loadConfig({ env: {}, flags: { data: dir } });
    expect(generated.masterKey.equals(again.masterKey)).toBe(true);
    await expect(loadConfig({ env: { EKYC_DATA_DIR: dir, EKYC_MASTER_KEY: 'short' } })).rejects.toThrow(
      ConfigError,
    );
  });
});
