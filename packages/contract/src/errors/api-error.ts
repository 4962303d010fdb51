import messages from './api-error-messages.json' with { type: 'json' };

/**
 * Every API-level error code this service can put in `Response.Error.Code`
 * (spec §5.2 common codes + §5.3 faceid codes), with its default English message.
 * The table is data: `api-error-messages.json`.
 */
export const API_ERROR_MESSAGES: Readonly<Record<string, string>> = Object.freeze(messages);

export type ApiErrorCode = keyof typeof messages;

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.prototype.hasOwnProperty.call(API_ERROR_MESSAGES, code);
}

/**
 * The one error type that crosses from services/actions/gateway to the vendor envelope
 * (`{"Response":{"Error":{"Code","Message"},"RequestId"}}`, HTTP 200 — spec §3.9, §5.1).
 * Throw it with a catalog code; the message defaults to the catalog's text.
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message?: string) {
    super(message ?? API_ERROR_MESSAGES[code] ?? code);
    this.name = 'ApiError';
    this.code = code;
  }
}
