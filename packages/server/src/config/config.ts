/**
 * The service configuration: read once in `bin/` from flags + environment (INTERFACES.md §2),
 * validated, frozen, and passed down. Nothing else reads `process.env`.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** undefined = SQLite file in the data dir; `postgres://...` = PostgreSQL. */
  readonly databaseUrl: string | undefined;
  /** undefined = in-process job queue. */
  readonly redisUrl: string | undefined;
  /** Base of VerificationURL; default `http://localhost:PORT`. */
  readonly publicUrl: string;
  /** 32-byte key for secrets and media at rest (from EKYC_MASTER_KEY or generated into the data dir). */
  readonly masterKey: Buffer;
  readonly gateway: GatewayConfig;
  /** Media store and URL inputs (blobs/); optional so older callers keep compiling, defaults in MEDIA_DEFAULTS. */
  readonly media?: MediaConfig;
  /** Engine job layer (jobs/); optional, defaults in JOBS_DEFAULTS. */
  readonly jobs?: JobsConfig;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}

export interface GatewayConfig {
  /** Largest accepted request body in bytes; above it `RequestSizeLimitExceeded`. */
  readonly bodyLimitBytes: number;
  /** Allowed clock skew for signatures, seconds (spec §3.6: 300). */
  readonly timestampWindowSeconds: number;
  /** Per-app, per-action requests per second; `default` applies to actions not listed. 0 = unlimited. */
  readonly qps: Readonly<Record<string, number>> & { readonly default: number };
  /** Time limit for one API request before `InternalError`-style timeout answer, ms. */
  readonly requestTimeoutMs: number;
}

export interface MediaConfig {
  /** How long stored media (uploads, best frames, sequences) is kept, ms (default 3 days, the vendor's result window). */
  readonly retentionMs: number;
  /** How long an UploadUrl stays valid, seconds (the spec's COS links last 2 hours). */
  readonly uploadUrlTtlSeconds: number;
  /** Largest object one UploadUrl accepts, bytes. */
  readonly maxUploadBytes: number;
  /**
   * Hosts whose URLs the *Url input fields may fetch besides this server's own ResourceUrls
   * ("example.com" exact, ".example.com" any subdomain). Empty = only our own store (no SSRF).
   */
  readonly fetchAllowHosts: readonly string[];
  /** Download time limit for an allowed remote URL, ms (spec: "no more than 4s to download the video"). */
  readonly fetchTimeoutMs: number;
}

export interface JobsConfig {
  /** Engine worker threads; 0 = one per core. */
  readonly workers: number;
  /** Jobs waiting beyond the running ones before new requests get RequestLimitExceeded. */
  readonly maxQueued: number;
  /** Time limit of one engine job, ms. */
  readonly timeoutMs: number;
}
