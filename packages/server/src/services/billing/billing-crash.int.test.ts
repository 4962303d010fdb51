import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../store/testing/test-database.js';
import { openBillingFixture, type BillingFixture } from './testing/billing-fixture.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '6000000001';
const AT = new Date('2026-03-15T10:00:00.000Z');
const CHILD = fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url));

/**
 * Runs crash-child.ts in its own process, waits until it reports it is inside the finish
 * transaction at `stopAt`, then SIGKILLs it: the process dies with the transaction open.
 */
async function crashDuringFinish(
  f: BillingFixture,
  token: string,
  stopAt: 'after-session-update' | 'after-ledger-write',
): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CHILD,
      JSON.stringify({
        dataDir: f.tdb.dataDir,
        databaseUrl: f.tdb.databaseUrl,
        token,
        at: AT.toISOString(),
        stopAt,
      }),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`stopped:${stopAt}`)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before ${stopAt}: ${out}${err}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe.each(TEST_ENGINES)('billing across a real process kill on %s', (engine) => {
  let f: BillingFixture;

  beforeAll(async () => {
    f = await openBillingFixture(engine, ADMIN_URL);
    await f.addApp(APP);
  });
  afterAll(async () => {
    await f?.close();
  });

  for (const stopAt of ['after-session-update', 'after-ledger-write'] as const) {
    it(`killed ${stopAt.replaceAll('-', ' ')} (before commit): neither finished nor billed, and still finishable once`, async () => {
      const s = await f.processing(APP, 'web', AT);
      await crashDuringFinish(f, s.token, stopAt);
      expect(await f.sessions.get(s.token, AT)).toMatchObject({ state: 'processing', finishedAt: null });
      expect(await f.ledgerRows(s.token)).toBe(0);
      expect(await f.billing.finishedSessionsWithoutEntry()).toEqual([]);
      // The dead process's locks are gone: a normal finish goes through and bills exactly once.
      const done = await f.sessions.finish(s.token, { resultCode: '0', result: {} }, { at: AT });
      expect(done.ok).toBe(true);
      expect(await f.ledgerRows(s.token)).toBe(1);
      expect(await f.billing.chargeCount(s.token)).toBe(1);
    });
  }
});
