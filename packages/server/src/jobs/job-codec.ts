/**
 * Engine job inputs and outputs as JSON for Redis (BullMQ driver): byte arrays (videos, photos,
 * JPEG best frames) become {"$b64": "..."}; everything else is plain JSON. The receiving side
 * validates the decoded value with the task's own parser (ARCHITECTURE.md: validate on receipt).
 */
export function encodeJobValue(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return { $b64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeJobValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeJobValue(v)]));
  }
  return value;
}

export function decodeJobValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeJobValue);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$b64' && typeof o.$b64 === 'string')
      return new Uint8Array(Buffer.from(o.$b64, 'base64'));
    return Object.fromEntries(keys.map((k) => [k, decodeJobValue(o[k])]));
  }
  return value;
}
