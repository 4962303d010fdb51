import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetSdkVerificationResultResponse,
  GetWebVerificationResultIntlResponse,
  type Finding,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app.js';
import { MediaStore } from '../blobs/media-store.js';
import { MediaUrls } from '../blobs/media-urls.js';
import { mediaRoutes } from '../blobs/media-routes.js';
import { createCaptureRuntime, type CaptureRuntime } from '../capture/create-capture.js';
import { ScriptedJobs, TEST_PNG, TEST_TIMELINE, TEST_VIDEO } from '../capture/testing/scripted-jobs.js';
import { MemoryCredentialResolver } from '../gateway/testing/memory-credentials.js';
import { intlCommonCall, intlFaceidCall, type Outcome } from '../gateway/testing/sdk-clients.js';
import { testConfig } from '../gateway/testing/test-config.js';
import { BillingService } from '../services/billing/billing-service.js';
import { createSealer } from '../services/secrets/aes-gcm.js';
import { SessionsService } from '../services/sessions/sessions-service.js';
// Test wiring only: the actions themselves never import the store.
// eslint-disable-next-line no-restricted-imports
import { createStore, type Store } from '../store/create-store.js';
// eslint-disable-next-line no-restricted-imports
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../store/testing/test-database.js';
import { createActions } from './index.js';

/**
 * The eKYC actions of issue 7 over real HTTP with the OFFICIAL intl Node SDK (typed client = its
 * 3.0.1335 model classes; CommonClient for the 2026 fields those models drop), on the real store
 * (SQLite and PostgreSQL), sessions, billing, encrypted media store and capture API. The liveness
 * verdicts come from the scripted engine of the capture protocol tests (the real engine's verdicts
 * are e2e/web-flow.test.ts): what is tested here is the action layer and its wire shapes.
 */
const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '1300000007';
const OTHER_APP = '1300000008';
const ID = 'AKIDekycsdk000000000000000000000001';
const KEY = 'ekycSdkSecretKey0000000000000000';
const OTHER_ID = 'AKIDekycsdk000000000000000000000002';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

