import { ApiError } from '@open-ekyc/contract';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { RawApiRequest } from './api-request.js';
import { runApiCall, type CallInfo, type Gateway } from './pipeline.js';
import { RateLimiter } from './rate-limiter.js';
import { MemoryCredentialResolver } from './testing/memory-credentials.js';
import { tc3Request, v1FormBody } from './testing/signed-request.js';
import { createTestAction, type TestActionProbe } from './testing/test-action.js';

// The check order of spec §5.1 and the authentication rules of §3.6, without HTTP.
const ID = 'AKIDpipeline000000000000000000000001';
const KEY = 'pipelineKey';
const HOST = '127.0.0.1:9000';
const NOW = 1_700_000_000;

const silent = { debug: () => undefined } as unknown as FastifyBaseLogger;

function gateway(limit = 0): { gw: Gateway; probe: TestActionProbe; creds: MemoryCredentialResolver } {
  const probe: TestActionProbe = { abortedSlowCalls: 0 };
  const creds = new MemoryCredentialResolver().add(ID, KEY, 'app1');
  const gw: Gateway = {
    actions: new Map([['GetFaceIdTokenIntl', createTestAction('GetFaceIdTokenIntl', probe)]]),
    auth: { credentials: creds, timestampWindowSeconds: 300, nowSeconds: () => NOW },
    limiter: new RateLimiter(
      () => limit,
      () => 0,
    ),
  };
  return { gw, probe, creds };
}

function tc3(body: string, o: Partial<Parameters<typeof tc3Request>[0]> = {}): RawApiRequest {
  const r = tc3Request({
    secretId: ID,
    secretKey: KEY,
    host: HOST,
    action: 'GetFaceIdTokenIntl',
    body,
    timestamp: NOW,
    ...o,
  });
  const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', url: '/', headers: { ...headers, host: HOST }, body: Buffer.from(body) };
}

async function code(gw: Gateway, raw: RawApiRequest): Promise<string> {
  const call: CallInfo = {
    requestId: 'rid',
    receivedAt: new Date(NOW * 1000),
    signal: new AbortController().signal,
    log: silent,
  };
  try {
    await runApiCall(gw, raw, call);
    return 'Success';
  } catch (e) {
    if (e instanceof ApiError) return e.code;
    throw e;
  }
}

