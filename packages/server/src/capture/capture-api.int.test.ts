import {
  AttemptResultSchema,
  CaptureSessionSchema,
  GetWebVerificationResultIntlResponse,
  StartAttemptResponseSchema,
  type ApplyWebVerificationBizTokenIntlRequest,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplyWebVerificationBizTokenIntl } from '../actions/apply-web-verification-biz-token-intl.js';
import { createGetWebVerificationResultIntl } from '../actions/get-web-verification-result-intl.js';
import type { BillingService } from '../services/billing/billing-service.js';
import { TEST_ENGINES } from '../store/testing/test-database.js';
import { createTestStore, type TestStore } from '../store/testing/test-store.js';
import type { CaptureRuntime } from './create-capture.js';
import { createCaptureStack, type CaptureStack } from './testing/capture-stack.js';
import { ScriptedJobs, TEST_PNG, TEST_TIMELINE, TEST_VIDEO } from './testing/scripted-jobs.js';
import { testCaller } from '../actions/testing/test-caller.js';

/**
 * The capture API over HTTP on the real store (SQLite and PostgreSQL), real sessions, billing and
 * encrypted media store. The engine is replaced by a scripted job layer here: these tests are about
 * the protocol (nonces, replay, limits, states); the real engine's verdicts are e2e/web-flow.test.ts.
 */
const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '1300000001';
const PNG = TEST_PNG;
const VIDEO = TEST_VIDEO;
const TIMELINE = TEST_TIMELINE;

