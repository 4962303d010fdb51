import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, GetFaceIdResultIntlResponse, GetLivenessResultResponse } from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplyLivenessToken } from '../actions/apply-liveness-token.js';
import { createGetFaceIdResultIntl } from '../actions/get-face-id-result-intl.js';
import { createGetFaceIdTokenIntl } from '../actions/get-face-id-token-intl.js';
import { createGetLivenessResult } from '../actions/get-liveness-result.js';
import { createGetWebVerificationResult } from '../actions/get-web-verification-result.js';
import { createGetWebVerificationResultIntl } from '../actions/get-web-verification-result-intl.js';
import { createApplyWebVerificationToken } from '../actions/apply-web-verification-token.js';
import { MediaStore } from '../blobs/media-store.js';
import { MediaUrls } from '../blobs/media-urls.js';
import { PureApiService } from '../services/verification/pure-api-service.js';
import { BillingService } from '../services/billing/billing-service.js';
import { createSealer } from '../services/secrets/aes-gcm.js';
import { SessionsService } from '../services/sessions/sessions-service.js';
import { resolveWebConfig } from '../actions/apply-web-verification-biz-token-intl.js';
import { createStore, type Store } from '../store/create-store.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../store/testing/test-database.js';
import { createCaptureRuntime, type CaptureRuntime } from './create-capture.js';
import { VERIFY_PAGE_CSP } from './page-routes.js';
import { ScriptedJobs, TEST_PNG, TEST_VIDEO } from './testing/scripted-jobs.js';
import { testCaller } from '../actions/testing/test-caller.js';

/** App-SDK token flows through the same capture API, the legacy web result, and the page's static serving. */
const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '1300000002';
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
const timeline = (events: { t: number; type: string; value: string }[]) =>
  Buffer.from(
    JSON.stringify({
      startedAt: 1,
      source: 'camera',
      events,
      client: { userAgent: 't', width: 320, height: 240, fps: 15 },
    }),
  ).toString('base64url');

