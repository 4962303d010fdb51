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
