import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSealer } from '../services/secrets/aes-gcm.js';
import { BillingService } from '../services/billing/billing-service.js';
import { SessionsService } from '../services/sessions/sessions-service.js';
// Test wiring only: the actions themselves never import the store.
// eslint-disable-next-line no-restricted-imports
import { createStore, type Store } from '../store/create-store.js';
// eslint-disable-next-line no-restricted-imports
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../store/testing/test-database.js';
import { createActions } from './index.js';
import { testCaller } from './testing/test-caller.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '1300000001';

describe.each(TEST_ENGINES)('token actions against the %s store', (engine) => {
  let tdb: TestDatabase;
  let store: Store;
  let sessions: SessionsService;
  const caller = (requestId: string) =>
    testCaller({
      requestId,
      appId: APP,
      language: 'en-US',
      receivedAt: new Date('2026-06-01T08:00:00.000Z'),
    });

  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    store = await createStore(tdb);
    await store.db
      .insertInto('apps')
      .values({ app_id: APP, name: 'a', status: 'activated', created_at: new Date().toISOString() })
      .execute();
    sessions = new SessionsService({
      db: store.db,
      sealer: createSealer(randomBytes(32)),
      billing: new BillingService({ db: store.db }).finishHook(),
    });
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
  });

  const action = (name: string) => {
    const found = createActions({ sessions }).find((a) => a.name === name);
    if (!found) throw new Error(name);
    return found;
  };

  it('GetFaceIdTokenIntl stores a readable faceid-sdk session with a 10-minute window', async () => {
    const photo = randomBytes(1000);
    const out = await action('GetFaceIdTokenIntl').handle(caller('r1'), {
      CheckMode: 'compare',
      SecureLevel: '2',
      Image: photo.toString('base64'),
      Extra: 'ord-1',
      RetryLimit: 3,
    });
    const s = await sessions.getForApi(out.SdkToken, APP, new Date('2026-06-01T08:05:00.000Z'));
    expect(s).toMatchObject({
      kind: 'faceid-sdk',
      state: 'created',
      extra: 'ord-1',
      hasReferenceImage: true,
      config: {
        CheckMode: 'compare',
        SecureLevel: '2',
        ActionList: ['blink'],
        SdkVersion: 'BASIC',
        RetryLimit: 3,
      },
      challenge: { mode: 'action', actions: ['blink'], colors: [] },
    });
    expect(s.expiresAt.toISOString()).toBe('2026-06-01T08:10:00.000Z');
    expect((await sessions.referenceImage(out.SdkToken))?.equals(photo)).toBe(true);
    expect((await sessions.get(out.SdkToken, new Date('2026-06-01T08:10:00.000Z')))?.state).toBe('expired');
  });

  it('ApplyLivenessToken stores a liveness-sdk session whose result window is 2 hours', async () => {
    const out = await action('ApplyLivenessToken').handle(caller('r2'), { SecureLevel: '3' });
    const s = await sessions.getForApi(out.SdkToken, APP, new Date('2026-06-01T08:00:01.000Z'));
    expect(s).toMatchObject({
      kind: 'liveness-sdk',
      config: { SecureLevel: '3' },
      challenge: { mode: 'reflect' },
      hasReferenceImage: false,
    });
    await expect(
      sessions.getForApi(out.SdkToken, APP, new Date('2026-06-01T10:00:00.000Z')),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue.BizTokenExpired' });
  });
});
