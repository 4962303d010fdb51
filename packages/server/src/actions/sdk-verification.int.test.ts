import { createHash } from 'node:crypto';
import {
  GetSdkVerificationResultResponse,
  GetWebVerificationResultIntlResponse,
  type Finding,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedJobs, TEST_PNG, TEST_VIDEO } from '../capture/testing/scripted-jobs.js';
import type { Outcome } from '../gateway/testing/sdk-clients.js';
import { ok, startSdkTestServer, type SdkTestServer } from '../gateway/testing/sdk-test-server.js';
// eslint-disable-next-line no-restricted-imports -- test wiring: which database engines to run on
import { TEST_ENGINES } from '../store/testing/test-database.js';

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

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

describe.each(TEST_ENGINES)('eKYC SDK and web OCR actions over the official SDK on %s', (engine) => {
  let server: SdkTestServer;
  const jobs = new ScriptedJobs();

  beforeAll(async () => {
    server = await startSdkTestServer({
      engine,
      adminUrl: ADMIN_URL,
      apps: [
        { appId: APP, secretId: ID },
        { appId: OTHER_APP, secretId: OTHER_ID },
      ],
      secretKey: KEY,
      jobs,
      maxBytes: 1 << 20,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The merchant: intl SDK typed client (default profile); CommonClient with TC3 for the 2026 fields. */
  const sdk = (action: string, params: object, secretId = ID) => server.sdk(action, params, secretId);
  const common = (action: string, params: object) => server.common(action, params);
  const errCode = (o: Outcome): string => (o.ok ? 'success' : (o.err.code ?? 'no code'));
  const capture = (path: string, init?: RequestInit) => server.capture(path, init);

  /** One liveness attempt through the capture API with the given engine verdict (null = pass). */
  async function attempt(token: string, verdict: Finding | null): Promise<void> {
    jobs.answers = [verdict];
    jobs.calls = 0;
    await server.livenessAttempt(token, TEST_VIDEO, 'video/webm');
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
