import type { FastifyInstance } from 'fastify';
import { MediaExistsError, MediaTooLargeError, type MediaStore } from './media-store.js';
import { MEDIA_ROUTE_PREFIX, type MediaUrls } from './media-urls.js';

/**
 * The HTTP side of the media store: `PUT /media/upload/:id` (the UploadUrl of CreateUploadUrl, like
 * a COS pre-signed PUT) and `GET /media/:id` (ResourceUrls, best frames, light sequences). Plain
 * HTTP statuses, as object storage answers, not the API envelope.
 */
export function mediaRoutes(deps: {
  readonly store: MediaStore;
  readonly urls: MediaUrls;
  readonly maxUploadBytes: number;
  readonly nowSeconds?: () => number;
}): (app: FastifyInstance) => Promise<void> {
  const nowSeconds = deps.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  return async (app) => {
    await app.register(
      async (scope) => {
        // Any content type: the object is opaque bytes (video, photo, SDK package).
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser(
          '*',
          { parseAs: 'buffer', bodyLimit: deps.maxUploadBytes },
          (_req, body, done) => done(null, body),
        );

        scope.put<{ Params: { id: string }; Querystring: Record<string, string> }>(
          '/upload/:id',
          async (request, reply) => {
            const grant = deps.urls.verifyUpload(request.params.id, request.query, nowSeconds());
            if (!grant) return reply.code(403).send({ error: 'signature invalid or expired' });
            const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
            if (body.length === 0) return reply.code(400).send({ error: 'empty body' });
            if (body.length > grant.maxBytes) return reply.code(413).send({ error: 'object too large' });
            try {
              const contentType = request.headers['content-type'];
              const stored = await deps.store.put(
                body,
                {
                  kind: 'upload',
                  ...(typeof contentType === 'string' ? { contentType: contentType.slice(0, 100) } : {}),
                },
                { id: grant.id },
              );
              return reply.header('etag', `"${stored.meta.md5}"`).code(200).send();
            } catch (err) {
              if (err instanceof MediaExistsError) return reply.code(409).send({ error: 'already uploaded' });
              if (err instanceof MediaTooLargeError)
                return reply.code(413).send({ error: 'object too large' });
              throw err;
            }
          },
        );

        scope.get<{ Params: { id: string }; Querystring: Record<string, string> }>(
          '/:id',
          async (request, reply) => {
            if (!deps.urls.verifyResource(request.params.id, request.query, nowSeconds()))
              return reply.code(403).send({ error: 'signature invalid or expired' });
            const found = await deps.store.get(request.params.id);
            if (!found) return reply.code(404).send({ error: 'not found' });
            // Uploads are served as opaque bytes whatever type the uploader claimed: this origin also
            // serves the console, so no stored HTML or script may ever render here.
            const type =
              found.meta.kind === 'upload'
                ? 'application/octet-stream'
                : (found.meta.contentType ?? 'application/octet-stream');
            return reply
              .header('content-type', type)
              .header('x-content-type-options', 'nosniff')
              .header('content-security-policy', "default-src 'none'; sandbox")
              .header('etag', `"${found.meta.md5}"`)
              .header('cache-control', 'private, no-store')
              .send(found.bytes);
          },
        );
      },
      { prefix: MEDIA_ROUTE_PREFIX },
    );
  };
}
