import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time.js';
import { stripPort } from './tc3-signature.js';

/** Legacy (v1) HmacSHA1 / HmacSHA256 signatures — spec §3.3, §3.6 verifyV1, vectors §3.8 D and E. */

export type V1Algorithm = 'sha1' | 'sha256';

/**
 * spec §3.6: METHOD + Host + path + "?" + k=v joined by "&", keys sorted, values DECODED
 * (no URL encoding inside the string to sign). `Signature` itself is excluded. The keys are
 * sorted with the default JS sort, exactly as the Node SDK does (`keys.sort()`).
 */
export function v1StringToSign(
  method: string,
  host: string,
  path: string,
  params: ReadonlyMap<string, string>,
): string {
  const keys = [...params.keys()].filter((k) => k !== 'Signature').sort();
  return `${method.toUpperCase()}${host}${path}?${keys.map((k) => `${k}=${params.get(k) ?? ''}`).join('&')}`;
}

export function v1Sign(secretKey: string, stringToSign: string, algorithm: V1Algorithm): string {
  return createHmac(algorithm, secretKey).update(stringToSign, 'utf8').digest('base64');
}

/** spec §3.3: `SignatureMethod` absent means HmacSHA1; null = unsupported value. */
export function v1Algorithm(signatureMethod: string | undefined): V1Algorithm | null {
  if (signatureMethod === undefined || signatureMethod === 'HmacSHA1') return 'sha1';
  if (signatureMethod === 'HmacSHA256') return 'sha256';
  return null;
}

export interface V1VerifyInput {
  readonly method: string;
  /** Host header as received (spec §3.6: the SDKs sign the endpoint with its port). */
  readonly host: string;
  readonly params: ReadonlyMap<string, string>;
  readonly algorithm: V1Algorithm;
  readonly signature: string;
}

/** Tries the Host as sent and without `:port`; constant-time comparison of the base64 strings. */
export function verifyV1Signature(input: V1VerifyInput, secretKey: string): boolean {
  let ok = false;
  for (const host of new Set([input.host, stripPort(input.host)])) {
    const expected = v1Sign(
      secretKey,
      v1StringToSign(input.method, host, '/', input.params),
      input.algorithm,
    );
    if (constantTimeEqual(expected, input.signature)) ok = true;
  }
  return ok;
}
