import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplyWebVerificationBizTokenIntl } from '../actions/apply-web-verification-biz-token-intl.js';
import { MediaStore } from '../blobs/media-store.js';
import { BillingService } from '../services/billing/billing-service.js';
import { createSealer } from '../services/secrets/aes-gcm.js';
import { SessionsService } from '../services/sessions/sessions-service.js';
import { createStore, type Store } from '../store/create-store.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../store/testing/test-database.js';
import { createCaptureRuntime } from './create-capture.js';
import { ScriptedJobs, TEST_PNG, TEST_TIMELINE, TEST_VIDEO } from './testing/scripted-jobs.js';
import { testCaller } from '../actions/testing/test-caller.js';

/** A verification job lost with its process (killed between upload and verdict) is redone at the next start. */
const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '1300000003';

describe.each(TEST_ENGINES)('capture resume on %s', (engine) => {
  let tdb: TestDatabase;
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-capture-resume-'));
  const masterKey = randomBytes(32);
  let clock = Date.parse('2026-11-02T10:00:00.000Z');
  const now = () => new Date(clock);

  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    store = await createStore(tdb);
    await store.db
      .insertInto('apps')
      .values({ app_id: APP, name: 'm', status: 'activated', created_at: now().toISOString() })
      .execute();
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One "process": its own sessions service, runner and routes on the shared store and media dir. */
  async function boot(jobs: ScriptedJobs) {
    const billing = new BillingService({ db: store.db });
    const sessions = new SessionsService({
      db: store.db,
      sealer: createSealer(masterKey),
      billing: billing.finishHook(),
    });
    const media = new MediaStore({ dir, masterKey, retentionMs: 86_400_000, maxObjectBytes: 1 << 20 });
    const rt = createCaptureRuntime({
      db: store.db,
      sessions,
      jobs,
      media,
      publicUrl: 'https://kyc.example',
      masterKey,
      maxVideoBytes: 1 << 20,
      now,
    });
    const app = Fastify();
    await rt.routes(app);
    return { rt, app, billing };
  }

  it('an uploaded attempt whose job died gets its verdict (and one bill) after restart; a recent one is left alone', async () => {
    const dying = new ScriptedJobs();
    dying.hang = true;
    const first = await boot(dying);
    const caller = testCaller({ appId: APP, receivedAt: now() });
    const { BizToken } = await createApplyWebVerificationBizTokenIntl({ webFlow: first.rt.webFlow }).handle(
      caller,
      {
        RedirectURL: 'https://shop.example/',
        CompareImageBase64: TEST_PNG.toString('base64'),
        Config: { SecurityLevel: 1 },
      },
    );
    const a = (
      await first.app.inject({
        method: 'POST',
        url: `/capture/v1/sessions/${BizToken}/attempts`,
        payload: {},
      })
    ).json();
    const up = await first.app.inject({
      method: 'POST',
      url: `/capture/v1/sessions/${BizToken}/attempts/${a.attemptId}/video`,
      headers: {
        'content-type': 'video/webm',
        'x-upload-nonce': a.uploadNonce,
        'x-capture-timeline': TEST_TIMELINE,
      },
      payload: TEST_VIDEO,
    });
    expect(up.statusCode).toBe(202);
    // "Restart": the first process is gone with its job; a new one boots with a working engine.
    const second = await boot(new ScriptedJobs());
    const poll = async () =>
      (
        await second.app.inject({
          method: 'GET',
          url: `/capture/v1/sessions/${BizToken}/attempts/${a.attemptId}`,
        })
      ).json();
    expect(await second.rt.resume()).toBe(0); // too recent: it may still be running elsewhere
    expect((await poll()).status).toBe('processing');
    clock += 6 * 60_000;
    expect(await second.rt.resume()).toBe(1);
    await second.rt.idle();
    expect(await poll()).toMatchObject({ status: 'passed', code: '0' });
    expect(await second.billing.chargeCount(BizToken)).toBe(1);
    expect(await second.rt.resume()).toBe(0);
    await first.app.close();
    await second.app.close();
  });
});
