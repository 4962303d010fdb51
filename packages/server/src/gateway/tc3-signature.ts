import { createHash, createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time.js';

/** TC3-HMAC-SHA256 primitives (spec §3.4) and the server-side verifier (spec §3.6). */

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
/** spec §3.3: with `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` the payload hash is SHA256 of this literal. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, msg: string): Buffer {
  return createHmac('sha256', key).update(msg, 'utf8').digest();
}

/** UTC calendar date of a Unix timestamp in seconds, `YYYY-MM-DD` (the credential-scope date). */
export function utcDate(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

/** kSigning = HMAC(HMAC(HMAC("TC3"+SecretKey, date), service), "tc3_request") — spec §3.4. */
export function tc3SigningKey(secretKey: string, date: string, service: string): Buffer {
  const kDate = hmac('TC3' + secretKey, date);
  const kService = hmac(kDate, service);
  return hmac(kService, 'tc3_request');
}

export interface CanonicalRequestParts {
  readonly method: string;
  readonly path: string;
  /** Raw query string exactly as sent (spec §3.4: never re-encoded); "" for POST. */
  readonly query: string;
  /** Lower-case header names in SignedHeaders order, with the values to sign. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly payloadHash: string;
}

export function tc3CanonicalRequest(p: CanonicalRequestParts): string {
  const canonicalHeaders = p.headers.map(([k, v]) => `${k}:${v}\n`).join('');
  const signedHeaders = p.headers.map(([k]) => k).join(';');
  return [p.method, p.path, p.query, canonicalHeaders, signedHeaders, p.payloadHash].join('\n');
}

export function tc3StringToSign(
  timestamp: string | number,
  date: string,
  service: string,
  canonicalRequest: string,
): string {
  return [
    TC3_ALGORITHM,
    String(timestamp),
    `${date}/${service}/tc3_request`,
    sha256Hex(canonicalRequest),
  ].join('\n');
}

export function tc3Signature(signingKey: Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

export interface Tc3SignInput {
  readonly secretId: string;
  readonly secretKey: string;
  readonly service: string;
  readonly host: string;
  readonly contentType: string;
  readonly method?: string;
  readonly query?: string;
  readonly payload: string | Buffer;
  readonly timestamp: number;
}

/** Client-side signing, as the SDKs do it (used by tests and the benchmark). Returns the Authorization header. */
export function signTc3(input: Tc3SignInput): string {
  const date = utcDate(input.timestamp);
  const cr = tc3CanonicalRequest({
    method: input.method ?? 'POST',
    path: '/',
    query: input.query ?? '',
    headers: [
      ['content-type', input.contentType],
      ['host', input.host],
    ],
    payloadHash: sha256Hex(input.payload),
  });
  const sts = tc3StringToSign(input.timestamp, date, input.service, cr);
  const sig = tc3Signature(tc3SigningKey(input.secretKey, date, input.service), sts);
  return `${TC3_ALGORITHM} Credential=${input.secretId}/${date}/${input.service}/tc3_request, SignedHeaders=content-type;host, Signature=${sig}`;
}

export interface Tc3Authorization {
  readonly secretId: string;
  readonly date: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

// spec §3.6 (the comma may or may not be followed by a space).
const AUTH_RE =
  /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s,]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Parses the TC3 Authorization header; null when it is not a well-formed TC3 header. */
export function parseTc3Authorization(header: string): Tc3Authorization | null {
  if (header.length > 2048) return null;
  const m = AUTH_RE.exec(header.trim());
  if (!m) return null;
  const [, secretId, date, service, signedHeaders, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const list = signedHeaders.split(';');
  // spec §5.2: SignedHeaders must cover host and content-type.
  if (!list.includes('host') || !list.includes('content-type') || list.some((h) => h === '')) return null;
  return { secretId, date, service, signedHeaders: list, signature };
}

export interface Tc3VerifyInput {
  readonly auth: Tc3Authorization;
  readonly method: string;
  readonly rawQuery: string;
  /** Timestamp exactly as sent in X-TC-Timestamp. */
  readonly timestamp: string;
  /** Host header as received. */
  readonly host: string;
  /** Request headers (lower-case names, Node's IncomingHttpHeaders shape). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

function headerValue(headers: Tc3VerifyInput['headers'], name: string): string {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}

export function stripPort(host: string): string {
  // IPv6 literals keep their brackets: "[::1]:8080" -> "[::1]".
  return host.replace(/:\d+$/, '');
}

/**
 * spec §3.6 verifyTc3: tries the Host header as received and without `:port` (spec §3.5: Node
 * signs the hostname, Go/Python/Java/PHP the endpoint with port), and header values as sent,
 * then lower-cased. Every comparison is constant-time.
 */
export function verifyTc3Signature(input: Tc3VerifyInput, secretKey: string): boolean {
  const { auth } = input;
  const payloadHash =
    headerValue(input.headers, 'x-tc-content-sha256') === UNSIGNED_PAYLOAD
      ? sha256Hex(UNSIGNED_PAYLOAD)
      : sha256Hex(input.body);
  const signingKey = tc3SigningKey(secretKey, auth.date, auth.service);
  const hosts = unique([input.host, stripPort(input.host)]);
  const queries = input.method === 'GET' ? [input.rawQuery] : unique([input.rawQuery, '']);
  // Distinct canonical requests only: most variants coincide (lower-case values, no port).
  const candidates = new Set<string>();
  for (const host of hosts) {
    for (const query of queries) {
      for (const lower of [false, true]) {
        const headers = auth.signedHeaders.map((h): [string, string] => {
          const v = (h === 'host' ? host : headerValue(input.headers, h)).trim();
          return [h, lower ? v.toLowerCase() : v];
        });
        candidates.add(tc3CanonicalRequest({ method: input.method, path: '/', query, headers, payloadHash }));
      }
    }
  }
  let ok = false;
  for (const cr of candidates) {
    const expected = tc3Signature(signingKey, tc3StringToSign(input.timestamp, auth.date, auth.service, cr));
    // Keep going after a match so the work done does not depend on which variant matched.
    if (constantTimeEqual(expected, auth.signature)) ok = true;
  }
  return ok;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
