import { signTc3 } from '../tc3-signature.js';
import { v1Sign, v1StringToSign } from '../v1-signature.js';

/** Builds signed requests by hand (for cases the SDKs cannot produce, e.g. a stale timestamp). */

export interface Tc3RequestOptions {
  readonly secretId: string;
  readonly secretKey: string;
  /** host[:port] the request goes to (Host header). */
  readonly host: string;
  readonly action: string;
  readonly body: string | Buffer;
  readonly timestamp?: number;
  /** Default: the Node SDK's choice (first label of the host, spec §0.2). */
  readonly service?: string;
  /** Host value to sign; default: without port, as the Node SDKs do. */
  readonly signedHost?: string;
  readonly contentType?: string;
  readonly version?: string;
  readonly extraHeaders?: Record<string, string>;
}

export function tc3Request(o: Tc3RequestOptions): { headers: Record<string, string>; body: string | Buffer } {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const contentType = o.contentType ?? 'application/json';
  const hostname = o.host.replace(/:\d+$/, '');
  const authorization = signTc3({
    secretId: o.secretId,
    secretKey: o.secretKey,
    service: o.service ?? (hostname.split('.')[0] as string),
    host: o.signedHost ?? hostname,
    contentType,
    payload: o.body,
    timestamp,
  });
  return {
    headers: {
      Authorization: authorization,
      'Content-Type': contentType,
      'X-TC-Action': o.action,
      'X-TC-Version': o.version ?? '2018-03-01',
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': 'ap-singapore',
      ...o.extraHeaders,
    },
    body: o.body,
  };
}

/** A v1 form body (spec §3.3) signed for POST to `host` (signed with the port, as the SDKs do). */
export function v1FormBody(o: {
  secretId: string;
  secretKey: string;
  host: string;
  action: string;
  params: Record<string, string>;
  timestamp?: number;
  method?: 'HmacSHA1' | 'HmacSHA256';
  httpMethod?: 'GET' | 'POST';
}): string {
  const params = new Map<string, string>(Object.entries(o.params));
  params.set('Action', o.action);
  params.set('Version', '2018-03-01');
  params.set('Nonce', '4242');
  params.set('Timestamp', String(o.timestamp ?? Math.floor(Date.now() / 1000)));
  params.set('SecretId', o.secretId);
  params.set('SignatureMethod', o.method ?? 'HmacSHA256');
  const sts = v1StringToSign(o.httpMethod ?? 'POST', o.host, '/', params);
  params.set(
    'Signature',
    v1Sign(o.secretKey, sts, (o.method ?? 'HmacSHA256') === 'HmacSHA256' ? 'sha256' : 'sha1'),
  );
  return [...params].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