describe.each(TEST_ENGINES)('eKYC SDK and web OCR actions over the official SDK on %s', (engine) => {
  let tdb: TestDatabase;
  let store: Store;
  let server: FastifyInstance;
  let rt: CaptureRuntime;
  let endpoint = '';
  const jobs = new ScriptedJobs();
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-sdk-verification-'));

  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    store = await createStore(tdb);
    for (const app_id of [APP, OTHER_APP]) {
      await store.db
        .insertInto('apps')
        .values({ app_id, name: app_id, status: 'activated', created_at: new Date().toISOString() })
        .execute();
    }
    const masterKey = randomBytes(32);
    const billing = new BillingService({ db: store.db });
    const sessions = new SessionsService({
      db: store.db,
      sealer: createSealer(masterKey),
      billing: billing.finishHook(),
    });
    const media = new MediaStore({ dir, masterKey, retentionMs: 3 * 86_400_000, maxObjectBytes: 1 << 20 });
    // Links in the results carry the public URL, so the port is chosen first.
    const port = await freePort();
    endpoint = `127.0.0.1:${port}`;
    const publicUrl = `http://${endpoint}`;
    rt = createCaptureRuntime({
      db: store.db,
      sessions,
      jobs,
      media,
      publicUrl,
      masterKey,
      maxVideoBytes: 1 << 20,
    });
    const urls = new MediaUrls({ publicUrl, masterKey });
    server = await buildServer({
      config: testConfig(),
      actions: createActions({ sessions, webFlow: rt.webFlow, billing }),
      credentials: new MemoryCredentialResolver().add(ID, KEY, APP).add(OTHER_ID, KEY, OTHER_APP),
      extraRoutes: async (app) => {
        await rt.routes(app);
        await mediaRoutes({ store: media, urls, maxUploadBytes: 1 << 20 })(app);
      },
    });
    await server.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await rt?.idle();
    await server?.close();
    await store?.close();
    await tdb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The merchant: intl SDK typed client, default profile (v1 HmacSHA256 form POST). */
  const sdk = (action: string, params: object, secretId = ID): Promise<Outcome> =>
    intlFaceidCall({ endpoint, secretId, secretKey: KEY }, action, params);
  /** CommonClient with TC3: sends every field as given (the 3.0.1335 models drop the 2026 ones). */
  const common = (action: string, params: object): Promise<Outcome> =>
    intlCommonCall({ endpoint, secretId: ID, secretKey: KEY, signMethod: 'TC3-HMAC-SHA256' }, action, params);
  const ok = (o: Outcome): Record<string, unknown> => {
    if (!o.ok) throw new Error(`expected success, got ${o.err.code}: ${o.err.message}`);
    return o.data;
  };
  const errCode = (o: Outcome): string => (o.ok ? 'success' : (o.err.code ?? 'no code'));
  const capture = (path: string, init: RequestInit = {}) =>
    fetch(`http://${endpoint}/capture/v1/sessions/${path}`, init);

  /** One liveness attempt through the capture API with the given engine verdict (null = pass). */
  async function attempt(token: string, verdict: Finding | null): Promise<void> {
    jobs.answers = [verdict];
    jobs.calls = 0;
    const start = await capture(`${token}/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(start.status).toBe(201);
    const a = (await start.json()) as { attemptId: string; uploadNonce: string };
    const up = await capture(`${token}/attempts/${a.attemptId}/video`, {
      method: 'POST',
      headers: {
        'content-type': 'video/webm',
        'x-upload-nonce': a.uploadNonce,
        'x-capture-timeline': TEST_TIMELINE,
      },
      body: new Uint8Array(TEST_VIDEO),
    });
    expect(up.status).toBe(202);
    await rt.idle();
  }

  it('ApplySdkVerificationToken with the defaults → an unfinished result: -999, nothing charged', async () => {
    const { SdkToken } = ok(await sdk('ApplySdkVerificationToken', { Extra: 'order-7' }));
    expect(SdkToken).toMatch(/^[0-9A-F-]{36}$/);
    const view = (await (await capture(String(SdkToken))).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ kind: 'ekyc-sdk', securityLevel: 4, retriesLeft: 5 });
    const r = ok(await sdk('GetSdkVerificationResult', { SdkToken }));
    expect(r).toMatchObject({
      Result: '-999',
      Description: "The verification process wasn't finished",
      ChargeCount: 0,
      CardVerifyResults: [],
      CompareResults: [],
      Extra: 'order-7',
    });
    expect(Value.Check(GetSdkVerificationResultResponse, r)).toBe(true);
  });

  it('refuses what the spec refuses, the vendor way', async () => {
    expect(errCode(await sdk('ApplySdkVerificationToken', { IdCardType: 'HKIDCard' }))).toBe(
      'InvalidParameterValue',
    );
    expect(errCode(await sdk('ApplySdkVerificationToken', { CheckMode: 2 }))).toBe('MissingParameter');
    expect(errCode(await sdk('ApplySdkVerificationToken', { CheckMode: 4 }))).toBe('InvalidParameterValue');
    expect(errCode(await sdk('ApplySdkVerificationToken', { SecurityLevel: 3, ActionList: 'blink' }))).toBe(
      'InvalidParameterValue',
    );
    expect(errCode(await sdk('ApplySdkVerificationToken', { Extra: 'x'.repeat(1025) }))).toBe(
      'InvalidParameterValue',
    );
    expect(errCode(await common('ApplySdkVerificationToken', { RetryLimit: 6 }))).toBe(
      'InvalidParameterValue',
    );
    expect(errCode(await common('ApplySdkVerificationToken', { SelectedWarningCodes: '-9101' }))).toBe(
      'InvalidParameter',
    );
    expect(errCode(await sdk('GetSdkVerificationResult', { SdkToken: 'NOT-A-TOKEN' }))).toBe(
      'InvalidParameterValue.BizTokenIllegal',
    );
    // Another app's token, and a token of another flow, are not this caller's eKYC SDK result.
    const { SdkToken } = ok(await sdk('ApplySdkVerificationToken', {}));
    expect(errCode(await sdk('GetSdkVerificationResult', { SdkToken }, OTHER_ID))).toBe(
      'InvalidParameterValue.BizTokenIllegal',
    );
    const face = ok(await sdk('GetFaceIdTokenIntl', {}));
    expect(errCode(await sdk('GetSdkVerificationResult', { SdkToken: face.SdkToken }))).toBe(
      'InvalidParameterValue.BizTokenIllegal',
    );
  });

  it('the 2026 options reach the session; CheckMode 2 liveness + compare to a finish: one CompareResult per attempt', async () => {
    const { SdkToken } = ok(
      await common('ApplySdkVerificationToken', {
        CheckMode: 2,
        SecurityLevel: 1,
        CompareImage: TEST_PNG.toString('base64'),
        RetryLimit: 2,
        SkipResultPage: true,
        CardOcrDisplayFields: ['FullName'],
        MetaData: 'AQOt+aLKzxF/U9',
      }),
    );
    const token = String(SdkToken);
    expect(await (await capture(token)).json()).toMatchObject({ securityLevel: 1, retriesLeft: 2 });
    await attempt(token, { kind: 'face_occluded', detail: 'scripted' });
    await attempt(token, null);
    // The typed client parses the answer into its own model classes (CompareResult, FileInfo, ...).
    const r = ok(await sdk('GetSdkVerificationResult', { SdkToken: token }));
    expect(Value.Check(GetSdkVerificationResultResponse, r)).toBe(true);
    expect(r).toMatchObject({ Result: '0', Description: 'Success', ChargeCount: 1, CardVerifyResults: [] });
    const compares = r.CompareResults as Record<string, Record<string, unknown> | string | number | null>[];
    expect(compares.map((c) => [c.ErrorCode, c.LiveErrorCode])).toEqual([
      ['2017', '2017'],
      ['0', '0'],
    ]);
    expect(compares[1]).toMatchObject({ CompareErrorCode: '0', Sim: 91.25, IsNeedCharge: true });
    // Each attempt's own video, downloadable from the link, with the MD5 and size the result states.
    for (const c of compares) {
      const video = c.LiveVideo as { Url: string; MD5: string; Size: number };
      const got = Buffer.from(await (await fetch(video.Url)).arrayBuffer());
      expect([md5(got), got.length]).toEqual([video.MD5, video.Size]);
      expect(got.equals(TEST_VIDEO)).toBe(true);
      expect((c.BestFrame as { Size: number }).Size).toBe(4);
    }
    expect((compares[0]!.LiveVideo as { Url: string }).Url).not.toBe(
      (compares[1]!.LiveVideo as { Url: string }).Url,
    );
  });

  it('ApplyWebVerificationBizTokenIntl accepts CheckMode 1 (no photo needed) and 4; OCRResult only with a document step', async () => {
    const apply = (Config: object) =>
      sdk('ApplyWebVerificationBizTokenIntl', { RedirectURL: 'https://shop.example/kyc', Config });
    for (const CheckMode of [1, 4]) {
      const w = ok(await apply({ CheckMode, IDCardType: 'MLIDCard', SelectedWarningCodes: '-9101' }));
      const r = ok(await sdk('GetWebVerificationResultIntl', { BizToken: w.BizToken }));
      expect(Value.Check(GetWebVerificationResultIntlResponse, r)).toBe(true);
      // No document read yet: an empty list (the session has a document step).
      expect(r).toMatchObject({ ErrorCode: null, OCRResult: [] });
    }
    const three = ok(await apply({ CheckMode: 3 }));
    expect(ok(await sdk('GetWebVerificationResultIntl', { BizToken: three.BizToken })).OCRResult).toBeNull();
    expect(errCode(await apply({ CheckMode: 1, IDCardType: 'HK' }))).toBe('InvalidParameterValue');
    expect(errCode(await apply({ CheckMode: 2 }))).toBe('MissingParameter');
    expect(errCode(await apply({ CheckMode: 5 }))).toBe('InvalidParameterValue');
  });
});
