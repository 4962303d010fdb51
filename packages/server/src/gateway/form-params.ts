import { unescape as qsUnescape } from 'node:querystring';

/**
 * `application/x-www-form-urlencoded` bodies and query strings (spec §3.1, §3.7).
 * Decoding is lenient (a broken `%` escape is kept literally, as Node's querystring does),
 * because the v1 signature is computed over the DECODED values (spec §3.6) and must be
 * reproducible whatever the client sent.
 */

/** At most this many parameters are read; the rest are ignored (protects the sort in v1 signing). */
export const MAX_FORM_PARAMS = 2000;

function decode(s: string): string {
  return qsUnescape(s.replace(/\+/g, ' '));
}

/** Parses `a=1&b=2`; a repeated key keeps its last value; empty keys are skipped. */
export function parseForm(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  if (raw === '') return out;
  let count = 0;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    if (++count > MAX_FORM_PARAMS) break;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    if (key !== '') out.set(key, value);
  }
  return out;
}

/** The common parameters of v1 requests, never part of an action's input (spec §3.7). */
export const COMMON_PARAMS: ReadonlySet<string> = new Set([
  'Action',
  'Version',
  'Region',
  'Timestamp',
  'Nonce',
  'SecretId',
  'Signature',
  'SignatureMethod',
  'Token',
  'RequestClient',
  'Language',
]);

// Keys that would reach Object.prototype through plain-object assignment.
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

export type Unflattened = { [key: string]: string | Unflattened };

/**
 * Rebuilds nested input from flattened keys (spec §3.7): `Config.AutoSkip=true`,
 * `List.0=a`, `List.0.Field=b`. Array indices stay object keys ("0", "1"); the schema-guided
 * coercion turns them into arrays where the action's schema expects one. A key that is both a
 * leaf and a parent (`A=1&A.B=2`) keeps the nested form. Common parameters are dropped.
 */
export function unflatten(params: ReadonlyMap<string, string>, dropCommon: boolean): Unflattened {
  const root: Unflattened = Object.create(null) as Unflattened;
  for (const [key, value] of params) {
    if (dropCommon && COMMON_PARAMS.has(key)) continue;
    const path = key.split('.');
    if (path.some((seg) => seg === '' || FORBIDDEN_SEGMENTS.has(seg))) continue;
    let node = root;
    for (let i = 0; i < path.length - 1; i++) {
      const seg = path[i] as string;
      const next = node[seg];
      if (next === undefined || typeof next === 'string') {
        const child: Unflattened = Object.create(null) as Unflattened;
        node[seg] = child;
        node = child;
      } else {
        node = next;
      }
    }
    const leaf = path[path.length - 1] as string;
    if (typeof node[leaf] !== 'object') node[leaf] = value;
  }
  return root;
}
