import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { isMediaId } from './media-store.js';

/**
 * Signed URLs of the media store (spec §7 CreateUploadUrl: "a temporary UploadUrl ... with the HTTP
 * PUT method" and a ResourceUrl "to be passed in where it is required later"). Like COS links
 * they carry their own expiry and an HMAC, keyed from the master key, so no table is needed:
 *   PUT  {public}/media/upload/{id}?e={unix}&n={maxBytes}&s={sig}
 *   GET  {public}/media/{id}?e={unix}&s={sig}
 */

export const MEDIA_ROUTE_PREFIX = '/media';

export interface UploadGrant {
  readonly id: string;
  readonly expiresAt: number;
  readonly maxBytes: number;
}

export class MediaUrls {
  private readonly key: Buffer;
  private readonly base: string;

  constructor(opts: { readonly publicUrl: string; readonly masterKey: Buffer }) {
    this.key = Buffer.from(
      hkdfSync('sha256', opts.masterKey, Buffer.alloc(0), 'open-ekyc media urls v1', 32),
    );
    this.base = opts.publicUrl.replace(/\/+$/, '');
  }

  uploadUrl(grant: UploadGrant): string {
    const sig = this.sign(`PUT\n${grant.id}\n${grant.expiresAt}\n${grant.maxBytes}`);
    return `${this.base}${MEDIA_ROUTE_PREFIX}/upload/${grant.id}?e=${grant.expiresAt}&n=${grant.maxBytes}&s=${sig}`;
  }

  resourceUrl(id: string, expiresAt: number): string {
    return `${this.base}${MEDIA_ROUTE_PREFIX}/${id}?e=${expiresAt}&s=${this.sign(`GET\n${id}\n${expiresAt}`)}`;
  }

  /** The grant of a PUT, or null when the signature is wrong or the link expired. */
  verifyUpload(id: string, query: Record<string, unknown>, nowSeconds: number): UploadGrant | null {
    const e = intParam(query.e);
    const n = intParam(query.n);
    if (!isMediaId(id) || e === null || n === null || typeof query.s !== 'string') return null;
    if (!this.check(`PUT\n${id}\n${e}\n${n}`, query.s) || e < nowSeconds) return null;
    return { id, expiresAt: e, maxBytes: n };
  }

  /** True when (id, e, s) is a ResourceUrl we signed that has not expired. */
  verifyResource(id: string, query: Record<string, unknown>, nowSeconds: number): boolean {
    const e = intParam(query.e);
    if (!isMediaId(id) || e === null || typeof query.s !== 'string') return false;
    return this.check(`GET\n${id}\n${e}`, query.s) && e >= nowSeconds;
  }

  /**
   * The media id when `url` is one of our ResourceUrls (any host: the merchant may reach us under
   * another name; the signature is the proof), else null. Such URLs are resolved from the store,
   * never fetched over HTTP.
   */
  ownResourceId(url: string, nowSeconds: number): string | null {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    const m = /\/media\/([A-Za-z0-9_-]{22})$/.exec(u.pathname);
    if (!m) return null;
    const id = m[1]!;
    return this.verifyResource(id, Object.fromEntries(u.searchParams), nowSeconds) ? id : null;
  }

  /** True when `url` looks like one of ours (a /media/ path with a signature), valid or not. */
  looksOwn(url: string): boolean {
    try {
      const u = new URL(url);
      return /\/media\/[^/]+$/.test(u.pathname) && u.searchParams.has('s');
    } catch {
      return false;
    }
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  private check(text: string, sig: string): boolean {
    const want = Buffer.from(this.sign(text));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}

function intParam(v: unknown): number | null {
  return typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : null;
}
