import type { FastifyReply } from 'fastify';
import { markClosing } from './closing-sockets.js';

/**
 * The vendor response envelope, built in one place (spec §3.9, §0.5, §0.6):
 * success `{"Response":{...output,"RequestId"}}`, error `{"Response":{"Error":{"Code","Message"},"RequestId"}}`,
 * always HTTP 200 with `Content-Type: application/json` exactly (the Python SDK only reads
 * `Response.Error` for that exact value).
 */

export const JSON_CONTENT_TYPE = 'application/json';

export function successBody(output: object, requestId: string): string {
  return JSON.stringify({ Response: { ...output, RequestId: requestId } });
}

export function errorBody(code: string, message: string, requestId: string): string {
  return JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
}

// Echo only a sane token (SDKs send a UUID); anything else is dropped rather than reflected.
const TRACE_ID_RE = /^[\x21-\x7e]{1,128}$/;

export function traceIdOf(header: string | string[] | undefined): string | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  return v !== undefined && TRACE_ID_RE.test(v) ? v : undefined;
}

export interface SendOptions {
  readonly requestId: string;
  readonly traceId: string | undefined;
  /** Close the connection after answering (the request body was not read to the end). */
  readonly close?: boolean;
}

export function sendEnvelope(reply: FastifyReply, body: string, opts: SendOptions): FastifyReply {
  reply.code(200);
  reply.header('content-type', JSON_CONTENT_TYPE);
  // spec §3.9: Go/Java read X-TC-RequestId; Node copies x-tc-traceid into its exceptions.
  reply.header('x-tc-requestid', opts.requestId);
  if (opts.traceId !== undefined) reply.header('x-tc-traceid', opts.traceId);
  if (opts.close) {
    reply.header('connection', 'close');
    markClosing(reply.raw.socket);
  }
  // A Buffer, because for a string Fastify appends `; charset=utf-8` to a JSON content-type.
  return reply.send(Buffer.from(body, 'utf8'));
}
