import type { Readable } from 'node:stream';
import { ApiError } from '@open-ekyc/contract';

/**
 * Reads the request body as raw bytes (TC3 hashes exactly these bytes, spec §0.4) and stops
 * reading as soon as the limit is passed, so an oversized body is never buffered whole.
 * A declared Content-Length above the limit is refused before reading anything.
 */
export function readRawBody(
  stream: Readable,
  limit: number,
  declaredLength: string | undefined,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = declaredLength === undefined ? NaN : Number(declaredLength);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onAborted);
      if (err) reject(err);
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > limit) {
        chunks.length = 0;
        stream.pause();
        finish(tooLarge(limit));
        return;
      }
      chunks.push(buf);
    };
    const onEnd = (): void => finish(null);
    const onError = (e: Error): void => finish(e);
    const onAborted = (): void => finish(new Error('request aborted by the client'));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('aborted', onAborted);
  });
}

function tooLarge(limit: number): ApiError {
  return new ApiError('RequestSizeLimitExceeded', `The request size exceeds the limit of ${limit} bytes.`);
}
