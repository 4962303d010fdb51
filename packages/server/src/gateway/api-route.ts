import type { Readable } from 'node:stream';
import { ApiError } from '@open-ekyc/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, sendEnvelope, successBody, traceIdOf } from './envelope.js';
import { toFailure } from './failure.js';
import type { GatewayMetrics } from './metrics.js';
import { runApiCall, type CallInfo, type Gateway } from './pipeline.js';
import { readRawBody } from './raw-body.js';

/**
 * The TencentCloud API 3.0 endpoint: `POST /` and `GET /` (INTERFACES.md §3). Registered in
 * its own encapsulated plugin so its raw-body parser and envelope error handler do not leak
 * into the routes other parts add (console, capture API).
 */

export interface ApiRouteOptions {
  readonly gateway: Gateway;
  readonly metrics: GatewayMetrics;
  readonly bodyLimitBytes: number;
  readonly requestTimeoutMs: number;
}

// Requests whose body was not read to the end: answer, then close the connection.
const unreadBody = new WeakSet<FastifyRequest>();

function record(metrics: GatewayMetrics, action: string | undefined, code: string, ms: number): number {
  const labels = { action: action ?? '-', code };
  metrics.requests.inc(labels);
  metrics.latency.observe(labels, ms / 1000);
  return ms;
}

/** Rejects with the signal's reason once it aborts; never leaves a listener behind. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export function registerApiRoutes(app: FastifyInstance, opts: ApiRouteOptions): Promise<void> {
  const { gateway, metrics } = opts;

  async function handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const started = performance.now();
    const controller = new AbortController();
    // brief item 7: per-request time limit -> abort the CallerContext.signal, answer InternalError.
    const timer = setTimeout(
      () =>
        controller.abort(
          new ApiError(
            'InternalError',
            `The request did not complete within ${opts.requestTimeoutMs} ms and was cancelled.`,
          ),
        ),
      opts.requestTimeoutMs,
    );
    const onClose = (): void => {
      if (!reply.raw.writableEnded) controller.abort(new Error('client closed the connection'));
    };
    reply.raw.once('close', onClose);
    const call: CallInfo = {
      requestId: request.id,
      receivedAt: new Date(),
      signal: controller.signal,
      log: request.log,
    };
    let body: string;
    let code = 'Success';
    try {
      const raw = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      };
      const output = await abortable(runApiCall(gateway, raw, call), controller.signal);
      body = successBody(output, request.id);
    } catch (err) {
      const f = toFailure(err);
      code = f.code;
      body = errorBody(f.code, f.message, request.id);
      // A client that went away is not a server fault; anything else internal is logged with its stack.
      if (f.internal && reply.raw.destroyed)
        request.log.info({ action: call.action }, 'client closed the connection');
      else if (f.internal) request.log.error({ err, action: call.action }, 'api call failed');
    } finally {
      clearTimeout(timer);
      reply.raw.off('close', onClose);
    }
    const ms = record(metrics, call.action, code, performance.now() - started);
    request.log.info(
      { action: call.action, code, secretId: call.secretId, ms: Math.round(ms * 10) / 10 },
      'api call',
    );
    return sendEnvelope(reply, body, {
      requestId: request.id,
      traceId: traceIdOf(request.headers['x-tc-traceid']),
      close: unreadBody.has(request),
    });
  }

  return app.register(async (api) => {
    // Keep the raw bytes of every body (TC3 hashes them, spec §0.4); we parse JSON/forms ourselves.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', async (request: FastifyRequest, payload: Readable) => {
      try {
        return await readRawBody(payload, opts.bodyLimitBytes, request.headers['content-length']);
      } catch (err) {
        unreadBody.add(request);
        throw err;
      }
    });

    // Errors raised before the handler runs (body too large, unparsable Content-Type...).
    api.setErrorHandler((err, request, reply) => {
      const f = toFailure(err);
      // A client that aborted its upload is not a server fault.
      if (f.internal && request.raw.destroyed) request.log.info('client aborted the request body');
      else if (f.internal) request.log.error({ err }, 'api request failed before the handler');
      record(metrics, undefined, f.code, reply.elapsedTime);
      request.log.info({ code: f.code, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'api call');
      return sendEnvelope(reply, errorBody(f.code, f.message, request.id), {
        requestId: request.id,
        traceId: traceIdOf(request.headers['x-tc-traceid']),
        close: true,
      });
    });

    // No automatic HEAD route: a HEAD must never run an action (it falls through to UnsupportedProtocol).
    api.route({ method: ['GET', 'POST'], url: '/', exposeHeadRoute: false, handler: handle });
    // spec §3.1: any other method -> UnsupportedProtocol, still as an envelope.
    api.route({
      method: ['PUT', 'DELETE', 'PATCH', 'OPTIONS'],
      url: '/',
      handler: async (request, reply) => {
        record(metrics, undefined, 'UnsupportedProtocol', reply.elapsedTime);
        const e = new ApiError('UnsupportedProtocol');
        return sendEnvelope(reply, errorBody(e.code, e.message, request.id), {
          requestId: request.id,
          traceId: traceIdOf(request.headers['x-tc-traceid']),
        });
      },
    });
  }) as unknown as Promise<void>;
}