describe.each(TEST_ENGINES)('capture API on %s', (engine) => {
  let store: TestStore;
  let stack: CaptureStack;
  let app: FastifyInstance;
  let rt: CaptureRuntime;
  let billing: BillingService;
  const jobs = new ScriptedJobs();
  let clock = Date.parse('2026-11-01T10:00:00.000Z');
  const now = () => new Date(clock);

  beforeAll(async () => {
    store = await createTestStore(engine, ADMIN_URL, { apps: [APP], at: now() });
    stack = createCaptureStack({ db: store.db, jobs, maxBytes: 1 << 20, now });
    ({ rt, billing } = stack);
    app = Fastify();
    await rt.routes(app);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    stack?.close();
  });

  const caller = () => testCaller({ appId: APP, receivedAt: now() });
  async function apply(config: ApplyWebVerificationBizTokenIntlRequest['Config'] = {}): Promise<string> {
    const r = await createApplyWebVerificationBizTokenIntl({ webFlow: rt.webFlow }).handle(caller(), {
      RedirectURL: 'https://shop.example/done?o=1',
      CompareImageBase64: PNG.toString('base64'),
      Config: { SecurityLevel: 1, ...config },
    });
    expect(r.VerificationURL).toBe(`https://kyc.example/verify/${r.BizToken}`);
    return r.BizToken;
  }
  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url: `/capture/v1${url}`, ...(payload ? { payload } : {}) });
  async function start(token: string, source?: 'camera' | 'file') {
    const res = await api('POST', `/sessions/${token}/attempts`, source ? { source } : {});
    return {
      status: res.statusCode,
      body: res.json() as {
        attemptId: string;
        uploadNonce: string;
        challenge: { mode: string };
        code?: string;
      },
    };
  }
  const upload = (
    token: string,
    attemptId: string,
    nonce: string,
    over: { type?: string; body?: Buffer; timeline?: string } = {},
  ) =>
    app.inject({
      method: 'POST',
      url: `/capture/v1/sessions/${token}/attempts/${attemptId}/video`,
      headers: {
        'content-type': over.type ?? 'video/webm',
        'x-upload-nonce': nonce,
        'x-capture-timeline': over.timeline ?? TIMELINE,
      },
      payload: over.body ?? VIDEO,
    });
  const poll = async (token: string, attemptId: string) => {
    await rt.idle();
    const res = await api('GET', `/sessions/${token}/attempts/${attemptId}`);
    expect(Value.Check(AttemptResultSchema, res.json())).toBe(true);
    return res.json() as { status: string; code: string; retriesLeft: number; redirectTo?: string };
  };
  const result = async (token: string) => {
    const r = await createGetWebVerificationResultIntl({ webFlow: rt.webFlow }).handle(caller(), {
      BizToken: token,
    });
    // Field types exactly as the spec's (spec §0.6): checked on every answer.
    expect(Value.Check(GetWebVerificationResultIntlResponse, r)).toBe(true);
    return r;
  };

  it('session view, fresh challenge, single-use nonce, pass → finished, billed once, redirect with the token', async () => {
    jobs.answers = [null];
    const token = await apply({ Language: 'th', LivenessRetryLimit: 3 });
    const s = await api('GET', `/sessions/${token}`);
    expect(s.statusCode).toBe(200);
    expect(s.headers['cache-control']).toBe('no-store');
    expect(Value.Check(CaptureSessionSchema, s.json())).toBe(true);
    expect(s.json()).toMatchObject({
      state: 'created',
      kind: 'web',
      language: 'th',
      securityLevel: 1,
      retriesLeft: 3,
      redirectUrl: `https://shop.example/done?o=1&token=${token}`,
    });
    const a = await start(token);
    expect(a.status).toBe(201);
    expect(Value.Check(StartAttemptResponseSchema, a.body)).toBe(true);
    expect((await upload(token, a.body.attemptId, 'wrong-nonce')).statusCode).toBe(409);
    expect((await upload(token, a.body.attemptId, a.body.uploadNonce)).statusCode).toBe(202);
    // Replay of the same upload is refused: while verifying (3) or once finished (14), whichever it meets;
    // the nonce itself is proven spent in the retry test below, where the session is open again.
    const replay = await upload(token, a.body.attemptId, a.body.uploadNonce);
    expect(replay.statusCode).toBe(409);
    expect(['3', '14']).toContain(replay.json().code);
    expect(await poll(token, a.body.attemptId)).toMatchObject({
      status: 'passed',
      code: '0',
      redirectTo: `https://shop.example/done?o=1&token=${token}`,
    });
    expect(await billing.chargeCount(token)).toBe(1);
    const r = await result(token);
    expect(r).toMatchObject({
      ErrorCode: 0,
      BestFrameBase64: '/9j/2Q==',
      VideoBase64: VIDEO.toString('base64'),
    });
    expect(r.VerificationDetailList?.[0]).toMatchObject({
      ErrorCode: 0,
      LivenessErrorCode: 0,
      CompareErrorCode: 0,
      Similarity: 91.25,
      Seq: a.body.attemptId,
    });
    // Finished: no more attempts (14), and the session view says so.
    expect((await start(token)).body.code).toBe('14');
    expect((await api('GET', `/sessions/${token}`)).json().state).toBe('finished');
  });

  it("another token's attempt or nonce is rejected (cross-token replay)", async () => {
    const t1 = await apply();
    const t2 = await apply();
    const a1 = await start(t1);
    const a2 = await start(t2);
    // t1's attempt addressed through t2: unknown there.
    const cross = await upload(t2, a1.body.attemptId, a1.body.uploadNonce);
    expect([cross.statusCode, cross.json().code]).toEqual([404, '3']);
    // t1's nonce on t2's own attempt: wrong nonce.
    expect((await upload(t2, a2.body.attemptId, a1.body.uploadNonce)).statusCode).toBe(409);
    expect((await api('GET', `/sessions/${t2}/attempts/${a1.body.attemptId}`)).statusCode).toBe(404);
    expect((await api('GET', '/sessions/NO-SUCH-TOKEN-0000')).json()).toMatchObject({ code: '15' });
  });

  it('type, size and timeline are checked before the nonce is spent', async () => {
    const t = await apply();
    const a = await start(t);
    expect(
      (await upload(t, a.body.attemptId, a.body.uploadNonce, { type: 'text/html' })).json(),
    ).toMatchObject({ code: '1104' });
    expect(
      (
        await upload(t, a.body.attemptId, a.body.uploadNonce, { body: Buffer.from('<html>'.repeat(300)) })
      ).json(),
    ).toMatchObject({ code: '1104' });
    expect(
      (await upload(t, a.body.attemptId, a.body.uploadNonce, { body: VIDEO.subarray(0, 100) })).json(),
    ).toMatchObject({ code: '1107' });
    const big = await upload(t, a.body.attemptId, a.body.uploadNonce, {
      body: Buffer.concat([VIDEO, Buffer.alloc(1 << 20)]),
    });
    expect([big.statusCode, big.json().code]).toEqual([413, '1107']);
    expect(
      (await upload(t, a.body.attemptId, a.body.uploadNonce, { timeline: 'bm90IGpzb24' })).statusCode,
    ).toBe(400);
    expect((await upload(t, a.body.attemptId, a.body.uploadNonce)).statusCode).toBe(202);
    await rt.idle();
  });

  it('retries count against LivenessRetryLimit: failures retry, the last one finishes with its code; abandoned attempts end with 16', async () => {
    jobs.answers = [{ kind: 'liveness_below_threshold' }, { kind: 'similarity_low' }];
    jobs.calls = 0;
    const token = await apply({ LivenessRetryLimit: 2 });
    const a = await start(token);
    await upload(token, a.body.attemptId, a.body.uploadNonce);
    const p1 = await poll(token, a.body.attemptId);
    expect(p1).toMatchObject({ status: 'failed', retriesLeft: 1 });
    expect(p1.redirectTo).toBeUndefined();
    // The session is open again for a retry: replaying the first upload must still fail on its spent nonce.
    const replay = await upload(token, a.body.attemptId, a.body.uploadNonce);
    expect([replay.statusCode, replay.json().message]).toEqual([
      409,
      'Upload nonce missing, wrong or already used',
    ]);
    const b = await start(token);
    await upload(token, b.body.attemptId, b.body.uploadNonce);
    expect(await poll(token, b.body.attemptId)).toMatchObject({
      status: 'failed',
      code: '2016',
      retriesLeft: 0,
    });
    const r = await result(token);
    expect(r.ErrorCode).toBe(2016);
    expect(r.VerificationDetailList?.map((d) => [d.LivenessErrorCode === 0, d.CompareErrorCode])).toEqual([
      [false, null],
      [true, 2016],
    ]);
    expect(await billing.chargeCount(token)).toBe(1); // 2016 is billable

    const abandoned = await apply({ LivenessRetryLimit: 2 });
    await start(abandoned);
    await start(abandoned);
    const third = await start(abandoned);
    expect([third.status, third.body.code]).toEqual([429, '16']);
    expect((await result(abandoned)).ErrorCode).toBe(16);
  });

  it('LivenessTimeout → 1409; exit → 1410 with the redirect; expiry → 15', async () => {
    const slow = await apply({ LivenessTimeout: 5, LivenessRetryLimit: 1 });
    const a = await start(slow);
    clock += 60_000;
    expect((await upload(slow, a.body.attemptId, a.body.uploadNonce)).statusCode).toBe(202);
    expect(await poll(slow, a.body.attemptId)).toMatchObject({ status: 'failed', code: '1409' });
    expect((await result(slow)).ErrorCode).toBe(1409);

    const leaving = await apply();
    await start(leaving);
    const exit = await api('POST', `/sessions/${leaving}/exit`, { reason: 'USER_GIVE_UP' });
    expect(exit.json()).toEqual({
      code: '1410',
      message: 'User exited voluntarily',
      redirectTo: `https://shop.example/done?o=1&token=${leaving}`,
    });
    expect((await start(leaving)).body.code).toBe('1410');
    expect((await result(leaving)).ErrorCode).toBe(1410);

    const late = await apply();
    clock += 11 * 60_000; // the BizToken is valid for 10 minutes
    expect((await api('GET', `/sessions/${late}`)).json().state).toBe('expired');
    const s = await start(late);
    expect([s.status, s.body.code]).toEqual([410, '15']);
    expect((await result(late)).ErrorCode).toBe(15);
  });

  it('AutoDowngrade: recording mode gets silent liveness (1) or is refused (2)', async () => {
    const down = await apply({ SecurityLevel: 3 });
    expect((await start(down, 'file')).body.challenge.mode).toBe('silent');
    expect((await start(down, 'camera')).body.challenge.mode).toBe('reflection');
    const strict = await apply({ SecurityLevel: 3, AutoDowngrade: 2 });
    expect((await start(strict, 'file')).status).toBe(409);
    expect((await api('POST', `/sessions/${strict}/attempts`, { source: 'tape' })).statusCode).toBe(400);
  });
});