describe('runApiCall order (spec §5.1)', () => {
  it('action before version before signature before validation', async () => {
    const { gw } = gateway();
    const noAction = tc3('{}');
    delete noAction.headers['x-tc-action'];
    noAction.headers.authorization = 'garbage';
    expect(await code(gw, noAction)).toBe('MissingParameter');
    expect(
      await code(gw, {
        ...tc3('{}'),
        headers: { ...tc3('{}').headers, 'x-tc-action': 'Nope', authorization: 'garbage' },
      }),
    ).toBe('InvalidAction');
    expect(
      await code(gw, {
        ...tc3('{}'),
        headers: { ...tc3('{}').headers, 'x-tc-version': '2019-01-01', authorization: 'garbage' },
      }),
    ).toBe('NoSuchVersion');
    expect(
      await code(gw, { ...tc3('{}'), headers: { ...tc3('{}').headers, authorization: 'garbage' } }),
    ).toBe('AuthFailure.InvalidAuthorization');
    // signed, but the input is invalid: the signature passed, validation speaks
    expect(await code(gw, tc3('{}'))).toBe('MissingParameter');
    expect(await code(gw, tc3('{"CheckMode":"x"}'))).toBe('Success');
  });

  it('rate limit applies only to authenticated calls, before validation', async () => {
    const { gw } = gateway(2);
    const bad = {
      ...tc3('{"CheckMode":"x"}'),
      headers: { ...tc3('{"CheckMode":"x"}').headers, authorization: 'garbage' },
    };
    for (let i = 0; i < 5; i++) expect(await code(gw, bad)).toBe('AuthFailure.InvalidAuthorization');
    expect(await code(gw, tc3('{}'))).toBe('MissingParameter'); // counts: it passed the signature
    expect(await code(gw, tc3('{"CheckMode":"x"}'))).toBe('Success');
    expect(await code(gw, tc3('{"CheckMode":"x"}'))).toBe('RequestLimitExceeded');
    expect(await code(gw, tc3('{}'))).toBe('RequestLimitExceeded');
  });

  it('TC3 timestamp rules: window, scope date, format', async () => {
    const { gw } = gateway();
    expect(await code(gw, tc3('{"CheckMode":"x"}', { timestamp: NOW - 300 }))).toBe('Success');
    expect(await code(gw, tc3('{"CheckMode":"x"}', { timestamp: NOW + 300 }))).toBe('Success');
    expect(await code(gw, tc3('{"CheckMode":"x"}', { timestamp: NOW - 301 }))).toBe(
      'AuthFailure.SignatureExpire',
    );
    expect(await code(gw, tc3('{"CheckMode":"x"}', { timestamp: NOW + 301 }))).toBe(
      'AuthFailure.SignatureExpire',
    );
    // Scope date of another day than the timestamp's UTC date.
    const r = tc3('{"CheckMode":"x"}');
    r.headers.authorization = (r.headers.authorization as string).replace('2023-11-14', '2023-11-15');
    expect(await code(gw, r)).toBe('AuthFailure.SignatureFailure');
    const t = tc3('{"CheckMode":"x"}');
    t.headers['x-tc-timestamp'] = '17e8';
    expect(await code(gw, t)).toBe('InvalidParameter');
    delete t.headers['x-tc-timestamp'];
    expect(await code(gw, t)).toBe('MissingParameter');
  });

  it('TC3 body is covered by the signature; SKIP is refused; the key is looked up', async () => {
    const { gw, creds } = gateway();
    const r = tc3('{"CheckMode":"x"}');
    expect(await code(gw, { ...r, body: Buffer.from('{"CheckMode":"y"}') })).toBe(
      'AuthFailure.SignatureFailure',
    );
    expect(await code(gw, { ...r, headers: { ...r.headers, authorization: 'SKIP' } })).toBe(
      'AuthFailure.InvalidAuthorization',
    );
    expect(await code(gw, tc3('{"CheckMode":"x"}', { secretId: 'AKIDother' }))).toBe(
      'AuthFailure.SecretIdNotFound',
    );
    creds.add(ID, KEY, 'app1', { enabled: false });
    expect(await code(gw, r)).toBe('AuthFailure.SecretIdNotFound');
  });

  it('v1: Signature, SecretId, Nonce and SignatureMethod are checked', async () => {
    const { gw } = gateway();
    const form = (
      params: Record<string, string>,
      extra: (f: URLSearchParams) => void = () => undefined,
    ): RawApiRequest => {
      const f = new URLSearchParams(
        v1FormBody({
          secretId: ID,
          secretKey: KEY,
          host: HOST,
          action: 'GetFaceIdTokenIntl',
          params,
          timestamp: NOW,
        }),
      );
      extra(f);
      return {
        method: 'POST',
        url: '/',
        headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(f.toString()),
      };
    };
    expect(await code(gw, form({ CheckMode: 'x' }))).toBe('Success');
    expect(
      await code(
        gw,
        form({ CheckMode: 'x' }, (f) => f.delete('Signature')),
      ),
    ).toBe('MissingParameter');
    expect(
      await code(
        gw,
        form({ CheckMode: 'x' }, (f) => f.delete('Nonce')),
      ),
    ).toBe('MissingParameter');
    expect(
      await code(
        gw,
        form({ CheckMode: 'x' }, (f) => f.set('Nonce', 'abc')),
      ),
    ).toBe('InvalidParameter');
    expect(
      await code(
        gw,
        form({ CheckMode: 'x' }, (f) => f.set('SignatureMethod', 'HmacMD5')),
      ),
    ).toBe('InvalidParameterValue');
    expect(
      await code(
        gw,
        form({ CheckMode: 'x' }, (f) => f.set('CheckMode', 'y')),
      ),
    ).toBe('AuthFailure.SignatureFailure');
    expect(
      await code(
        gw,
        form({ CheckMode: 'x' }, (f) => f.set('Timestamp', String(NOW - 1000))),
      ),
    ).toBe('AuthFailure.SignatureExpire');
    // The signature was made for HOST with its port; a different Host header fails.
    const other = form({ CheckMode: 'x' });
    expect(await code(gw, { ...other, headers: { ...other.headers, host: '127.0.0.1:9001' } })).toBe(
      'AuthFailure.SignatureFailure',
    );
  });

  it('content types: JSON with charset accepted, others are UnsupportedProtocol', async () => {
    const { gw } = gateway();
    expect(await code(gw, tc3('{"CheckMode":"x"}', { contentType: 'application/json; charset=UTF-8' }))).toBe(
      'Success',
    );
    const r = tc3('{"CheckMode":"x"}', { contentType: 'text/plain' });
    expect(await code(gw, r)).toBe('UnsupportedProtocol');
    expect(await code(gw, { ...r, method: 'PUT' })).toBe('UnsupportedProtocol');
  });
});
