import { randomBytes } from 'node:crypto';
import { ApiError } from '@open-ekyc/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../store/create-store.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../../store/testing/test-database.js';
import { createSealer } from '../secrets/aes-gcm.js';
import { SessionsService, type FinishHook } from './sessions-service.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '1234567890';
const OTHER_APP = '1234567891';
const T0 = new Date('2026-05-01T12:00:00.000Z');
const after = (ms: number) => new Date(T0.getTime() + ms);

describe.each(TEST_ENGINES)('sessions service on %s', (engine) => {
  let tdb: TestDatabase;
  let store: Store;
  let sessions: SessionsService;
  // The state machine is under test here, not billing: a hook each test may replace (billing has its own tests).
  let hook: FinishHook = async () => {};

  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    // A pool of several connections on PostgreSQL, so concurrent calls really run in parallel.
    store = await createStore(tdb, { poolMax: 8 });
    for (const app_id of [APP, OTHER_APP]) {
      await store.db
        .insertInto('apps')
        .values({ app_id, name: app_id, status: 'activated', created_at: T0.toISOString() })
        .execute();
    }
    sessions = new SessionsService({
      db: store.db,
      sealer: createSealer(randomBytes(32)),
      billing: (trx, finished) => hook(trx, finished),
    });
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
  });

  const create = (kind: 'faceid-sdk' | 'liveness-sdk' | 'web' = 'faceid-sdk') =>
    sessions.create({
      kind,
      appId: APP,
      config: { CheckMode: 'liveness' },
      challenge: { actions: ['blink'] },
      extra: 'ex',
      at: T0,
    });

  it('creates an unguessable token with the vendor lifetimes', async () => {
    const a = await create();
    const b = await create('liveness-sdk');
    expect(a.token).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(a.token).not.toBe(b.token);
    expect(a).toMatchObject({
      state: 'created',
      appId: APP,
      extra: 'ex',
      attempts: 0,
      config: { CheckMode: 'liveness' },
      challenge: { actions: ['blink'] },
    });
    expect(a.expiresAt.getTime() - T0.getTime()).toBe(10 * 60_000);
    expect(a.resultExpiresAt.getTime() - T0.getTime()).toBe(72 * 3_600_000);
    expect(b.resultExpiresAt.getTime() - T0.getTime()).toBe(2 * 3_600_000);
  });

  it('walks created → in_progress → processing → finished and refuses moves out of order', async () => {
    const s = await create();
    expect((await sessions.beginProcessing(s.token, after(1000), 5)).ok).toBe(false); // not started
    expect((await sessions.finish(s.token, { resultCode: '0', result: {} }, { at: after(1000) })).ok).toBe(
      false,
    );
    expect((await sessions.start(s.token, after(1000))).session?.state).toBe('in_progress');
    expect((await sessions.start(s.token, after(1100))).ok).toBe(true); // idempotent
    const p = await sessions.beginProcessing(s.token, after(2000), 5);
    expect(p).toMatchObject({ ok: true, session: { state: 'processing', attempts: 1 } });
    expect((await sessions.exit(s.token, after(2500))).ok).toBe(false); // cannot exit while processing
    const f = await sessions.finish(
      s.token,
      { resultCode: '0', result: { Similarity: 91.5 } },
      { at: after(3000) },
    );
    expect(f).toMatchObject({
      ok: true,
      session: { state: 'finished', resultCode: '0', result: { Similarity: 91.5 } },
    });
    expect(f.session?.finishedAt?.toISOString()).toBe(after(3000).toISOString());
    // Finished is final.
    expect((await sessions.finish(s.token, { resultCode: '1005', result: {} }, { at: after(4000) })).ok).toBe(
      false,
    );
    expect((await sessions.start(s.token, after(4000))).ok).toBe(false);
    expect((await sessions.get(s.token, after(4000)))?.resultCode).toBe('0');
  });

  it('concurrent finish attempts: exactly one wins and only its hook runs', async () => {
    const s = await create();
    await sessions.start(s.token, T0);
    await sessions.beginProcessing(s.token, T0, 5);
    let hookRuns = 0;
    hook = async (trx, finished) => {
      hookRuns++;
      // The hook sees the finished row inside the same transaction.
      const row = await trx
        .selectFrom('sessions')
        .select(['state', 'result_code'])
        .where('token', '=', finished.token)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'finished', result_code: finished.resultCode });
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sessions.finish(s.token, { resultCode: String(i), result: { i } }, { at: after(1000 + i) }),
      ),
    ).finally(() => (hook = async () => {}));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(hookRuns).toBe(1);
    const stored = await sessions.get(s.token, after(5000));
    expect(stored?.resultCode).toBe(winners[0]?.session?.resultCode);
    for (const loser of results.filter((r) => !r.ok)) expect(loser.session?.state).toBe('finished');
  });

  it('a failing hook rolls the finish back', async () => {
    const s = await create();
    await sessions.start(s.token, T0);
    hook = async () => Promise.reject(new Error('ledger down'));
    await expect(
      sessions
        .finish(s.token, { resultCode: '0', result: {} }, { at: after(10) })
        .finally(() => (hook = async () => {})),
    ).rejects.toThrow('ledger down');
    expect((await sessions.get(s.token, after(20)))?.state).toBe('in_progress');
    expect((await sessions.finish(s.token, { resultCode: '0', result: {} }, { at: after(30) })).ok).toBe(
      true,
    );
  });

  it('expires open sessions after the capture window, lazily and by sweep, but not one being processed', async () => {
    const lazy = await create();
    const swept = await create();
    const busy = await create();
    await sessions.start(busy.token, T0);
    await sessions.beginProcessing(busy.token, T0, 5);
    expect((await sessions.get(lazy.token, after(10 * 60_000 - 1)))?.state).toBe('created');
    expect((await sessions.get(lazy.token, after(10 * 60_000)))?.state).toBe('expired');
    expect((await sessions.start(swept.token, after(11 * 60_000))).ok).toBe(false);
    const { expired } = await sessions.expireDue(after(11 * 60_000));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect(
      (
        await store.db
          .selectFrom('sessions')
          .select('state')
          .where('token', '=', swept.token)
          .executeTakeFirstOrThrow()
      ).state,
    ).toBe('expired');
    expect((await sessions.get(busy.token, after(11 * 60_000)))?.state).toBe('processing');
    expect(
      (await sessions.finish(busy.token, { resultCode: '0', result: {} }, { at: after(11 * 60_000) })).ok,
    ).toBe(true);
    // Capture access: web code 15 once expired, 14 once completed (spec §5.5).
    expect(await sessions.openForCapture(lazy.token, after(11 * 60_000))).toMatchObject({
      ok: false,
      reason: 'expired',
      webCode: 15,
    });
    expect(await sessions.openForCapture(busy.token, after(11 * 60_000))).toMatchObject({
      ok: false,
      reason: 'completed',
      webCode: 14,
    });
    expect(await sessions.openForCapture('nope', T0)).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('getForApi: BizTokenIllegal for unknown or foreign tokens, BizTokenExpired after the result window', async () => {
    const s = await create('liveness-sdk');
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e instanceof ApiError ? e.code : String(e)),
      );
    expect(await code(sessions.getForApi(s.token, APP, after(60_000)))).toBe('ok');
    expect(await code(sessions.getForApi('00000000-0000-4000-8000-000000000000', APP, T0))).toBe(
      'InvalidParameterValue.BizTokenIllegal',
    );
    expect(await code(sessions.getForApi(s.token, OTHER_APP, T0))).toBe(
      'InvalidParameterValue.BizTokenIllegal',
    );
    // Past the 10-minute capture window but inside the 2-hour result window: readable, state expired.
    expect((await sessions.getForApi(s.token, APP, after(30 * 60_000))).state).toBe('expired');
    expect(await code(sessions.getForApi(s.token, APP, after(2 * 3_600_000)))).toBe(
      'InvalidParameterValue.BizTokenExpired',
    );
  });

  it('counts attempts against the retry limit; retry returns to in_progress', async () => {
    const s = await create();
    await sessions.start(s.token, T0);
    expect((await sessions.beginProcessing(s.token, after(1), 2)).session?.attempts).toBe(1);
    expect((await sessions.retry(s.token, after(2))).session?.state).toBe('in_progress');
    expect((await sessions.beginProcessing(s.token, after(3), 2)).session?.attempts).toBe(2);
    await sessions.retry(s.token, after(4));
    const refused = await sessions.beginProcessing(s.token, after(5), 2);
    expect(refused).toMatchObject({ ok: false, session: { state: 'in_progress', attempts: 2 } });
    // After the capture window the attempt is not counted either.
    const late = await create();
    await sessions.start(late.token, T0);
    expect((await sessions.beginProcessing(late.token, after(11 * 60_000), 5)).ok).toBe(false);
    expect(
      (
        await store.db
          .selectFrom('sessions')
          .select('attempts')
          .where('token', '=', late.token)
          .executeTakeFirstOrThrow()
      ).attempts,
    ).toBe(0);
  });

  it('exit records the user leaving; the reference image is stored sealed and dropped after the result window', async () => {
    const s = await create();
    expect(await sessions.exit(s.token, after(5), { resultCode: '1410', result: null })).toMatchObject({
      ok: true,
      session: { state: 'exited', resultCode: '1410' },
    });
    const photo = randomBytes(2048);
    const withImage = await sessions.create({
      kind: 'faceid-sdk',
      appId: APP,
      config: {},
      referenceImage: photo,
      at: T0,
    });
    expect(withImage.hasReferenceImage).toBe(true);
    const raw = await store.db
      .selectFrom('sessions')
      .select('reference_image_enc')
      .where('token', '=', withImage.token)
      .executeTakeFirstOrThrow();
    expect(raw.reference_image_enc).not.toContain(photo.toString('base64').slice(0, 40));
    expect((await sessions.referenceImage(withImage.token))?.equals(photo)).toBe(true);
    await sessions.expireDue(after(72 * 3_600_000));
    expect(await sessions.referenceImage(withImage.token)).toBeNull();
  });
});
