import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../../store/testing/test-database.js';
import type { CliRuntime } from '../cli-runtime.js';
import { runCli } from '../run-cli.js';
import { startServe } from '../testing/start-serve.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe.each(TEST_ENGINES)('ekyc serve with the console API on %s', (engine) => {
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

  it('prints an operator token once on first start; /console/api/usage answers 401 without it, 200 with it', async () => {
    const first = await startServe(env);
    try {
      const token = /OperatorToken: (\S+)\n/.exec(first.output())?.[1] ?? '';
      const appId = /AppId: +(\d{10})\n/.exec(first.output())?.[1] ?? '';
      expect(token).toMatch(/^ekyc_op_/);
      const url = `${first.base}/console/api/usage?app=${appId}&from=2026-03-01&to=2026-03-31`;
      const denied = await fetch(url);
      expect(denied.status).toBe(401);
      expect(await denied.json()).toMatchObject({ error: 'unauthorized' });
      expect((await fetch(url, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
      const ok = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({
        app: appId,
        by: 'day',
        rows: [],
        total: { verifications: 0, billed: 0 },
      });

      // A token issued by the CLI while the server runs works at once (no cache).
      let cliOut = '';
      const io = { stdout: (t: string) => void (cliOut += t), stderr: () => {} };
      expect(
        await runCli(['operators', 'token', 'create', '--json'], io, { env, onShutdown: () => () => {} }),
      ).toBe(0);
      const second = (JSON.parse(cliOut) as { Token: string }).Token;
      expect((await fetch(url, { headers: { authorization: `Bearer ${second}` } })).status).toBe(200);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const again = await startServe(env);
    try {
      expect(again.output()).not.toContain('OperatorToken');
      expect(again.output()).not.toContain('SecretKey');
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
