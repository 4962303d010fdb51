import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../store/create-store.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../../store/testing/test-database.js';
import type { CliIo } from '../cli-io.js';
import type { CliRuntime } from '../cli-runtime.js';
import { runCli } from '../run-cli.js';
import { createAppsCommand } from './apps.js';
import { createKeysCommand } from './keys.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

describe.each(TEST_ENGINES)('apps and keys commands on %s', (engine) => {
  let tdb: TestDatabase;
  let runtime: CliRuntime;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    runtime = {
      env: {
        EKYC_DATA_DIR: tdb.dataDir,
        EKYC_DATABASE_URL: tdb.databaseUrl,
        EKYC_MASTER_KEY: randomBytes(32).toString('hex'),
      },
      onShutdown: () => () => {},
    };
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it('apps create --json prints {"AppId","SecretId","SecretKey"} on one line', async () => {
    const io = captureIo();
    expect(await createAppsCommand(runtime)(['create', '--name', 'Shop A', '--json'], io)).toBe(0);
    expect(io.err).toBe('');
    expect(io.out.endsWith('\n')).toBe(true);
    expect(io.out.trimEnd().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(io.out) as Record<string, string>;
    expect(Object.keys(parsed)).toEqual(['AppId', 'SecretId', 'SecretKey']);
    expect(parsed.AppId).toMatch(/^[1-9]\d{9}$/);
    expect(parsed.SecretId).toMatch(/^AKID[A-Za-z0-9]{32}$/);
    expect(parsed.SecretKey).toMatch(/^[A-Za-z0-9]{32}$/);

    // It really is in the database named by the environment, and the key works.
    const store = await createStore({ dataDir: tdb.dataDir, databaseUrl: tdb.databaseUrl });
    try {
      const row = await store.db
        .selectFrom('api_keys')
        .selectAll()
        .where('secret_id', '=', parsed.SecretId ?? '')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ app_id: parsed.AppId, enabled: 1 });
      expect(row.secret_key_enc).not.toContain(parsed.SecretKey);
    } finally {
      await store.close();
    }
  });

  it('keys create/list/rotate/disable; list never shows a SecretKey', async () => {
    const created = captureIo();
    await createAppsCommand(runtime)(['create', '--name', 'B', '--json'], created);
    const { AppId, SecretId, SecretKey } = JSON.parse(created.out) as Record<string, string>;
    const keys = createKeysCommand(runtime);

    const second = captureIo();
    expect(await keys(['create', '--app', AppId ?? '', '--json'], second)).toBe(0);
    const key2 = JSON.parse(second.out) as Record<string, string>;
    expect(key2.AppId).toBe(AppId);

    const rotated = captureIo();
    expect(await keys(['rotate', SecretId ?? '', '--json'], rotated)).toBe(0);
    const key3 = JSON.parse(rotated.out) as Record<string, string>;

    expect(await keys(['disable', key2.SecretId ?? ''], captureIo())).toBe(0);

    const listed = captureIo();
    expect(await keys(['list', '--app', AppId ?? '', '--json'], listed)).toBe(0);
    for (const secret of [SecretKey, key2.SecretKey, key3.SecretKey])
      expect(listed.out).not.toContain(secret);
    const rows = JSON.parse(listed.out) as { SecretId: string; Enabled: boolean }[];
    expect(Object.fromEntries(rows.map((r) => [r.SecretId, r.Enabled]))).toEqual({
      [SecretId ?? '']: false,
      [key2.SecretId ?? '']: false,
      [key3.SecretId ?? '']: true,
    });
    const human = captureIo();
    await keys(['list'], human);
    expect(human.out).toContain(key3.SecretId);
    expect(human.out).not.toContain(key3.SecretKey);
  });

  it('reports usage errors with exit 2 and unknown ids with exit 1', async () => {
    const io = captureIo();
    expect(await createAppsCommand(runtime)(['create'], io)).toBe(2);
    expect(io.err).toContain('--name is required');
    expect(await createKeysCommand(runtime)(['explode'], captureIo())).toBe(2);
    expect(await createKeysCommand(runtime)(['create', '--app', 'x', '--bogus'], captureIo())).toBe(2);
    const missing = captureIo();
    expect(await createKeysCommand(runtime)(['disable', 'AKIDmissing'], missing)).toBe(1);
    expect(missing.err).toContain('not found');
  });
});

describe('runCli dispatcher', () => {
  const runtime: CliRuntime = { env: {}, onShutdown: () => () => {} };

  it('unknown or missing command → usage on stderr, exit 2', async () => {
    const io = captureIo();
    expect(await runCli(['frobnicate'], io, runtime)).toBe(2);
    expect(io.err).toContain('unknown command "frobnicate"');
    expect(io.err).toContain('usage: ekyc');
    expect(await runCli([], captureIo(), runtime)).toBe(2);
    const help = captureIo();
    expect(await runCli(['--help'], help, runtime)).toBe(0);
    expect(help.out).toContain('apps create --name NAME [--json]');
  });

  it('loads a table entry lazily and passes the rest of argv', async () => {
    const seen: string[][] = [];
    const table = { hello: async () => async (argv: string[]) => (seen.push(argv), 7) };
    expect(await runCli(['hello', 'a', '--b'], captureIo(), runtime, table)).toBe(7);
    expect(seen).toEqual([['a', '--b']]);
    // Prototype names are not commands.
    expect(await runCli(['toString'], captureIo(), runtime, table)).toBe(2);
  });
});
