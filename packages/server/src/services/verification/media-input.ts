import { createHash } from 'node:crypto';
import { ApiError, codeForFinding, type FindingKind } from '@open-ekyc/contract';
import type { MediaStore } from '../../blobs/media-store.js';
import type { MediaUrls } from '../../blobs/media-urls.js';
import { fetchRemote, RemoteFetchError } from '../../blobs/remote-fetch.js';

/**
 * Turns a request's media field (Base64 text or URL, spec §7) into bytes, enforcing the spec's
 * limits with its codes before any engine work: sizes are counted on the Base64 text (or the
 * downloaded bytes × 4/3), formats by signature, *Md5 against the downloaded bytes.
 * URLs: this server's ResourceUrls come from the media store (never over HTTP); other URLs only
 * from operator-allowed hosts (blobs/remote-fetch.ts guards against SSRF).
 */

export interface MediaSource {
  /** The request field name, for messages (e.g. "VideoBase64"). */
  readonly field: string;
  readonly base64?: string | undefined;
  readonly url?: string | undefined;
  /** Expected MD5 (hex) of a URL's bytes, when the action has an *Md5 field. */
  readonly md5?: string | undefined;
  readonly md5Field?: string;
}

export interface MediaInputDeps {
  readonly store: MediaStore;
  readonly urls: MediaUrls;
  readonly fetchAllowHosts: readonly string[];
  readonly fetchTimeoutMs: number;
  readonly nowSeconds: () => number;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MD5 = /^[0-9a-fA-F]{32}$/;

/** A pure-API error for an input finding, through the catalog (pure-api product); null = InvalidParameterValue. */
export function inputError(kind: FindingKind | null, at: Date, message?: string): ApiError {
  if (kind === null) return new ApiError('InvalidParameterValue', message);
  return new ApiError(
    codeForFinding('pure-api', kind, at) as ConstructorParameters<typeof ApiError>[0],
    message,
  );
}

/** Limits of one media field; findings are reported through the catalog, null = InvalidParameterValue. */
export interface MediaLimits {
  readonly maxBase64Chars: number;
  readonly tooLarge: FindingKind | null;
  readonly empty: FindingKind | null;
}

export class MediaInput {
  constructor(private readonly deps: MediaInputDeps) {}

  /**
   * Bytes of one field. `maxBase64Chars` is the spec's limit; `tooLarge` the finding reported past it.
   * Absent input is the caller's concern (it knows which of Base64 / URL is required).
   */
  async read(src: MediaSource, limits: MediaLimits, at: Date, signal?: AbortSignal): Promise<Buffer> {
    if (src.base64 !== undefined && src.base64 !== '')
      return this.fromBase64(src.field, src.base64, limits, at);
    if (src.url === undefined || src.url === '')
      throw new ApiError('MissingParameter', `The request is missing \`${src.field}\`.`);
    if (src.md5 !== undefined && !MD5.test(src.md5)) {
      throw new ApiError(
        'InvalidParameterValue',
        `Parameter \`${src.md5Field ?? 'Md5'}\` must be a 32-digit hex MD5.`,
      );
    }
    const maxBytes = Math.floor(limits.maxBase64Chars / 4) * 3;
    const bytes = await this.fromUrl(src.field, src.url, maxBytes, limits, at, signal);
    if (bytes.length === 0) throw inputError(limits.empty, at, `\`${src.field}\` is empty.`);
    if (bytes.length > maxBytes) throw inputError(limits.tooLarge, at, `\`${src.field}\` is too large.`);
    if (src.md5 !== undefined && createHash('md5').update(bytes).digest('hex') !== src.md5.toLowerCase()) {
      throw new ApiError(
        'InvalidParameterValue',
        `The MD5 of the downloaded \`${src.field}\` does not match \`${src.md5Field ?? 'Md5'}\`.`,
      );
    }
    return bytes;
  }

