import type { SeededRandom } from './seeded-random.js';
import { tc3Request, v1FormBody } from './signed-request.js';

/**
 * Seeded generator of malformed (and now and then valid) requests for the gateway fuzz test:
 * random bytes and content types, correctly signed bodies that stress the parser (100k-deep
 * nesting, invalid UTF-8, non-objects, mutated JSON), bogus Authorization headers, hostile v1
 * forms and query strings, oversized bodies and random X-TC-* headers.
 */

export interface FuzzTarget {
  readonly host: string;
  readonly secretId: string;
  readonly secretKey: string;
  readonly bodyLimit: number;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=latin1',
  'APPLICATION/JSON',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=zz',
  'application/octet-stream',
  'a/b/c',
  ';;;',
  'application/json; charset="',
  'image/png',
];
const METHODS = ['POST', 'POST', 'POST', 'GET', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

function deep(rng: SeededRandom): string {
  const n = rng.pick([1000, 10_000, 100_000]);
  const open = rng.bool() ? '[' : '{"a":';
  const close = open === '[' ? ']' : '}';
  return `{"CheckMode":${open.repeat(n)}1${rng.bool() ? close.repeat(n) : ''}}`;
}

function mutate(rng: SeededRandom, s: string): string {
  const arr = [...s];
  for (let i = rng.int(4) + 1; i > 0; i--) {
    const at = rng.int(arr.length + 1);
    const op = rng.int(3);
    if (op === 0) arr.splice(at, 1);
    else if (op === 1)
      arr.splice(
        at,
        0,
        rng.pick(['{', '}', '[', ']', '"', ',', ':', '\\', 'null', 'true', '1e999', '\u0000', '\ud800']),
      );
    else arr.splice(at, 1, rng.ascii(1));
  }
  return arr.join('');
}

/** One random malformed (or occasionally valid) request. */
export function generateFuzzRequest(rng: SeededRandom, t: FuzzTarget): FuzzRequest {
  const kind = rng.int(10);
  const method = rng.pick(METHODS);
  switch (kind) {
    case 0: // random bytes, random content type
      return {
        method,
        path: '/',
        headers: { 'content-type': rng.pick(CONTENT_TYPES) },
        body: rng.bytes(rng.int(2000)),
      };
    case 1: {
      // correctly signed TC3 bodies that stress the parser: deep nesting, invalid UTF-8, non-objects, mutations
      const body = rng.pick([
        () => deep(rng),
        () => Buffer.concat([Buffer.from('{"CheckMode":"'), rng.bytes(50), Buffer.from('"}')]),
        () =>
          rng.pick([
            '[]',
            'null',
            '1',
            '"x"',
            '',
            ' ',
            '{"CheckMode":null}',
            '{"__proto__":{"x":1},"CheckMode":"a"}',
          ]),
        () =>
          mutate(
            rng,
            JSON.stringify({
              CheckMode: 'x',
              SecureLevel: '4',
              Config: { Mode: 'm', Retries: 2, Enabled: true },
              Items: [{ Name: 'n', Score: 1 }],
            }),
          ),
        () =>
          JSON.stringify({
            CheckMode: 'x',
            SecureLevel: rng.pick(['1e400', '-0', '99999999999999999999', 'NaN', '0x10', ' 4 ']),
            Items: { '0': { Name: 1, Score: '1' }, x: 1 },
          }),
      ])();
      const signed = tc3Request({
        secretId: t.secretId,
        secretKey: t.secretKey,
        host: t.host,
        action: 'GetFaceIdTokenIntl',
        body,
        contentType: rng.pick(['application/json', 'application/json; charset=utf-8']),
      });
      return { method: 'POST', path: '/', headers: signed.headers, body: signed.body };
    }
    case 2: {
      // bogus Authorization headers on an otherwise plausible TC3 request
      const valid = tc3Request({
        secretId: t.secretId,
        secretKey: t.secretKey,
        host: t.host,
        action: 'GetFaceIdTokenIntl',
        body: '{"CheckMode":"x"}',
      });
      const auth = rng.pick([
        'SKIP',
        '',
        rng.ascii(rng.int(300)),
        valid.headers.Authorization!.slice(0, rng.int(valid.headers.Authorization!.length)),
        valid.headers.Authorization!.replace(/Signature=./, 'Signature=g'),
        valid.headers.Authorization!.replace('/tc3_request', '/tc3_requesT'),
        'TC3-HMAC-SHA256 ' + 'Credential='.repeat(500),
        valid.headers.Authorization!.replace(t.secretId, rng.ascii(20).replace(/[/,\s]/g, 'x')),
        valid.headers.Authorization!.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
        valid.headers.Authorization!.replace(
          'SignedHeaders=content-type;host',
          'SignedHeaders=content-type;host;x-tc-action',
        ),
      ]);
      const headers: Record<string, string> = { ...valid.headers, Authorization: auth };
      if (rng.bool(0.3))
        headers['X-TC-Timestamp'] = rng.pick(['', '-1', 'abc', '99999999999999999999', '1.5', ' 1700000000']);
      if (rng.bool(0.2)) headers['X-TC-Version'] = rng.ascii(10);
      if (rng.bool(0.2))
        headers['X-TC-Action'] = rng.pick([
          '',
          rng.ascii(30),
          'getFaceIdTokenIntl',
          'constructor',
          '__proto__',
        ]);
      return { method: 'POST', path: '/', headers, body: valid.body };
    }
    case 3: {
      // v1 forms: random keys, deep flattening, prototype keys, broken escapes; sometimes signed
      const params: Record<string, string> = { CheckMode: 'x' };
      for (let i = rng.int(12); i > 0; i--) {
        const key = rng.pick([
          () => 'a.'.repeat(rng.int(5000)) + 'b',
          () => '__proto__.polluted',
          () => 'Items.' + rng.int(1_000_000) + '.Name',
          () => 'Config.' + rng.ascii(5),
          () => rng.ascii(8),
          () => 'Items.x.Score',
        ])();
        params[key] = rng.pick([rng.ascii(10), 'True', '%ZZ', '%E0%A4%A', '']);
      }
      const body = rng.bool(0.5)
        ? v1FormBody({
            secretId: t.secretId,
            secretKey: t.secretKey,
            host: t.host,
            action: 'GetFaceIdTokenIntl',
            params,
          })
        : Object.entries(params)
            .map(([k, v]) => `${k}=${v}`)
            .join('&');
      return {
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      };
    }
    case 4: {
      // GET with random query strings
      const q = rng.pick([
        rng.ascii(200),
        'Action=GetFaceIdTokenIntl&Version=2018-03-01&Signature=x&Nonce=-1',
        '%%%%&&&==',
        'a=' + 'b'.repeat(rng.pick([20_000, 70_000])),
        'Action&Action=&Action=Z',
      ]);
      return { method: 'GET', path: '/?' + encodeURI(q).replace(/#/g, '%23'), headers: {} };
    }
    case 5: // wrong content types with a plausible body
      return {
        method: rng.pick(['POST', 'PUT']),
        path: '/',
        headers: { 'content-type': rng.pick(CONTENT_TYPES), 'x-tc-action': 'GetFaceIdTokenIntl' },
        body: '{"CheckMode":"x"}',
      };
    case 6: // too large
      return {
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(t.bodyLimit + 1 + rng.int(1000), 0x20),
      };
    case 7: // random headers
      return {
        method,
        path: rng.pick(['/', '/?', '/?a', '/?%ZZ']),
        headers: {
          'x-tc-action': rng.ascii(rng.int(40)),
          'x-tc-version': rng.pick(['2018-03-01', rng.ascii(12)]),
          'x-tc-timestamp': rng.ascii(10),
          'x-tc-region': rng.pick(['null', '', rng.ascii(15)]),
          'x-tc-traceid': rng.ascii(rng.int(200)),
          'x-tc-content-sha256': rng.pick(['UNSIGNED-PAYLOAD', rng.ascii(64)]),
          authorization: rng.ascii(rng.int(100)),
          'content-type': rng.pick(CONTENT_TYPES),
        },
        body: method === 'GET' ? undefined : rng.ascii(rng.int(500)),
      };
    case 8: {
      // a valid, signed request now and then (the server must still serve these)
      const signed = tc3Request({
        secretId: t.secretId,
        secretKey: t.secretKey,
        host: t.host,
        action: 'GetFaceIdTokenIntl',
        body: JSON.stringify({ CheckMode: 'x', SecureLevel: rng.int(5) }),
      });
      return { method: 'POST', path: '/', headers: signed.headers, body: signed.body };
    }
    default: {
      // invalid UTF-8 in a form and in header-less bodies
      return {
        method: 'POST',
        path: '/',
        headers: rng.bool() ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body: Buffer.concat([Buffer.from('Action='), rng.bytes(40)]),
      };
    }
  }
}
