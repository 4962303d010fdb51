import { describe, expect, it } from 'vitest';
import {
  parseTc3Authorization,
  sha256Hex,
  signTc3,
  tc3CanonicalRequest,
  tc3Signature,
  tc3SigningKey,
  tc3StringToSign,
  verifyTc3Signature,
  type Tc3VerifyInput,
} from './tc3-signature.js';

// spec §3.8 vectors.
const ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const B_PAYLOAD = '{"CheckMode":"liveness","SecureLevel":"4"}';

function verifyInput(
  authorization: string,
  host: string,
  contentType: string,
  body: string,
  timestamp = '1700000000',
): Tc3VerifyInput {
  const auth = parseTc3Authorization(authorization);
  if (!auth) throw new Error('unparsable authorization');
  return {
    auth,
    method: 'POST',
    rawQuery: '',
    timestamp,
    host,
    headers: { 'content-type': contentType, host },
    body: Buffer.from(body),
  };
}

describe('TC3-HMAC-SHA256 vectors (spec §3.8)', () => {
  it('A: Tencent published v3 example', () => {
    const payload =
      '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    expect(sha256Hex(payload)).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    const cr = tc3CanonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: [
        ['content-type', 'application/json; charset=utf-8'],
        ['host', 'cvm.tencentcloudapi.com'],
      ],
      payloadHash: sha256Hex(payload),
    });
    expect(sha256Hex(cr)).toBe('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    const sts = tc3StringToSign(1551113065, '2019-02-25', 'cvm', cr);
    expect(sts).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    const sig = tc3Signature(tc3SigningKey('Gu5t9xGARNpq86cd98joQYCN3*******', '2019-02-25', 'cvm'), sts);
    expect(sig).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c');
  });

  it('B: faceid vector, every intermediate value', () => {
    expect(sha256Hex(B_PAYLOAD)).toBe('53885cde01457c9bfc38b9b07f9c95b9e2de6b15d167d888ef0601992885eba9');
    const cr = tc3CanonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: [
        ['content-type', 'application/json'],
        ['host', 'faceid.intl.tencentcloudapi.com'],
      ],
      payloadHash: sha256Hex(B_PAYLOAD),
    });
    expect(cr).toBe(
      'POST\n/\n\ncontent-type:application/json\nhost:faceid.intl.tencentcloudapi.com\n\ncontent-type;host\n53885cde01457c9bfc38b9b07f9c95b9e2de6b15d167d888ef0601992885eba9',
    );
    expect(sha256Hex(cr)).toBe('6735e89923f6f3cf9ecc9ec02389d83b0002c37f8c0743e5fc9e8230ce0e12f5');
    expect(tc3SigningKey(KEY, '2023-11-14', 'faceid').toString('hex')).toBe(
      'dab41fc691d97a65566be0a71d91fee28e3d89e5c15db796188ec1f3e253124f',
    );
    const authorization = signTc3({
      secretId: ID,
      secretKey: KEY,
      service: 'faceid',
      host: 'faceid.intl.tencentcloudapi.com',
      contentType: 'application/json',
      payload: B_PAYLOAD,
      timestamp: 1700000000,
    });
    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2023-11-14/faceid/tc3_request, SignedHeaders=content-type;host, Signature=c8ec6669b6e9a7888437a2b837f56d07cea7e9598f6d27fdcb26feb5d5253c58',
    );
    expect(
      verifyTc3Signature(
        verifyInput(authorization, 'faceid.intl.tencentcloudapi.com', 'application/json', B_PAYLOAD),
        KEY,
      ),
    ).toBe(true);
  });

  const cases = [
    {
      name: 'C1 Node',
      signedHost: '127.0.0.1',
      service: '127',
      ct: 'application/json',
      sig: '4eef39150f1b6af0315ef9e6c864feebd8ecdf1f3a1770036301d0aab6a97e66',
    },
    {
      name: 'C2 Go/Python',
      signedHost: '127.0.0.1:8080',
      service: 'faceid',
      ct: 'application/json',
      sig: '9d4d948fe8ba113d12e6860bb8fd3640c9422847b8eeb0009c78ce4f6c21c853',
    },
    {
      name: 'C3 Java',
      signedHost: '127.0.0.1:8080',
      service: '127',
      ct: 'application/json; charset=utf-8',
      sig: '5933f00384a68ae5e344da56d76d96ba7a846b36479dbfd5fb219858dd473316',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: signs to the vector and verifies against Host "127.0.0.1:8080"`, () => {
      const authorization = signTc3({
        secretId: ID,
        secretKey: KEY,
        service: c.service,
        host: c.signedHost,
        contentType: c.ct,
        payload: B_PAYLOAD,
        timestamp: 1700000000,
      });
      expect(authorization.endsWith(`Signature=${c.sig}`)).toBe(true);
      // The server always receives the Host header with the port.
      expect(verifyTc3Signature(verifyInput(authorization, '127.0.0.1:8080', c.ct, B_PAYLOAD), KEY)).toBe(
        true,
      );
      // Same request, other key / other body / other content-type: rejected.
      expect(
        verifyTc3Signature(verifyInput(authorization, '127.0.0.1:8080', c.ct, B_PAYLOAD), KEY + 'x'),
      ).toBe(false);
      expect(
        verifyTc3Signature(
          verifyInput(authorization, '127.0.0.1:8080', c.ct, B_PAYLOAD.replace('4', '3')),
          KEY,
        ),
      ).toBe(false);
      expect(
        verifyTc3Signature(verifyInput(authorization, '127.0.0.1:8080', 'text/plain', B_PAYLOAD), KEY),
      ).toBe(false);
      expect(verifyTc3Signature(verifyInput(authorization, '127.0.0.2:8080', c.ct, B_PAYLOAD), KEY)).toBe(
        false,
      );
    });
  }

  it('X-TC-Content-SHA256: UNSIGNED-PAYLOAD signs SHA256("UNSIGNED-PAYLOAD") instead of the body', () => {
    const cr = tc3CanonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: [
        ['content-type', 'application/json'],
        ['host', 'h'],
      ],
      payloadHash: sha256Hex('UNSIGNED-PAYLOAD'),
    });
    const sig = tc3Signature(
      tc3SigningKey(KEY, '2023-11-14', 'faceid'),
      tc3StringToSign(1700000000, '2023-11-14', 'faceid', cr),
    );
    const auth = `TC3-HMAC-SHA256 Credential=${ID}/2023-11-14/faceid/tc3_request, SignedHeaders=content-type;host, Signature=${sig}`;
    const input = verifyInput(auth, 'h', 'application/json', '{"any":"body"}');
    expect(verifyTc3Signature(input, KEY)).toBe(false);
    expect(
      verifyTc3Signature(
        { ...input, headers: { ...input.headers, 'x-tc-content-sha256': 'UNSIGNED-PAYLOAD' } },
        KEY,
      ),
    ).toBe(true);
  });
});

describe('verifyTc3Signature with extra signed headers (Tencent docs allow e.g. x-tc-action)', () => {
  it('canonicalises every listed header, trimmed, in the listed order', () => {
    const date = '2023-11-14';
    const cr = tc3CanonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: [
        ['content-type', 'application/json'],
        ['host', 'faceid.example.com'],
        ['x-tc-action', 'getfaceidtokenintl'],
      ],
      payloadHash: sha256Hex(B_PAYLOAD),
    });
    const sig = tc3Signature(
      tc3SigningKey(KEY, date, 'faceid'),
      tc3StringToSign(1700000000, date, 'faceid', cr),
    );
    const auth = parseTc3Authorization(
      `TC3-HMAC-SHA256 Credential=${ID}/${date}/faceid/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${sig}`,
    );
    if (!auth) throw new Error('unparsable');
    const input: Tc3VerifyInput = {
      auth,
      method: 'POST',
      rawQuery: '',
      timestamp: '1700000000',
      host: 'faceid.example.com',
      // Sent as "GetFaceIdTokenIntl" with padding; the docs' canonical form is trimmed + lower-cased.
      headers: { 'content-type': 'application/json', 'x-tc-action': ' GetFaceIdTokenIntl ' },
      body: Buffer.from(B_PAYLOAD),
    };
    expect(verifyTc3Signature(input, KEY)).toBe(true);
    expect(verifyTc3Signature({ ...input, headers: { ...input.headers, 'x-tc-action': 'Other' } }, KEY)).toBe(
      false,
    );
  });
});

describe('parseTc3Authorization', () => {
  it('extracts the scope, including a non-"faceid" service (spec §0.2)', () => {
    const a = parseTc3Authorization(
      `TC3-HMAC-SHA256 Credential=${ID}/2026-11-22/localhost:40231/tc3_request, SignedHeaders=content-type;host, Signature=${'a'.repeat(64)}`,
    );
    expect(a).toMatchObject({
      secretId: ID,
      date: '2026-11-22',
      service: 'localhost:40231',
      signedHeaders: ['content-type', 'host'],
    });
  });
  it.each([
    'SKIP',
    '',
    'TC3-HMAC-SHA256 Credential=x/2023-11-14/faceid/tc3_request, SignedHeaders=content-type;host, Signature=short',
    `TC3-HMAC-SHA256 Credential=x/2023-11-14/faceid/tc3_request, SignedHeaders=host, Signature=${'a'.repeat(64)}`,
    `TC3-HMAC-SHA1 Credential=x/2023-11-14/faceid/tc3_request, SignedHeaders=content-type;host, Signature=${'a'.repeat(64)}`,
    `TC3-HMAC-SHA256 Credential=x/23-11-14/faceid/tc3_request, SignedHeaders=content-type;host, Signature=${'a'.repeat(64)}`,
  ])('rejects %j', (h) => {
    expect(parseTc3Authorization(h)).toBeNull();
  });
});
