import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Media at rest (ARCHITECTURE.md "Secrets and biometrics"): uploads, best frames and light
 * sequences under `<dataDir>/media/`, each file AES-256-GCM encrypted with a key derived from the
 * master key, kept until its expiry (default retention 3 days) and then deleted by `sweep`.
 *
 * File layout: "EKM1" | expiresAt (ms, u64 BE) | iv[12] | tag[16] | ciphertext of
 * (u32 BE meta length | meta JSON | bytes). The clear header lets the sweep read the expiry without
 * the key; the AAD binds id and expiry, so a file moved to another name or a forged expiry fails to open.
 */

const MAGIC = Buffer.from('EKM1');
const HEADER = MAGIC.length + 8;
const IV = 12;
const TAG = 16;
/** 128 random bits, base64url: the only names a file may have (no path traversal by construction). */
const ID_RE = /^[A-Za-z0-9_-]{22}$/;
/** Temporary files older than this are leftovers of a crash mid-write. */
const STALE_TMP_MS = 3600_000;

export interface MediaMeta {
  /** What the object is: "upload", "best-frame", "reflect-sequence", ... */
  readonly kind: string;
  readonly size: number;
  /** Hex MD5 of the plain bytes (the vendor's *Md5 fields). */
  readonly md5: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly contentType?: string;
  /** Small JSON-able facts bound to the object (e.g. a light sequence's SecurityLevel). */
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface StoredMedia {
  readonly id: string;
  readonly meta: MediaMeta;
}

export class MediaExistsError extends Error {
  constructor(id: string) {
    super(`media ${id} already exists`);
    this.name = 'MediaExistsError';
  }
}

export class MediaTooLargeError extends Error {
  constructor(size: number, max: number) {
    super(`media of ${size} bytes exceeds ${max}`);
    this.name = 'MediaTooLargeError';
  }
}

export interface MediaStoreOptions {
  /** The media directory, normally `<dataDir>/media`. */
  readonly dir: string;
  readonly masterKey: Buffer;
  /** Default lifetime of an object, ms. */
  readonly retentionMs: number;
  /** Largest object accepted, bytes. */
  readonly maxObjectBytes: number;
  readonly now?: () => number;
}

export const isMediaId = (id: string): boolean => ID_RE.test(id);

export class MediaStore {
  private readonly key: Buffer;
  private readonly now: () => number;
  private dirReady: Promise<unknown> | undefined;

  constructor(private readonly opts: MediaStoreOptions) {
    // A key of its own, derived from the master key: media and secrets never share a GCM key.
    this.key = Buffer.from(hkdfSync('sha256', opts.masterKey, Buffer.alloc(0), 'open-ekyc media v1', 32));
    this.now = opts.now ?? Date.now;
  }

  newId(): string {
    return randomBytes(16).toString('base64url');
  }

  /**
   * Stores bytes. With `id` (an UploadUrl's object), creation is exclusive: a second PUT to the
   * same URL fails with MediaExistsError, so one URL names one object.
   */
  async put(
    bytes: Uint8Array,
    meta: { kind: string; contentType?: string; attributes?: Record<string, string> },
    opts: { id?: string; ttlMs?: number } = {},
  ): Promise<StoredMedia> {
    if (bytes.byteLength > this.opts.maxObjectBytes)
      throw new MediaTooLargeError(bytes.byteLength, this.opts.maxObjectBytes);
    const id = opts.id ?? this.newId();
    if (!isMediaId(id)) throw new TypeError('bad media id');
    const now = this.now();
    const expires = now + Math.min(opts.ttlMs ?? this.opts.retentionMs, this.opts.retentionMs);
    const full: MediaMeta = {
      kind: meta.kind,
      size: bytes.byteLength,
      md5: createHash('md5').update(bytes).digest('hex'),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(expires).toISOString(),
      ...(meta.contentType ? { contentType: meta.contentType } : {}),
      ...(meta.attributes ? { attributes: meta.attributes } : {}),
    };
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header);
    header.writeBigUInt64BE(BigInt(expires), MAGIC.length);
    const metaJson = Buffer.from(JSON.stringify(full));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(metaJson.length);
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aad(id, expires));
    const body = Buffer.concat([
      cipher.update(len),
      cipher.update(metaJson),
      cipher.update(bytes),
      cipher.final(),
    ]);
    await this.ensureDir();
    // Write aside, then link into place: readers never see half a file, and link() fails if the name exists.
    const tmp = join(this.opts.dir, `${id}.tmp-${randomBytes(6).toString('hex')}`);
    await writeFile(tmp, Buffer.concat([header, iv, cipher.getAuthTag(), body]), { mode: 0o600 });
    try {
      await link(tmp, this.path(id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new MediaExistsError(id);
      throw err;
    } finally {
      await unlink(tmp).catch(() => {});
    }
    return { id, meta: full };
  }

  /** The object, or null when unknown, expired, or not openable with this key. */
  async get(id: string): Promise<{ bytes: Buffer; meta: MediaMeta } | null> {
    if (!isMediaId(id)) return null;
    let raw: Buffer;
    try {
      raw = await readFile(this.path(id));
    } catch {
      return null;
    }
    if (raw.length < HEADER + IV + TAG || !raw.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const expires = Number(raw.readBigUInt64BE(MAGIC.length));
    if (expires <= this.now()) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(HEADER, HEADER + IV));
      decipher.setAuthTag(raw.subarray(HEADER + IV, HEADER + IV + TAG));
      decipher.setAAD(aad(id, expires));
      const plain = Buffer.concat([decipher.update(raw.subarray(HEADER + IV + TAG)), decipher.final()]);
      const metaLen = plain.readUInt32BE(0);
      const meta = JSON.parse(plain.subarray(4, 4 + metaLen).toString('utf8')) as MediaMeta;
      return { bytes: plain.subarray(4 + metaLen), meta };
    } catch {
      return null;
    }
  }

  async exists(id: string): Promise<boolean> {
    if (!isMediaId(id)) return false;
    return stat(this.path(id)).then(
      () => true,
      () => false,
    );
  }

  async delete(id: string): Promise<void> {
    if (isMediaId(id)) await unlink(this.path(id)).catch(() => {});
  }

  /** Deletes expired objects and stale temporary files; returns how many objects were deleted. */
  async sweep(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.opts.dir);
    } catch {
      return 0;
    }
    const now = this.now();
    let deleted = 0;
    for (const name of names) {
      const file = join(this.opts.dir, name);
      if (name.includes('.tmp-')) {
        const s = await stat(file).catch(() => null);
        if (s && now - s.mtimeMs > STALE_TMP_MS) await unlink(file).catch(() => {});
        continue;
      }
      if (!isMediaId(name)) continue;
      const expires = await readExpiry(file);
      if (expires === null || expires <= now) {
        await unlink(file).catch(() => {});
        deleted++;
      }
    }
    return deleted;
  }

  private path(id: string): string {
    return join(this.opts.dir, id);
  }

  private ensureDir(): Promise<unknown> {
    this.dirReady ??= mkdir(this.opts.dir, { recursive: true, mode: 0o700 });
    return this.dirReady;
  }
}

const aad = (id: string, expires: number): Buffer => Buffer.from(`open-ekyc media:${id}:${expires}`);

async function readExpiry(file: string): Promise<number | null> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const header = Buffer.alloc(HEADER);
    const { bytesRead } = await handle.read(header, 0, HEADER, 0);
    if (bytesRead < HEADER || !header.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    return Number(header.readBigUInt64BE(MAGIC.length));
  } finally {
    await handle.close();
  }
}
