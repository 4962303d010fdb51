import { ApiError } from '@open-ekyc/contract';

/**
 * Decodes a TC3 JSON body (spec §3.1): strict UTF-8, bounded nesting, an object at the top.
 * The nesting is measured on the raw bytes before `JSON.parse`, so a 100k-deep array never
 * reaches code that recurses over it.
 */

export const MAX_JSON_DEPTH = 64;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Largest bracket depth outside strings; stops counting once `max` is passed. */
export function jsonDepthExceeds(bytes: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

export function parseJsonBody(raw: Buffer): Record<string, unknown> {
  // An empty body is an empty parameter set (the SDKs send "{}" for no parameters).
  if (raw.length === 0) return {};
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    throw new ApiError('InvalidParameter', 'The request body is not valid UTF-8.');
  }
  if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) {
    throw new ApiError(
      'InvalidParameter',
      `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('InvalidParameter', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError('InvalidParameter', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