describe.each(TEST_ENGINES)('SDK token flows and the page on %s', (engine) => {
  let tdb: TestDatabase;
  let store: Store;
  let app: FastifyInstance;
  let rt: CaptureRuntime;
  let sessions: SessionsService;
  const jobs = new ScriptedJobs();
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-sdk-flows-'));

  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    store = await createStore(tdb);
    await store.db
      .insertInto('apps')
      .values({ app_id: APP, name: 'm', status: 'activated', created_at: new Date().toISOString() })
      .execute();
    const masterKey = randomBytes(32);
    sessions = new SessionsService({
      db: store.db,
      sealer: createSealer(masterKey),
      billing: new BillingService({ db: store.db }).finishHook(),
    });
    const media = new MediaStore({
      dir: join(dir, 'media'),
      masterKey,
      retentionMs: 3 * 86_400_000,
      maxObjectBytes: 1 << 20,
    });
    // A stand-in dist/ so the static serving is tested without depending on the page build.
    mkdirSync(join(dir, 'dist/assets/wasm'), { recursive: true });
    writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><title>verify</title>');
    writeFileSync(join(dir, 'dist/assets/wasm/t.wasm'), Buffer.from('0061736d01000000', 'hex'));
    writeFileSync(join(dir, 'dist/assets/verify.js'), 'export {};');
    writeFileSync(join(dir, 'secret.txt'), 'not for the web');
    rt = createCaptureRuntime({
      db: store.db,
      sessions,
      jobs,
      media,
      publicUrl: 'https://kyc.example',
      masterKey,
      maxVideoBytes: 1 << 20,
      pageDistDir: join(dir, 'dist'),
    });
    app = Fastify();
    await rt.routes(app);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await tdb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const caller = () => testCaller({ appId: APP });
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/capture/v1${url}`, payload: payload as never, headers });

  /** Start an attempt and upload the test video with `events` as the timeline; waits for the verdict. */
  async function capture(token: string, events: { t: number; type: string; value: string }[] = []) {
    const a = (await post(`/sessions/${token}/attempts`, {})).json() as {
      attemptId: string;
      uploadNonce: string;
      challenge: Record<string, unknown>;
    };
    const up = await app.inject({
      method: 'POST',
      url: `/capture/v1/sessions/${token}/attempts/${a.attemptId}/video`,
      headers: {
        'content-type': 'video/webm',
        'x-upload-nonce': a.uploadNonce,
        'x-capture-timeline': timeline(events),
      },
      payload: TEST_VIDEO,
    });
    expect(up.statusCode).toBe(202);
    await rt.idle();
    return a;
  }

  it('GetFaceIdTokenIntl → capture (light, aligned by the timeline) → GetFaceIdResultIntl', async () => {
    jobs.answers = [null];
    jobs.inputs.length = 0;
    const { SdkToken } = await createGetFaceIdTokenIntl({ sessions }).handle(caller(), {
      CheckMode: 'compare',
      SecureLevel: '3',
      Image: TEST_PNG.toString('base64'),
      Extra: 'x1',
    });
    const result = () => createGetFaceIdResultIntl({ webFlow: rt.webFlow }).handle(caller(), { SdkToken });
    expect(await result()).toMatchObject({ Result: '-999', BestFrame: '', Video: '' });
    const view = (await app.inject({ method: 'GET', url: `/capture/v1/sessions/${SdkToken}` })).json();
    expect(view).toMatchObject({ kind: 'selfie-sdk', securityLevel: 3, retriesLeft: 5 });
    const a = await capture(SdkToken, [
      { t: 400, type: 'prompt', value: 'hold' },
      { t: 1250, type: 'color', value: '#ff00ff' },
      { t: 1650, type: 'color', value: '#00ff00' },
    ]);
    expect(a.challenge.mode).toBe('reflection');
    expect(jobs.inputs).toHaveLength(1);
    expect(jobs.inputs[0]).toMatchObject({
      mode: 'reflection',
      hasReference: true,
      challenge: { startSeconds: 1.25 },
    });
    const r = await result();
    expect(Value.Check(GetFaceIdResultIntlResponse, r)).toBe(true);
    expect(r).toMatchObject({
      Result: '0',
      Description: 'Succeeded',
      BestFrame: '/9j/2Q==',
      Video: TEST_VIDEO.toString('base64'),
      Similarity: 91.25,
      Extra: 'x1',
    });
    // A web result action does not read an SDK token.
    await expect(
      createGetWebVerificationResultIntl({ webFlow: rt.webFlow }).handle(caller(), { BizToken: SdkToken }),
    ).rejects.toBeInstanceOf(ApiError);
  });

  it('level 4 runs light then actions on the same upload; the first failure decides (selfie-sdk code)', async () => {
    jobs.answers = [null, { kind: 'action_turn_missing' }];
    jobs.calls = 0;
    jobs.inputs.length = 0;
    const { SdkToken } = await createGetFaceIdTokenIntl({ sessions }).handle(caller(), {
      SecureLevel: '4',
      ActionList: 'shake',
      RetryLimit: 1,
    });
    const a = await capture(SdkToken);
    expect(a.challenge).toMatchObject({ mode: 'action+reflection', actions: ['shake'] });
    expect(jobs.inputs.map((i) => i.mode)).toEqual(['reflection', 'action']);
    expect(jobs.inputs[1]?.challenge).toEqual({ actions: ['shake'] });
    const r = await createGetFaceIdResultIntl({ webFlow: rt.webFlow }).handle(caller(), { SdkToken });
    expect(r.Result).toBe('1005');
    expect(r.Similarity).toBe(0); // "liveness" mode: Similarity is not meaningful
  });

  it('ApplyLivenessToken → capture (blink) → GetLivenessResult with signed FileInfo links', async () => {
    jobs.answers = [null];
    jobs.inputs.length = 0;
    const { SdkToken } = await createApplyLivenessToken({ sessions }).handle(caller(), { SecureLevel: '2' });
    const a = await capture(String(SdkToken));
    expect(a.challenge).toMatchObject({ mode: 'action', actions: ['blink'] });
    expect(jobs.inputs[0]).toMatchObject({
      mode: 'action',
      hasReference: false,
      challenge: { actions: ['blink'] },
    });
    const r = await createGetLivenessResult({ webFlow: rt.webFlow }).handle(caller(), {
      SdkToken: String(SdkToken),
    });
    expect(Value.Check(GetLivenessResultResponse, r)).toBe(true);
    expect(r.Result).toBe('0');
    expect(r.Video).toMatchObject({ MD5: md5(TEST_VIDEO), Size: TEST_VIDEO.length });
    expect(r.Video?.Url).toMatch(/^https:\/\/kyc\.example\/media\/[A-Za-z0-9_-]{22}\?e=\d+&s=/);
    expect(r.BestFrame).toMatchObject({ MD5: md5(Buffer.from([0xff, 0xd8, 0xff, 0xd9])), Size: 4 });
  });

  it('legacy GetWebVerificationResult: 10-minute links with MD5', async () => {
    jobs.answers = [null];
    const { token } = await rt.webFlow.createWebSession({
      appId: APP,
      at: new Date(),
      config: resolveWebConfig({
        RedirectURL: 'https://a.example',
        Config: { SecurityLevel: 1, CheckMode: 3 },
      }),
      redirectUrl: 'https://a.example/',
      referenceImage: null,
      extra: null,
    });
    await capture(token);
    const r = await createGetWebVerificationResult({ webFlow: rt.webFlow }).handle(caller(), {
      BizToken: token,
    });
    expect(r).toMatchObject({ ErrorCode: 0, VideoMd5: md5(TEST_VIDEO) });
    const exp = Number(new URL(String(r.VideoUrl)).searchParams.get('e'));
    expect(exp - Date.now() / 1000).toBeGreaterThan(590);
    expect(exp - Date.now() / 1000).toBeLessThanOrEqual(600);
    // CheckMode 3: liveness only, no comparison in the detail.
    expect(r.VerificationDetailList?.[0]).toMatchObject({ CompareErrorCode: null, Similarity: null });
  });

  it("legacy ApplyWebVerificationToken: the photo by this server's ResourceUrl + MD5; a wrong MD5 or unsafe RedirectUrl is refused", async () => {
    const masterKey = randomBytes(32);
    const media = new MediaStore({
      dir: join(dir, 'legacy-media'),
      masterKey,
      retentionMs: 86_400_000,
      maxObjectBytes: 1 << 20,
    });
    const urls = new MediaUrls({ publicUrl: 'https://kyc.example', masterKey });
    const pureApi = new PureApiService({
      db: store.db,
      jobs,
      store: media,
      urls,
      fetchAllowHosts: [],
      fetchTimeoutMs: 1000,
    });
    const photo = await media.put(TEST_PNG, { kind: 'upload', contentType: 'image/png' });
    const url = urls.resourceUrl(photo.id, Math.floor(Date.now() / 1000) + 600);
    const action = createApplyWebVerificationToken({ webFlow: rt.webFlow, verification: { pureApi } });
    const r = await action.handle(caller(), {
      RedirectUrl: 'https://m.example/back',
      CompareImageUrl: url,
      CompareImageMd5: md5(TEST_PNG),
    });
    expect(r.VerificationUrl).toBe(`https://kyc.example/verify/${r.BizToken}`);
    expect((await sessions.get(String(r.BizToken), new Date()))?.hasReferenceImage).toBe(true);
    const refused = async (p: { RedirectUrl: string; CompareImageMd5: string }) =>
      action.handle(caller(), { CompareImageUrl: url, ...p }).then(
        () => 'accepted',
        (err: unknown) => (err instanceof ApiError ? err.code : String(err)),
      );
    expect(
      await refused({ RedirectUrl: 'https://m.example/back', CompareImageMd5: md5(Buffer.from('other')) }),
    ).toBe('InvalidParameterValue');
    expect(await refused({ RedirectUrl: 'javascript:alert(1)', CompareImageMd5: md5(TEST_PNG) })).toBe(
      'InvalidParameterValue',
    );
  });

  it('serves the page with the strict CSP and no Referer leak; assets with their types; nothing outside assets', async () => {
    const page = await app.inject({ method: 'GET', url: '/verify/ABCDEF12-3456' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(VERIFY_PAGE_CSP);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    const wasm = await app.inject({ method: 'GET', url: '/verify/assets/wasm/t.wasm' });
    expect([wasm.statusCode, wasm.headers['content-type']]).toEqual([200, 'application/wasm']);
    expect(wasm.headers['cache-control']).toBe('public, max-age=3600');
    // The web SDK on a merchant's origin: token-only auth, so any origin, never credentials.
    const pre = await app.inject({ method: 'OPTIONS', url: '/capture/v1/sessions/T0KEN-123/attempts' });
    expect([pre.statusCode, pre.headers['access-control-allow-origin']]).toEqual([204, '*']);
    expect(pre.headers['access-control-allow-headers']).toContain('x-upload-nonce');
    expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
    expect(
      (await app.inject({ method: 'GET', url: '/verify/assets/verify.js' })).headers['content-type'],
    ).toBe('text/javascript; charset=utf-8');
    for (const url of [
      '/verify/assets/../../secret.txt',
      '/verify/assets/%2e%2e/%2e%2e/secret.txt',
      '/verify/assets/..%2f..%2fsecret.txt',
      '/verify/assets/nope.js',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('not for the web');
    }
  });
});
