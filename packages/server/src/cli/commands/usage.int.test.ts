import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBillingFixture, type BillingFixture } from '../../services/billing/testing/billing-fixture.js';
import { OperatorTokens } from '../../services/operators/operator-tokens.js';
import { TEST_ENGINES } from '../../store/testing/test-database.js';
import type { CliIo } from '../cli-io.js';
import type { CliRuntime } from '../cli-runtime.js';
import { runCli } from '../run-cli.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '5000000001';

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

describe.each(TEST_ENGINES)('ekyc usage and ekyc operators on %s', (engine) => {
  let f: BillingFixture;
  let runtime: CliRuntime;
  const run = async (...argv: string[]) => {
    const io = captureIo();
    const code = await runCli(argv, io, runtime);
    return { code, out: io.out, err: io.err };
  };

  beforeAll(async () => {
    f = await openBillingFixture(engine, ADMIN_URL);
    await f.addApp(APP);
    for (const [kind, code, iso] of [
      ['faceid-sdk', '0', '2026-03-20T08:00:00.000Z'],
      ['faceid-sdk', '1005', '2026-03-20T09:00:00.000Z'],
      ['faceid-sdk', '1004', '2026-03-21T09:00:00.000Z'],
      ['web', '0', '2026-03-21T23:59:59.999Z'],
    ] as const) {
      await f.finishBilled(APP, kind, code, new Date(iso));
    }
    // The commands open the same database through the environment, as `npx ekyc` would.
    runtime = {
      env: {
        EKYC_DATA_DIR: f.tdb.dataDir,
        EKYC_DATABASE_URL: f.tdb.databaseUrl,
        EKYC_MASTER_KEY: randomBytes(32).toString('hex'),
      },
      onShutdown: () => () => {},
    };
  });
  afterAll(async () => {
    await f?.close();
  });

  it('prints a readable table by day (default) with a total line', async () => {
    const r = await run('usage', '--app', APP, '--from', '2026-03-20', '--to', '2026-03-21');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(
      `app ${APP}, 2026-03-20 to 2026-03-21 (UTC days, inclusive), by day\n\n` +
        'day         verifications  billed\n' +
        '2026-03-20              2       2\n' +
        '2026-03-21              2       1\n' +
        'total                   4       3\n',
    );
  });

  it('--by code|product and --json print the console API JSON', async () => {
    const byCode = await run(
      'usage',
      '--app',
      APP,
      '--from',
      '2026-03-20',
      '--to',
      '2026-03-21',
      '--by',
      'code',
    );
    expect(byCode.out).toContain('selfie-sdk  1005              1       1\n');
    const json = await run(
      'usage',
      '--app',
      APP,
      '--from',
      '2026-03-21',
      '--to',
      '2026-03-21',
      '--by',
      'product',
      '--json',
    );
    expect(json.code).toBe(0);
    expect(json.out.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(json.out)).toEqual({
      app: APP,
      from: '2026-03-21',
      to: '2026-03-21',
      timeZone: 'UTC',
      by: 'product',
      rows: [
        { product: 'selfie-sdk', verifications: 1, billed: 0 },
        { product: 'web', verifications: 1, billed: 1 },
      ],
      total: { verifications: 2, billed: 1 },
    });
  });

  it('usage errors exit 2 with the usage text; an unknown app exits 1', async () => {
    for (const argv of [
      ['usage', '--from', '2026-03-20', '--to', '2026-03-21'],
      ['usage', '--app', APP, '--from', '2026-03-20'],
      ['usage', '--app', APP, '--from', '20260320', '--to', '2026-03-21'],
      ['usage', '--app', APP, '--from', '2026-03-22', '--to', '2026-03-21'],
      ['usage', '--app', APP, '--from', '2026-03-20', '--to', '2026-03-21', '--by', 'week'],
      ['usage', '--app', APP, '--from', '2026-03-20', '--to', '2026-03-21', '--bogus'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain('usage: ekyc usage');
    }
    const missing = await run('usage', '--app', '9999999999', '--from', '2026-03-20', '--to', '2026-03-21');
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toContain('app 9999999999 not found');
  });

  it('operators token create issues a token that verifies; only its hash is stored', async () => {
    const r = await run('operators', 'token', 'create', '--name', 'ops', '--json');
    expect(r.code).toBe(0);
    const { Id, Name, Token } = JSON.parse(r.out) as Record<string, string>;
    expect(Name).toBe('ops');
    expect(Token).toMatch(/^ekyc_op_[A-Za-z0-9_-]{43}$/);
    const operators = new OperatorTokens({ db: f.store.db });
    expect(await operators.verify(Token ?? '')).toBe(Id);
    expect(await operators.verify(`${Token}x`)).toBeNull();
    const rows = await f.store.db.selectFrom('operator_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(Token);
    const human = await run('operators', 'token', 'create');
    expect(human.out).toMatch(/Token: ekyc_op_\S{43}\n/);
    expect((await run('operators', 'frobnicate')).code).toBe(2);
  });
});
