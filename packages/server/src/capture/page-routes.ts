import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * The hosted verification page (packages/verify-page/dist): `GET /verify/:token` → index.html,
 * `GET /verify/assets/*` → its scripts, styles, models and wasm. Strict CSP: nothing from other
 * origins, no inline script or style, wasm compilation allowed for the face tracker
 * (the CSP the page is tested under, verify-page/test/harness-server.ts VERIFY_PAGE_CSP).
 */
export const VERIFY_PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export const DEFAULT_PAGE_DIST = fileURLToPath(new URL('../../../verify-page/dist/', import.meta.url));

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Common to the page and its assets: the token is in the URL, so it must never leak in a Referer. */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
} as const;

export function pageRoutes(opts: { readonly distDir?: string } = {}) {
  const dist = normalize(opts.distDir ?? DEFAULT_PAGE_DIST);
  const assets = join(dist, 'assets');
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(
      async (scope) => {
        scope.get('/assets/*', async (req, reply) => {
          const rel = (req.params as { '*': string })['*'];
          const full = normalize(join(assets, rel));
          // No path traversal, no dotfiles, only known types.
          const type = MIME[extname(full)];
          if (!full.startsWith(assets + sep) || rel.split('/').some((p) => p.startsWith('.')) || !type) {
            return reply.code(404).headers(SECURITY_HEADERS).type('text/plain').send('Not found');
          }
          const data = await readFile(full).catch(() => null);
          if (!data) return reply.code(404).headers(SECURITY_HEADERS).type('text/plain').send('Not found');
          // Asset names are not content-hashed: cache for an hour, then revalidate.
          return (
            reply
              .headers(SECURITY_HEADERS)
              .header('cache-control', 'public, max-age=3600')
              // The SDK bundle, models and wasm may be loaded by a merchant page on another origin.
              .header('access-control-allow-origin', '*')
              .type(type)
              .send(data)
          );
        });
        scope.get('/:token', async (_req, reply) => {
          const html = await readFile(join(dist, 'index.html')).catch(() => null);
          if (!html) {
            return reply
              .code(503)
              .headers(SECURITY_HEADERS)
              .type('text/plain')
              .send('Verification page not built (npm run build:verify-page)');
          }
          return (
            reply
              .headers(SECURITY_HEADERS)
              .header('content-security-policy', VERIFY_PAGE_CSP)
              // The page is per token and state changes; never cache it.
              .header('cache-control', 'no-store')
              .type('text/html; charset=utf-8')
              .send(html)
          );
        });
      },
      { prefix: '/verify' },
    );
  };
}
