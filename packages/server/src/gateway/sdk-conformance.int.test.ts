import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BODY_LIMIT,
  CONFORMANCE_ID as ID,
  CONFORMANCE_KEY as KEY,
  expectErr,
  expectOk,
  postRaw,
  REQUEST_TIMEOUT_MS,
  startConformanceServer,
  UUID_RE,
  type Envelope,
  type Harness,
} from './testing/conformance-harness.js';
import {
  intlCommonCall,
  intlFaceidCall,
  mainlandCommonCall,
  type ClientOptions,
  type Outcome,
} from './testing/sdk-clients.js';
import { tc3Request, v1FormBody, type Tc3RequestOptions } from './testing/signed-request.js';

// Conformance of the gateway with the OFFICIAL TencentCloud Node SDKs (spec §4), over real HTTP.
const A = 'GetFaceIdTokenIntl';
let h: Harness;
beforeAll(async () => {
  h = await startConformanceServer();
});
afterAll(async () => {
  await h.close();
});

const opts = (o: Partial<ClientOptions> = {}): ClientOptions => ({
  endpoint: h.endpoint,
  secretId: ID,
  secretKey: KEY,
  ...o,
});
const intl = (o: Partial<ClientOptions>, params: unknown, action = A): Promise<Outcome> =>
  intlCommonCall(opts(o), action, params);
const mainland = (o: Partial<ClientOptions>, params: unknown, action = A): Promise<Outcome> =>
  mainlandCommonCall(opts(o), action, params);
const post = (req: { headers: Record<string, string>; body: string | Buffer }) => postRaw(h.endpoint, req);
/** A TC3 request signed by hand (Node SDK style unless overridden). */
const signed = (o: Partial<Tc3RequestOptions> = {}) =>
  post(
    tc3Request({
      secretId: ID,
      secretKey: KEY,
      host: h.endpoint,
      action: A,
      body: '{"CheckMode":"x"}',
      ...o,
    }),
  );
const form = (params: Record<string, string>, timestamp?: number) =>
  post({
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: v1FormBody({ secretId: ID, secretKey: KEY, host: h.endpoint, action: A, params, timestamp }),
  });
const TC3 = { signMethod: 'TC3-HMAC-SHA256' };
const X = { CheckMode: 'x' };

// Every value in the wrong-but-coercible shape: numbers as strings, strings as numbers.
const NESTED_INPUT = {
  CheckMode: 'liveness',
  SecureLevel: '4',
  AutoSkip: true,
  Config: { Mode: 7, Retries: '3', Enabled: 'true' },
  Items: [
    { Name: 'a', Score: '0.5' },
    { Name: 'b', Score: 2 },
  ],
  UnknownExtra: 'ignored',
};
const NESTED_EXPECTED = {
  CheckMode: 'liveness',
  SecureLevel: 4,
  AutoSkip: true,
  Config: { Mode: '7', Retries: 3, Enabled: true },
  Items: [
    { Name: 'a', Score: 0.5 },
    { Name: 'b', Score: 2 },
  ],
};

