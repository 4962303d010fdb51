import { ApiError, REDIRECT_URL_MAX_CHARS } from '@open-ekyc/contract';

/**
 * RedirectURL (spec §7 ApplyWebVerificationBizTokenIntl): where the page sends the user after the
 * verification, with `token={BizToken}` spliced in. The page navigates there, so an unchecked value
 * would make us an open redirect or a script launcher. Accepted: an absolute http(s) URL written out
 * in full (`https://host/...`), no credentials, no whitespace / control characters / backslashes,
 * at most REDIRECT_URL_MAX_CHARS. Refused: `javascript:`, `data:`, scheme-relative `//evil.com`,
 * `https://user:pass@host`, anything the WHATWG parser would read differently from how it looks.
 */

const UNSAFE_CHARS =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
  /[\u0000-\u0020\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/;

export function validateRedirectUrl(raw: string, field = 'RedirectURL'): string {
  const bad = (why: string): never => {
    throw new ApiError(
      'InvalidParameterValue',
      `The value specified in the parameter \`${field}\` is invalid: ${why}.`,
    );
  };
  if (raw.length === 0 || raw.length > REDIRECT_URL_MAX_CHARS)
    bad(`it must be 1 to ${REDIRECT_URL_MAX_CHARS} characters`);
  // Control characters, whitespace and backslashes are silently dropped or rewritten by URL parsers.
  if (UNSAFE_CHARS.test(raw)) bad('it contains whitespace, control characters or backslashes');
  // The scheme must be spelled out, so `//evil.com`, `/path` and `javascript:` never parse as something else.
  if (!/^https?:\/\/[^/]/i.test(raw)) bad('it must be an absolute http:// or https:// URL');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return bad('it is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') bad('only http and https are allowed');
  const authority = raw.replace(/^https?:\/\//i, '').split(/[/?#]/, 1)[0] ?? '';
  if (url.username !== '' || url.password !== '' || authority.includes('@')) {
    bad('it must not contain credentials');
  }
  if (url.hostname === '') bad('it has no host');
  return url.href;
}

/**
 * RedirectURL with `token=` added: `?token=` when it has no query, `&token=` otherwise, before any
 * `#fragment`. The merchant's own query is kept byte for byte (URLSearchParams would re-encode it).
 */
export function redirectWithToken(redirectUrl: string, token: string): string {
  const hashAt = redirectUrl.indexOf('#');
  const base = hashAt === -1 ? redirectUrl : redirectUrl.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : redirectUrl.slice(hashAt);
  const sep = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${sep}token=${encodeURIComponent(token)}${hash}`;
}
