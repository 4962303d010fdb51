import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBillingFixture, type BillingFixture } from '../services/billing/testing/billing-fixture.js';
import { TEST_ENGINES } from '../store/testing/test-database.js';
import { createConsoleApi } from './console-api.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '4000000001';
const URL_OK = `/console/api/usage?app=${APP}&from=2026-03-20&to=2026-03-21&by=code`;

describe.each(TEST_ENGINES)('console API on %s', (engine) => {
  let f: BillingFixture;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    f = await openBillingFixture(engine, ADMIN_URL);
    await f.addApp(APP);
    await f.finishBilled(APP, 'web', '0', new Date('2026-03-20T10:00:00.000Z'));
    await f.finishBilled(APP, 'web', '1409', new Date('2026-03-21T10:00:00.000Z'));
    const consoleApi = createConsoleApi({ db: f.store.db });
    token = (await consoleApi.operators.create('test')).token;
    app = Fastify();
    await consoleApi.routes(app);
    // A route outside the console API: the auth hook must not reach it.
    app.get('/healthz', async () => ({ status: 'ok' }));
  });
  afterAll(async () => {
    await app?.close();
    await f?.close();
  });

  const get = (url: string, authorization?: string) =>
    app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });

  it('401 JSON with a Bearer challenge without a token, with a wrong one, or a malformed header', async () => {
    for (const auth of [
      undefined,
      '',
      'Bearer',
      `Basic ${Buffer.from(`x:${token}`).toString('base64')}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      'Bearer ekyc_op_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      `Bearer ${token} extra`,
    ]) {
      const res = await get(URL_OK, auth);
      expect(res.statusCode, String(auth)).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="ekyc-console"');
      expect(res.json()).toMatchObject({ error: 'unauthorized' });
      expect(res.body).not.toContain('"rows"');
    }
    // Auth runs before routing inside the prefix, so unknown console paths do not leak either.
    expect((await get('/console/api/nope')).statusCode).toBe(401);
    expect((await get('/healthz')).statusCode).toBe(200);
  });

  it('200 with the operator token (scheme case-insensitive): the same JSON as `ekyc usage --json`', async () => {
    for (const scheme of ['Bearer', 'bearer']) {
      const res = await get(URL_OK, `${scheme} ${token}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        app: APP,
        from: '2026-03-20',
        to: '2026-03-21',
        timeZone: 'UTC',
        by: 'code',
        rows: [
          { product: 'web', code: '0', verifications: 1, billed: 1 },
          { product: 'web', code: '1409', verifications: 1, billed: 0 },
        ],
        total: { verifications: 2, billed: 1 },
      });
    }
    const byDay = await get(`/console/api/usage?app=${APP}&from=2026-03-21&to=2026-03-21`, `Bearer ${token}`);
    expect(byDay.json()).toMatchObject({
      by: 'day',
      rows: [{ day: '2026-03-21', verifications: 1, billed: 0 }],
    });
    // Use is recorded on the token row (only its hash is stored).
    const row = await f.store.db.selectFrom('operator_tokens').selectAll().executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect(row.token_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(8));
  });

  it('400 for a bad query, 404 for an unknown app (after authentication)', async () => {
    const auth = `Bearer ${token}`;
    for (const q of [
      `app=${APP}&from=2026-03-20`,
      `app=${APP}&from=2026-3-20&to=2026-03-21`,
      `app=${APP}&from=2026-03-22&to=2026-03-21`,
      `app=${APP}&from=2026-03-20&to=2026-03-21&by=hour`,
      `app=${APP}&app=${APP}&from=2026-03-20&to=2026-03-21`,
    ]) {
      const res = await get(`/console/api/usage?${q}`, auth);
      expect(res.statusCode, q).toBe(400);
      expect(res.json()).toMatchObject({ error: 'bad_request' });
    }
    const unknownPath = await get('/console/api/nope', auth);
    expect(unknownPath.statusCode).toBe(404);
    expect(unknownPath.json()).toMatchObject({ error: 'not_found' });
    const missing = await get('/console/api/usage?app=9999999999&from=2026-03-20&to=2026-03-21', auth);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found' });
  });
});
