import { ApiError } from '@open-ekyc/contract';

/**
 * Maps anything thrown while answering an API call to a vendor error code (spec §5.2).
 * Only `ApiError` carries a client-visible message; everything else is `InternalError`
 * with the generic message (the details go to the log, never to the client).
 */

export interface Failure {
  readonly code: string;
  readonly message: string;
  /** True when the cause is a bug or an outage rather than a bad request. */
  readonly internal: boolean;
}

// Fastify's own request errors that can reach the API routes.
const FASTIFY_CODES: Readonly<Record<string, readonly [ApiError['code'], string]>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'UnsupportedProtocol',
    'The Content-Type header is malformed or not supported.',
  ],
  FST_ERR_CTP_INVALID_TYPE: ['UnsupportedProtocol', 'The Content-Type header is malformed or not supported.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['RequestSizeLimitExceeded', 'The request size exceeds the limit.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    'InvalidParameter',
    'The Content-Length header does not match the body.',
  ],
  FST_ERR_BAD_URL: ['InvalidParameter', 'The request URL is malformed.'],
};

export function toFailure(err: unknown): Failure {
  if (err instanceof ApiError)
    return { code: err.code, message: err.message, internal: err.code.startsWith('InternalError') };
  const fstCode = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const known = typeof fstCode === 'string' ? FASTIFY_CODES[fstCode] : undefined;
  if (known) return { code: known[0], message: known[1], internal: false };
  const e = new ApiError('InternalError');
  return { code: e.code, message: e.message, internal: true };
}
