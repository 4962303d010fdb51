import {
  AttemptResultSchema,
  CAPTURE_API_PREFIX,
  CAPTURE_TIMELINE_HEADER,
  CAPTURE_TIMELINE_MAX_HEADER_BYTES,
  DOCUMENT_SIDE_HEADER,
  DocumentConfirmedSchema,
  DocumentConfirmRequestSchema,
  DocumentReadSchema,
  DocumentSideSchema,
  ExitRequestSchema,
  StartAttemptRequestSchema,
  UPLOAD_NONCE_HEADER,
  type CaptureError,
  type DocumentConfirmRequest,
} from '@open-ekyc/contract';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { captureErrors, CaptureApiError } from '../services/web-flow/capture-errors.js';
import type { CaptureService } from '../services/web-flow/capture-service.js';
import type { DocumentService } from '../services/documents/document-service.js';

/** Tokens are upper-case UUIDs, attempt ids 22 base64url characters; anything else is unknown without a lookup. */
const TOKEN_RE = /^[A-Za-z0-9-]{8,64}$/;
const ATTEMPT_RE = /^[A-Za-z0-9_-]{16,64}$/;
/** JSON bodies of the capture API are tiny ({source}, {reason}). */
const JSON_LIMIT = 4096;
/** A document confirm carries the corrected fields: up to 17 (IndonesiaIDCard) of at most 256 characters. */
const CONFIRM_JSON_LIMIT = 32 * 1024;
const DOCUMENTS_URL = '/sessions/:token/documents';

type Params = { token: string; attemptId?: string };

/**
 * The capture API over HTTP (contract capture/capture-api.ts): token-scoped, not merchant-signed.
 * Registered in its own prefixed scope so its 404s and errors are CaptureError bodies, while the
 * gateway keeps the root not-found handler. Every request is validated with the contract schemas.
 */
