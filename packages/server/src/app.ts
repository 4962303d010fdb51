import { randomUUID } from 'node:crypto';
import { ApiError } from '@open-ekyc/contract';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { AnyAction } from './actions/action.js';
import type { Config } from './config/config.js';
import { registerApiRoutes } from './gateway/api-route.js';
import { clientErrorHandler, MAX_HEADER_BYTES } from './gateway/client-error.js';
import type { CredentialResolver } from './gateway/credentials.js';
import { errorBody, sendEnvelope, traceIdOf } from './gateway/envelope.js';
import { loggerOptions } from './gateway/logging.js';
import { createGatewayMetrics } from './gateway/metrics.js';
import { RateLimiter, qpsResolver } from './gateway/rate-limiter.js';
import { precompile } from './gateway/validate-input.js';

export interface ServerDeps {
  readonly config: Config;
  readonly actions: AnyAction[];
  readonly credentials: CredentialResolver;
  /** `/readyz`: models loaded, database reachable. Absent = always ready. */
  readonly readiness?: () => Promise<boolean>;
  /** Lets later parts (verification page, console, capture API) add their routes. */
  readonly extraRoutes?: (app: FastifyInstance) => void | Promise<void>;
  /** Where log lines go (default stdout); tests use it to check what is logged. */
  readonly logStream?: { write(msg: string): void };
  /** Unix time in seconds, for signature timestamps (tests). */
  readonly nowSeconds?: () => number;
}

/**
 * Builds the HTTP server (not listening): the signed API at `/` (INTERFACES.md §3),
 * `/healthz`, `/readyz`, `/metrics`, plus whatever `extraRoutes` adds.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const actions = new Map<string, AnyAction>();
  for (const a of deps.actions) {
    if (actions.has(a.name)) throw new Error(`action ${a.name} registered twice`);
    actions.set(a.name, a);
    precompile(a.request);
  }

  const app = Fastify({
    logger: loggerOptions(config, deps.logStream),
    // The RequestId of the envelope (spec §3.9) doubles as the log's reqId.
    genReqId: () => randomUUID(),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.gateway.bodyLimitBytes,
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    clientErrorHandler,
    // Malformed URLs at `/` still get a vendor envelope.
    frameworkErrors: (err, request, reply) => {
      const e = new ApiError('InvalidParameter', 'The request URL is malformed.');
      request.log.debug({ err }, 'framework error');
      sendEnvelope(reply, errorBody(e.code, e.message, request.id), {
        requestId: request.id,
        traceId: traceIdOf(request.headers['x-tc-traceid']),
      });
    },
  });

  const metrics = createGatewayMetrics();
  const limiter = new RateLimiter(
    qpsResolver(config.gateway.qps, new Map(deps.actions.map((a) => [a.name, a.defaultQps]))),
  );
  const nowSeconds = deps.nowSeconds ?? (() => Math.floor(Date.now() / 1000));

  await registerApiRoutes(app, {
    gateway: {
      actions,
      limiter,
      auth: {
        credentials: deps.credentials,
        timestampWindowSeconds: config.gateway.timestampWindowSeconds,
        nowSeconds,
      },
    },
    metrics,
    bodyLimitBytes: config.gateway.bodyLimitBytes,
    requestTimeoutMs: config.gateway.requestTimeoutMs,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    let ready = true;
    try {
      ready = deps.readiness ? await deps.readiness() : true;
    } catch (err) {
      app.log.warn({ err }, 'readiness check failed');
      ready = false;
    }
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type('text/plain; version=0.0.4').send(metrics.registry.render()),
  );

  // Any method Fastify cannot route at `/` (e.g. PROPFIND) is still answered in the vendor format.
  app.setNotFoundHandler((request, reply) => {
    if (request.url === '/' || request.url.startsWith('/?')) {
      const e = new ApiError('UnsupportedProtocol');
      return sendEnvelope(reply, errorBody(e.code, e.message, request.id), {
        requestId: request.id,
        traceId: traceIdOf(request.headers['x-tc-traceid']),
      });
    }
    return reply.code(404).send({ error: 'Not Found' });
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      { req: request, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });

  if (deps.extraRoutes) await deps.extraRoutes(app);
  return app;
}
