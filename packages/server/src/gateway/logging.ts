import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config.js';

/**
 * Logger options for Fastify's pino (brief item 8): never the Authorization header, a
 * SecretKey, a v1 Signature or base64 media. Request URLs are logged with query values
 * masked (v1 GET carries SecretId/Signature and personal data there).
 */

// Field names whose values must never reach the log, at the top level or one level down.
const SECRET_FIELDS = [
  'authorization',
  'Authorization',
  'SecretKey',
  'secretKey',
  'Signature',
  'signature',
  'Token',
  'token',
  'masterKey',
  'Image',
  'ImageBase64',
  'CompareImageBase64',
  'Video',
  'VideoBase64',
  'LivenessImage',
  'IdCardImage',
  'CardImageBase64',
  'BackImageBase64',
];

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'headers.authorization',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  ...SECRET_FIELDS.map((f) => `input.*.${f}`),
];

// Common-parameter values that are safe and useful to see.
const VISIBLE_QUERY_KEYS = new Set(['Action', 'Version', 'Region', 'SignatureMethod', 'Language']);

/** `/?Action=X&SecretId=AKID..&Signature=..` -> `/?Action=X&SecretId=*&Signature=*`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url.length > 512 ? url.slice(0, 512) + '…' : url;
  const masked = url
    .slice(q + 1)
    .split('&')
    .slice(0, 50)
    .map((part) => {
      const eq = part.indexOf('=');
      const key = eq < 0 ? part : part.slice(0, eq);
      return VISIBLE_QUERY_KEYS.has(key) ? part.slice(0, 128) : `${key.slice(0, 64)}=*`;
    })
    .join('&');
  return `${url.slice(0, Math.min(q, 512))}?${masked}`;
}

interface SerializableRequest {
  method?: string;
  url?: string;
  ip?: string;
  headers?: Record<string, unknown>;
}

export function loggerOptions(
  config: Pick<Config, 'logLevel'>,
  stream?: { write(msg: string): void },
): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // No headers at all: they carry Authorization and X-TC-Token.
      req: (req: SerializableRequest) => ({
        method: req.method,
        url: redactUrl(req.url ?? ''),
        remoteAddress: req.ip,
      }),
    },
    ...(stream ? { stream } : {}),
  };
}
