import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { isClosing } from './closing-sockets.js';
import { errorBody, JSON_CONTENT_TYPE } from './envelope.js';

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (oversized header block or
 * URL, malformed request line) still get a vendor envelope with HTTP 200, so an SDK reports a
 * code instead of a bare transport error (spec §0.5). The connection is then closed, as Node
 * does by default.
 */

/** Largest request head (request line + headers) accepted; spec §3.1: GET requests are ≤ 32 KB. */
export const MAX_HEADER_BYTES = 64 * 1024;

export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (isClosing(socket)) {
    // Leftovers of a body we refused to read: the answer was already sent.
    socket.destroy();
    return;
  }
  let body: string | undefined;
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    body = errorBody(
      'RequestSizeLimitExceeded',
      `The request line and headers exceed ${MAX_HEADER_BYTES} bytes.`,
      randomUUID(),
    );
  } else if (err.code !== 'ERR_HTTP_REQUEST_TIMEOUT') {
    body = errorBody('UnsupportedProtocol', 'The HTTP request is malformed.', randomUUID());
  }
  this.log.debug({ code: err.code }, 'client error');
  if (body !== undefined && socket.writable) {
    const requestId = (JSON.parse(body) as { Response: { RequestId: string } }).Response.RequestId;
    socket.write(
      `HTTP/1.1 200 OK\r\nContent-Type: ${JSON_CONTENT_TYPE}\r\nX-TC-RequestId: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