export function captureRoutes(deps: {
  readonly capture: CaptureService;
  readonly documents: DocumentService;
  readonly maxVideoBytes: number;
  /** Body limit of a document photo (the route's own, over the video parser's). */
  readonly maxImageBytes: number;
}) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(
      async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser(
          'application/json',
          { parseAs: 'buffer', bodyLimit: JSON_LIMIT },
          (_req, body, done) => done(null, body),
        );
        // Video (and anything else, so a wrong type is answered 1104 by the service, not by Fastify).
        scope.addContentTypeParser(
          '*',
          { parseAs: 'buffer', bodyLimit: deps.maxVideoBytes },
          (_req, body, done) => done(null, body),
        );
        scope.addHook('onSend', async (_req, reply) => {
          reply.header('cache-control', 'no-store');
          reply.header('x-content-type-options', 'nosniff');
          // The web SDK may run on the merchant's own origin. The token in the path is the only
          // credential (no cookies, no ambient authority), so any origin may call: `*`, never credentials.
          reply.header('access-control-allow-origin', '*');
        });
        scope.options('/*', async (_req, reply) =>
          reply
            .code(204)
            .header('access-control-allow-methods', 'GET, POST')
            .header(
              'access-control-allow-headers',
              `content-type, ${UPLOAD_NONCE_HEADER}, ${CAPTURE_TIMELINE_HEADER}, ${DOCUMENT_SIDE_HEADER}`,
            )
            .header('access-control-max-age', '600')
            .send(),
        );
        scope.setNotFoundHandler((_req, reply) => send(reply, new CaptureApiError(404, '3', 'Not found')));
        scope.setErrorHandler((err: FastifyError, request, reply) => {
          if (err instanceof CaptureApiError) return send(reply, err);
          if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
            const url = request.routeOptions.url ?? '';
            if (url.endsWith(DOCUMENTS_URL)) return send(reply, captureErrors.imageSize());
            return send(
              reply,
              url.endsWith('/video') ? captureErrors.videoSize() : captureErrors.badRequest('body too large'),
            );
          }
          if (err.statusCode !== undefined && err.statusCode < 500)
            return send(reply, captureErrors.badRequest(err.message));
          request.log.error({ err }, 'capture API failure');
          return send(reply, new CaptureApiError(500, '4', 'Internal service error'));
        });

        scope.get<{ Params: Params }>('/sessions/:token', async (req, reply) => {
          const token = checkToken(req.params);
          return reply.code(200).send(await deps.capture.session(token));
        });

        scope.post<{ Params: Params }>('/sessions/:token/attempts', async (req, reply) => {
          const token = checkToken(req.params);
          const body = jsonBody(req.body, StartAttemptRequestSchema) as { source?: 'camera' | 'file' };
          return reply.code(201).send(await deps.capture.startAttempt(token, body.source ?? 'camera'));
        });

        scope.post<{ Params: Params }>('/sessions/:token/attempts/:attemptId/video', async (req, reply) => {
          const token = checkToken(req.params);
          const attemptId = checkAttempt(req.params);
          const timeline = header(req.headers[CAPTURE_TIMELINE_HEADER]);
          if (timeline !== undefined && timeline.length > CAPTURE_TIMELINE_MAX_HEADER_BYTES) {
            throw captureErrors.badRequest('X-Capture-Timeline is too large');
          }
          await deps.capture.upload(token, attemptId, {
            nonce: header(req.headers[UPLOAD_NONCE_HEADER]),
            contentType: header(req.headers['content-type']),
            timelineHeader: timeline,
            bytes: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          });
          return reply.code(202).send({ status: 'processing' });
        });

        scope.get<{ Params: Params }>('/sessions/:token/attempts/:attemptId', async (req, reply) => {
          const result = await deps.capture.poll(checkToken(req.params), checkAttempt(req.params));
          if (!Value.Check(AttemptResultSchema, result))
            throw new Error('attempt result does not match the contract');
          return reply.code(200).send(result);
        });

        scope.post<{ Params: Params }>('/sessions/:token/exit', async (req, reply) => {
          const token = checkToken(req.params);
          const body = jsonBody(req.body, ExitRequestSchema) as { reason?: string };
          return reply.code(200).send(await deps.capture.exit(token, body.reason));
        });

        // Document step: the photo is read synchronously (the page waits ~1–3 s for the verdict).
        scope.post<{ Params: Params }>(
          DOCUMENTS_URL,
          { bodyLimit: deps.maxImageBytes },
          async (req, reply) => {
            const token = checkToken(req.params);
            const side = header(req.headers[DOCUMENT_SIDE_HEADER]);
            if (!Value.Check(DocumentSideSchema, side))
              throw captureErrors.badRequest('X-Document-Side must be front or back');
            const read = await deps.documents.read(
              token,
              side,
              header(req.headers['content-type']),
              Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
            );
            if (!Value.Check(DocumentReadSchema, read))
              throw new Error('document read does not match the contract');
            return reply.code(200).send(read);
          },
        );

        scope.post<{ Params: Params }>(
          `${DOCUMENTS_URL}/confirm`,
          { bodyLimit: CONFIRM_JSON_LIMIT },
          async (req, reply) => {
            const token = checkToken(req.params);
            const body = jsonBody(req.body, DocumentConfirmRequestSchema) as DocumentConfirmRequest;
            const confirmed = await deps.documents.confirm(token, body.readId, body.fields);
            if (!Value.Check(DocumentConfirmedSchema, confirmed))
              throw new Error('document confirm answer does not match the contract');
            return reply.code(200).send(confirmed);
          },
        );
      },
      { prefix: CAPTURE_API_PREFIX },
    );
  };
}

function send(reply: FastifyReply, err: CaptureApiError): FastifyReply {
  const body: CaptureError = { code: err.code, message: err.message };
  return reply.code(err.status).header('cache-control', 'no-store').send(body);
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

function checkToken(p: Params): string {
  if (!TOKEN_RE.test(p.token)) throw captureErrors.unknownToken();
  return p.token;
}

function checkAttempt(p: Params): string {
  if (!p.attemptId || !ATTEMPT_RE.test(p.attemptId)) throw captureErrors.noAttempt();
  return p.attemptId;
}

/** An empty body is `{}`; otherwise JSON matching `schema`. */
function jsonBody(body: unknown, schema: TSchema): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8').trim() : '';
  let value: unknown = {};
  if (text !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw captureErrors.badRequest('the body is not JSON');
    }
  }
  if (!Value.Check(schema, value)) throw captureErrors.badRequest('the body does not match the schema');
  return value;
}