describe('official SDKs succeed, with nested input coerced to the schema', () => {
  const variants: Array<[string, () => Promise<Outcome>]> = [
    ['intl-en default profile (v1 HmacSHA256 form POST)', () => intl({}, NESTED_INPUT)],
    ['intl-en TC3-HMAC-SHA256 JSON POST', () => intl(TC3, NESTED_INPUT)],
    ['intl-en GET + HmacSHA1', () => intl({ signMethod: 'HmacSHA1', reqMethod: 'GET' }, NESTED_INPUT)],
    ['intl-en TC3, region null (X-TC-Region: null)', () => intl({ ...TC3, region: null }, NESTED_INPUT)],
    [
      'intl-en TC3 via localhost (service = "localhost:PORT")',
      () => intl({ ...TC3, endpoint: h.endpoint.replace('127.0.0.1', 'localhost') }, NESTED_INPUT),
    ],
    ['mainland 4.x CommonClient TC3 POST', () => mainland({}, NESTED_INPUT)],
    ['mainland 4.x CommonClient TC3 GET', () => mainland({ reqMethod: 'GET' }, NESTED_INPUT)],
  ];
  for (const [name, call] of variants) {
    it(name, async () => {
      const data = expectOk(await call());
      expect(data.Echo).toEqual(NESTED_EXPECTED);
      expect(data.AppId).toBe('app-main');
      expect(data.RequestId).toMatch(UUID_RE);
      expect(data.SdkToken).toBe(`tok-${data.RequestId as string}`);
    });
  }

  it('intl-en faceid Client.GetFaceIdTokenIntl (typed model) gets SdkToken', async () => {
    for (const signMethod of [undefined, 'TC3-HMAC-SHA256']) {
      const r = await intlFaceidCall(opts({ signMethod }), A, { CheckMode: 'liveness', SecureLevel: '4' });
      const data = expectOk(r);
      expect(data.SdkToken).toMatch(/^tok-/);
      expect(data.RequestId).toMatch(UUID_RE);
    }
  });

  it('passes region, language and the request id to the action', async () => {
    const data = expectOk(await mainland({}, X));
    expect(h.probe.lastCaller).toMatchObject({
      requestId: data.RequestId,
      appId: 'app-main',
      secretId: ID,
      region: 'ap-singapore',
      language: 'en-US',
    });
    expectOk(await intl({ ...TC3, region: null }, X));
    expect(h.probe.lastCaller?.region).toBeUndefined();
  });
});

describe('authentication failures', () => {
  it('wrong SecretKey -> AuthFailure.SignatureFailure (v1, v1 GET, TC3, 4.x)', async () => {
    expectErr(await intl({ secretKey: KEY + 'x' }, X), 'AuthFailure.SignatureFailure');
    expectErr(
      await intl({ secretKey: 'x', signMethod: 'HmacSHA1', reqMethod: 'GET' }, X),
      'AuthFailure.SignatureFailure',
    );
    expectErr(await intl({ ...TC3, secretKey: 'x' }, X), 'AuthFailure.SignatureFailure');
    expectErr(await mainland({ secretKey: 'x' }, X), 'AuthFailure.SignatureFailure');
  });

  it('unknown or disabled SecretId -> AuthFailure.SecretIdNotFound; malformed -> AuthFailure.InvalidSecretId', async () => {
    expectErr(
      await intl({ secretId: 'AKIDunknown00000000000000000000000001' }, X),
      'AuthFailure.SecretIdNotFound',
    );
    const disabled = { secretId: 'AKIDdisabled000000000000000000000001', secretKey: 'k2' };
    expectErr(await mainland(disabled, X), 'AuthFailure.SecretIdNotFound');
    expectErr(await intl({ secretId: 'bad id!' }, X), 'AuthFailure.InvalidSecretId');
  });

  it('app not activated / in arrears -> UnauthorizedOperation.*', async () => {
    const fresh = { secretId: 'AKIDnotactivated00000000000000000001', secretKey: 'k3' };
    expectErr(await mainland(fresh, X), 'UnauthorizedOperation.Nonactivated');
    const poor = { secretId: 'AKIDarrears0000000000000000000000001', secretKey: 'k4' };
    expectErr(await intl(poor, X), 'UnauthorizedOperation.Arrears');
  });

  it('stale timestamp -> AuthFailure.SignatureExpire (TC3 and v1), inside the window -> success', async () => {
    const old = Math.floor(Date.now() / 1000) - 301;
    expect((await signed({ timestamp: old })).json.Response.Error?.Code).toBe('AuthFailure.SignatureExpire');
    expect((await signed({ timestamp: old + 20 })).json.Response.Error).toBeUndefined();
    expect((await form(X, old)).json.Response.Error?.Code).toBe('AuthFailure.SignatureExpire');
  });

  it('Go/Python and Java signing variants verify (host with port; charset content-type)', async () => {
    const body = JSON.stringify({ CheckMode: 'x', SecureLevel: 2 });
    const go = await signed({ body, signedHost: h.endpoint, service: 'faceid' });
    expect(go.json.Response.Error).toBeUndefined();
    const java = await signed({
      body,
      signedHost: h.endpoint,
      contentType: 'application/json; charset=utf-8',
    });
    expect(java.json.Response.Error).toBeUndefined();
  });

  it('Python-style v1 booleans (True/False) are coerced', async () => {
    const r = await form({
      CheckMode: 'x',
      AutoSkip: 'False',
      'Config.Mode': 'm',
      'Config.Retries': '1',
      'Config.Enabled': 'True',
    });
    expect(r.json.Response.Echo).toEqual({
      CheckMode: 'x',
      AutoSkip: false,
      Config: { Mode: 'm', Retries: 1, Enabled: true },
    });
  });
});