  /** Base64 text found inside a package (LiveData), with the same rules as a request field. */
  decodeBase64(field: string, value: string, limits: MediaLimits, at: Date): Buffer {
    return this.fromBase64(field, value, limits, at);
  }

  private fromBase64(field: string, value: string, limits: MediaLimits, at: Date): Buffer {
    // MIME-style line breaks are tolerated; a kept "data:" header is not Base64.
    const text = /[\r\n]/.test(value) ? value.replace(/[\r\n]/g, '') : value;
    if (text.length > limits.maxBase64Chars)
      throw inputError(limits.tooLarge, at, `\`${field}\` is too large.`);
    if (text.length % 4 === 1 || !BASE64.test(text)) {
      throw new ApiError(
        'InvalidParameter',
        `Parameter \`${field}\` is not valid Base64 (RFC 4648, no data URI header).`,
      );
    }
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length === 0) throw inputError(limits.empty, at, `\`${field}\` is empty.`);
    return bytes;
  }

  private async fromUrl(
    field: string,
    url: string,
    maxBytes: number,
    limits: MediaLimits,
    at: Date,
    signal?: AbortSignal,
  ): Promise<Buffer> {
    const d = this.deps;
    const own = d.urls.ownResourceId(url, d.nowSeconds());
    if (own !== null) {
      const found = await d.store.get(own);
      // Our URL, but nothing was uploaded to it (or it expired): the vendor's "File download failed".
      if (!found)
        throw new ApiError(
          'FailedOperation.DownLoadError',
          `Nothing is stored at \`${field}\` (not uploaded, or expired).`,
        );
      return found.bytes;
    }
    if (d.urls.looksOwn(url) && d.fetchAllowHosts.length === 0) {
      throw new ApiError(
        'FailedOperation.DownLoadError',
        `\`${field}\` is not a valid or unexpired ResourceUrl of this server.`,
      );
    }
    if (d.fetchAllowHosts.length === 0) {
      throw new ApiError(
        'InvalidParameterValue',
        `\`${field}\` must be a ResourceUrl from CreateUploadUrl (this server fetches no other URLs unless the operator allows their host).`,
      );
    }
    try {
      return await fetchRemote(url, {
        allowHosts: d.fetchAllowHosts,
        maxBytes,
        timeoutMs: d.fetchTimeoutMs,
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (!(err instanceof RemoteFetchError)) throw err;
      if (err.reason === 'not_allowed')
        throw new ApiError('InvalidParameterValue', `\`${field}\`: ${err.message}.`);
      if (err.reason === 'too_large') throw inputError(limits.tooLarge, at, `\`${field}\` is too large.`);
      if (err.reason === 'timeout') throw new ApiError('FailedOperation.DownLoadTimeoutError');
      throw new ApiError(
        'FailedOperation.DownLoadError',
        `\`${field}\` could not be downloaded (${err.message}).`,
      );
    }
  }
}

/** Photo formats the spec accepts ("JPG and PNG formats are supported"), by signature. */
export function isJpegOrPng(b: Uint8Array): boolean {
  const jpeg = b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  const png = b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
  return jpeg || png;
}

/**
 * Video containers ffmpeg may open: the spec's MP4, AVI, FLV, plus MOV (same ISO box family) and
 * WebM/Matroska (what browsers record). Anything else is refused before the engine runs.
 */
export function looksLikeVideo(b: Uint8Array): boolean {
  const ascii = (from: number, to: number): string => Buffer.from(b.subarray(from, to)).toString('latin1');
  if (b.length < 12) return false;
  if (ascii(4, 8) === 'ftyp' || ascii(4, 8) === 'moov' || ascii(4, 8) === 'mdat' || ascii(4, 8) === 'free')
    return true;
  if (ascii(0, 4) === 'RIFF' && ascii(8, 11) === 'AVI') return true;
  if (ascii(0, 3) === 'FLV') return true;
  return b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3;
}
