import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../../store/testing/test-database.js';
import type { CliRuntime } from '../cli-runtime.js';
import { startServe } from '../testing/start-serve.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe.each(TEST_ENGINES)('ekyc serve on %s', (engine) => {
  let tdb: TestDatabase;
  let env: CliRuntime['env'];

  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    env = {
      EKYC_DATA_DIR: tdb.dataDir,
      EKYC_DATABASE_URL: tdb.databaseUrl,
      EKYC_MASTER_KEY: randomBytes(32).toString('hex'),
    };
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it('prints a ready-made key on first start only, serves /healthz and /readyz, and stops on a signal', async () => {
    const first = await startServe(env);
    expect(first.port).toBeGreaterThan(0);
    expect(first.output()).toMatch(/AppId: +\d{10}\n {2}SecretId: +AKID\w{32}\n {2}SecretKey: +\w{32}\n/);
    expect((await fetch(`http://127.0.0.1:${first.port}/healthz`)).status).toBe(200);
    // /readyz turns 200 once every engine worker has loaded its models (and the database answers).
    let ready = 0;
    for (let i = 0; i < 600 && ready !== 200; i++) {
      ready = (await fetch(`http://127.0.0.1:${first.port}/readyz`)).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('shutting down');
    await expect(fetch(`http://127.0.0.1:${first.port}/healthz`)).rejects.toThrow();

    const second = await startServe(env);
    expect(second.port).toBeGreaterThan(0);
    expect(second.output()).not.toContain('SecretKey');
    expect(await second.stop()).toBe(0);
    expect(second.errors()).toBe('');
  });
});