describe('request errors', () => {
  it('unknown action -> InvalidAction; bad version -> NoSuchVersion', async () => {
    expectErr(await intl({}, {}, 'NoSuchAction'), 'InvalidAction');
    expectErr(await mainland({}, {}, 'NoSuchAction'), 'InvalidAction');
    expect((await signed({ version: '2017-03-12' })).json.Response.Error?.Code).toBe('NoSuchVersion');
  });

  it('bad parameter type -> InvalidParameter naming the parameter', async () => {
    const r = await intl(TC3, { CheckMode: 'x', Config: { Mode: 'm', Retries: 'three', Enabled: true } });
    expect(expectErr(r, 'InvalidParameter')).toBe('Parameter `Config.Retries` type error.');
    expectErr(await intl({}, { CheckMode: 'x', AutoSkip: 'maybe' }), 'InvalidParameter');
  });

  it('missing parameter -> MissingParameter naming it', async () => {
    expect(expectErr(await mainland({}, { SecureLevel: 1 }), 'MissingParameter')).toContain('`CheckMode`');
  });

  it('rate limit per app and action -> RequestLimitExceeded', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => mainland({}, X, 'RateLimitedAction')));
    const limited = results.filter((r) => !r.ok && r.err.code === 'RequestLimitExceeded').length;
    const ok = results.filter((r) => r.ok).length;
    expect(ok).toBeGreaterThanOrEqual(2);
    expect(ok).toBeLessThan(10);
    expect(limited).toBe(10 - ok);
    // Other actions of the same app are not limited (qps.default = 0).
    expectOk(await mainland({}, X));
  });

  it('body too large -> RequestSizeLimitExceeded, still HTTP 200 with the envelope', async () => {
    const big = { CheckMode: 'x'.repeat(BODY_LIMIT + 1) };
    expectErr(await intl(TC3, big), 'RequestSizeLimitExceeded');
    expectErr(await intl({}, big), 'RequestSizeLimitExceeded');
    const r = await post({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(big) });
    expect(r.status).toBe(200);
    expect(r.json.Response.Error?.Code).toBe('RequestSizeLimitExceeded');
  });

  it('action errors: ApiError keeps its code; a bug -> InternalError without details; timeout aborts', async () => {
    expectErr(await mainland({}, { ...X, Behaviour: 'api-error' }), 'FailedOperation.ImageBlur');
    expect(expectErr(await mainland({}, { ...X, Behaviour: 'throw' }), 'InternalError')).not.toContain(
      'boom',
    );
    const before = h.probe.abortedSlowCalls;
    const slow = await mainland({}, { ...X, Behaviour: 'slow' });
    expect(expectErr(slow, 'InternalError')).toContain(`did not complete within ${REQUEST_TIMEOUT_MS} ms`);
    expect(h.probe.abortedSlowCalls).toBe(before + 1);
  });

  it('a client that disconnects aborts the CallerContext signal before the time limit', async () => {
    const before = h.probe.abortedSlowCalls;
    const previous = h.probe.lastCaller;
    const req = tc3Request({
      secretId: ID,
      secretKey: KEY,
      host: h.endpoint,
      action: A,
      body: '{"CheckMode":"x","Behaviour":"slow"}',
    });
    const controller = new AbortController();
    const init = {
      method: 'POST',
      headers: req.headers,
      body: req.body as string,
      signal: controller.signal,
    };
    const pending = fetch(`http://${h.endpoint}/`, init).catch(() => 'aborted');
    // Wait until the action runs (it records its caller first), however loaded the machine is.
    const waitStart = Date.now();
    while (h.probe.lastCaller === previous && Date.now() - waitStart < 5000) await sleep(5);
    const t0 = Date.now();
    controller.abort();
    expect(await pending).toBe('aborted');
    while (h.probe.abortedSlowCalls === before && Date.now() - t0 < 5000) await sleep(10);
    expect(h.probe.abortedSlowCalls).toBe(before + 1);
    expect(Date.now() - t0).toBeLessThan(REQUEST_TIMEOUT_MS);
  });

  it('other methods and content types -> UnsupportedProtocol envelopes', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`http://${h.endpoint}/`, {
        method,
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Envelope).Response.Error?.Code).toBe('UnsupportedProtocol');
    }
    const r = await post({ headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, body: '--x--' });
    expect(r.json.Response.Error?.Code).toBe('UnsupportedProtocol');
  });
});

