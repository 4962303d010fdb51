import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '@open-ekyc/contract';
import { parseForm } from './form-params.js';

/**
 * What the gateway reads from one HTTP request to `/` before any signature check:
 * the signature family, the common parameters (spec §3.3) and where the action's
 * parameters are (spec §3.1 table).
 */

export type SignatureStyle = 'tc3' | 'v1';
export type BodyKind = 'json' | 'form' | 'none';

export interface RawApiRequest {
  readonly method: string;
  /** Request target as received, e.g. `/?Action=...`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface ApiRequest {
  readonly style: SignatureStyle;
  readonly method: 'GET' | 'POST';
  readonly host: string;
  readonly headers: IncomingHttpHeaders;
  /** Raw query string exactly as received, without `?` (TC3 signs it verbatim, spec §3.4). */
  readonly rawQuery: string;
  readonly body: Buffer;
  readonly bodyKind: BodyKind;
  /** Decoded flat parameters: v1 (all of them), TC3 GET query or TC3 form body; undefined for TC3 JSON. */
  readonly form: ReadonlyMap<string, string> | undefined;
  readonly action: string | undefined;
  readonly version: string | undefined;
  /** spec §0.8: `null` / empty mean "no region". */
  readonly region: string | undefined;
  readonly language: string | undefined;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** spec §3.1: JSON (any charset parameter) or form; GET carries no body. */
export function bodyKindOf(contentType: string | undefined, body: Buffer): BodyKind {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (media === 'application/json') return 'json';
  if (media === 'application/x-www-form-urlencoded') return 'form';
  if (media === '' && body.length === 0) return 'none';
  // spec §5.2: an unsupported Content-Type is a protocol error.
  throw new ApiError(
    'UnsupportedProtocol',
    `The Content-Type \`${media || '(none)'}\` is not supported; use application/json or application/x-www-form-urlencoded.`,
  );
}

function emptyToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v === '' || v === 'null' ? undefined : v;
}

export function readApiRequest(raw: RawApiRequest): ApiRequest {
  const method = raw.method;
  if (method !== 'GET' && method !== 'POST') {
    throw new ApiError('UnsupportedProtocol');
  }
  const q = raw.url.indexOf('?');
  const rawQuery = q < 0 ? '' : raw.url.slice(q + 1);
  const headers = raw.headers;
  const bodyKind: BodyKind =
    method === 'GET' ? 'none' : bodyKindOf(header(headers, 'content-type'), raw.body);
  const host = header(headers, 'host') ?? '';
  // TC3 puts the common parameters in X-TC-* headers and always signs with Authorization;
  // JSON bodies exist only in TC3. Everything else is a v1 request (spec §3.1).
  const style: SignatureStyle =
    header(headers, 'authorization') !== undefined ||
    header(headers, 'x-tc-action') !== undefined ||
    bodyKind === 'json'
      ? 'tc3'
      : 'v1';
  let form: Map<string, string> | undefined;
  if (method === 'GET') form = parseForm(rawQuery);
  else if (bodyKind === 'form') form = parseForm(raw.body.toString('utf8'));
  else if (bodyKind === 'none') form = new Map();
  const base = { style, method, host, headers, rawQuery, body: raw.body, bodyKind, form } as const;
  if (style === 'tc3') {
    return {
      ...base,
      action: header(headers, 'x-tc-action'),
      version: header(headers, 'x-tc-version'),
      region: emptyToUndefined(header(headers, 'x-tc-region')),
      language: emptyToUndefined(header(headers, 'x-tc-language')),
    };
  }
  return {
    ...base,
    action: form?.get('Action'),
    version: form?.get('Version'),
    region: emptyToUndefined(form?.get('Region')),
    language: emptyToUndefined(form?.get('Language')),
  };
}

/** The name of a common parameter as the client sent it (header for TC3, parameter for v1). */
export function commonName(
  style: SignatureStyle,
  name: 'Action' | 'Version' | 'Timestamp' | 'Authorization',
): string {
  return style === 'tc3' && name !== 'Authorization' ? `X-TC-${name}` : name;
}

export function missing(
  style: SignatureStyle,
  name: 'Action' | 'Version' | 'Timestamp' | 'Authorization',
): ApiError {
  // Observed wording (spec §5.2): header vs. parameter.
  return style === 'tc3'
    ? new ApiError(
        'MissingParameter',
        `The request header is missing a required common parameter \`${commonName(style, name)}\`.`,
      )
    : new ApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
}