describe('envelope and headers', () => {
  it('echoes X-TC-TraceId (also into SDK exceptions) and sends X-TC-RequestId', async () => {
    const r = await intl({ headers: { 'X-TC-TraceId': 'trace-abc-123' }, secretKey: 'wrong' }, X);
    expectErr(r, 'AuthFailure.SignatureFailure');
    if (!r.ok) expect(r.err.traceId).toBe('trace-abc-123');
    const res = await signed({ extraHeaders: { 'X-TC-TraceId': 'tr-1' } });
    expect(res.headers.get('x-tc-traceid')).toBe('tr-1');
    expect(res.headers.get('x-tc-requestid')).toBe(res.json.Response.RequestId);
  });

  it('Content-Type is exactly application/json on success and on error', async () => {
    const ok = await signed();
    expect(ok.json.Response.Error).toBeUndefined();
    expect(ok.headers.get('content-type')).toBe('application/json');
    const bad = await post({ headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(bad.json.Response.Error?.Code).toBe('MissingParameter');
    expect(bad.headers.get('content-type')).toBe('application/json');
  });

  it('/healthz, /readyz and /metrics', async () => {
    expect((await fetch(`http://${h.endpoint}/healthz`)).status).toBe(200);
    expect((await fetch(`http://${h.endpoint}/readyz`)).status).toBe(200);
    const text = await (await fetch(`http://${h.endpoint}/metrics`)).text();
    expect(text).toMatch(/ekyc_api_requests_total\{action="GetFaceIdTokenIntl",code="Success"\} \d+/);
    expect(text).toMatch(
      /ekyc_api_requests_total\{action="RateLimitedAction",code="RequestLimitExceeded"\} \d+/,
    );
    expect(text).toMatch(
      /ekyc_api_request_duration_seconds_bucket\{action="GetFaceIdTokenIntl",code="Success",le="\+Inf"\} \d+/,
    );
  });

  it('logs never contain the SecretKey, the Authorization header or a v1 Signature', () => {
    const all = h.logLines.join('');
    expect(all).toContain('"api call"');
    expect(all).not.toContain(KEY);
    expect(all).not.toContain('TC3-HMAC-SHA256 Credential');
    expect(all).not.toMatch(/Signature=[A-Za-z0-9%]{6}/);
    expect(all).toContain('boom: simulated bug'); // the internal error's stack is logged server-side
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
