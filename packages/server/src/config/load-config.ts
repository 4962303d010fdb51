import { resolve } from 'node:path';
import { loadMasterKey } from '../services/secrets/master-key.js';
import type { Config, GatewayConfig, JobsConfig, MediaConfig } from './config.js';

/** Flags as parsed by bin/cli.ts; each has an environment variable (INTERFACES.md §2), the flag wins. */
export interface ConfigFlags {
  readonly port?: string;
  readonly host?: string;
  readonly data?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

/**
 * Gateway defaults: 12 MiB bodies, so an 8 MB image (the largest the spec documents) fits after
 * Base64 (+33 %) with room for the JSON around it; the §3.6 signature window of 300 s; 20 requests
 * per second per app and action; 60 s per request.
 */
export const GATEWAY_DEFAULTS: GatewayConfig = Object.freeze({
  bodyLimitBytes: 12 * 1024 * 1024,
  timestampWindowSeconds: 300,
  qps: Object.freeze({ default: 20 }),
  requestTimeoutMs: 60_000,
});

/** Media defaults: 3 days of retention (ARCHITECTURE.md), 2-hour upload links and 8 MiB uploads, no remote hosts. */
export const MEDIA_DEFAULTS: MediaConfig = Object.freeze({
  retentionMs: 3 * 24 * 3600 * 1000,
  uploadUrlTtlSeconds: 2 * 3600,
  maxUploadBytes: 8 * 1024 * 1024,
  fetchAllowHosts: Object.freeze([]) as readonly string[],
  fetchTimeoutMs: 4000,
});

/** Jobs defaults: one worker per core, 32 waiting jobs, 45 s per job (under the gateway's 60 s request limit). */
export const JOBS_DEFAULTS: JobsConfig = Object.freeze({ workers: 0, maxQueued: 32, timeoutMs: 45_000 });

/**
 * Builds the frozen Config from flags and an environment object (never process.env itself).
 * Resolves the master key, which on first start creates `<dataDir>/master.key`.
 */
export async function loadConfig(input: { flags?: ConfigFlags; env: Env; cwd?: string }): Promise<Config> {
  const base = resolveBaseConfig(input);
  let masterKey: Buffer;
  try {
    masterKey = (await loadMasterKey({ envValue: input.env.EKYC_MASTER_KEY, dataDir: base.dataDir })).key;
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  return Object.freeze({ ...base, masterKey });
}

/** Everything but the master key; pure (no file access), so it is cheap to test. */
export function resolveBaseConfig(input: {
  flags?: ConfigFlags;
  env: Env;
  cwd?: string;
}): Omit<Config, 'masterKey'> {
  const { env } = input;
  const flags = input.flags ?? {};
  const pick = (flag: string | undefined, name: string): string | undefined => {
    const v = flag ?? env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const port = parseIntIn(pick(flags.port, 'EKYC_PORT') ?? '8080', 0, 65535, 'port (--port / EKYC_PORT)');
  const host = pick(flags.host, 'EKYC_HOST') ?? '0.0.0.0';
  const dataDir = resolve(input.cwd ?? '.', pick(flags.data, 'EKYC_DATA_DIR') ?? './data');

  const databaseUrl = pick(undefined, 'EKYC_DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      'EKYC_DATABASE_URL must start with postgres:// or postgresql:// (unset = SQLite in the data dir)',
    );
  }
  const redisUrl = pick(undefined, 'EKYC_REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('EKYC_REDIS_URL must start with redis:// or rediss://');
  }

  const publicUrl = (pick(undefined, 'EKYC_PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(publicUrl);
  } catch {
    throw new ConfigError(`EKYC_PUBLIC_URL is not a URL: ${publicUrl}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ConfigError('EKYC_PUBLIC_URL must be http(s)');

  const logLevel = (pick(undefined, 'EKYC_LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`EKYC_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const gateway: GatewayConfig = Object.freeze({
    bodyLimitBytes: parseIntIn(
      pick(undefined, 'EKYC_BODY_LIMIT_BYTES') ?? String(GATEWAY_DEFAULTS.bodyLimitBytes),
      1024,
      1024 ** 3,
      'EKYC_BODY_LIMIT_BYTES',
    ),
    timestampWindowSeconds: GATEWAY_DEFAULTS.timestampWindowSeconds,
    qps: parseQps(pick(undefined, 'EKYC_QPS')),
    requestTimeoutMs: parseIntIn(
      pick(undefined, 'EKYC_REQUEST_TIMEOUT_MS') ?? String(GATEWAY_DEFAULTS.requestTimeoutMs),
      1000,
      3_600_000,
      'EKYC_REQUEST_TIMEOUT_MS',
    ),
  });

  const allow = pick(undefined, 'EKYC_FETCH_ALLOW_HOSTS');
  const fetchAllowHosts = Object.freeze(
    (allow ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  for (const h of fetchAllowHosts) {
    if (!/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(h))
      throw new ConfigError(`EKYC_FETCH_ALLOW_HOSTS: bad host "${h}"`);
  }
  const media: MediaConfig = Object.freeze({
    ...MEDIA_DEFAULTS,
    retentionMs:
      parseIntIn(
        pick(undefined, 'EKYC_MEDIA_RETENTION_HOURS') ?? '72',
        1,
        24 * 365,
        'EKYC_MEDIA_RETENTION_HOURS',
      ) *
      3600 *
      1000,
    fetchAllowHosts,
  });
  const jobs: JobsConfig = Object.freeze({
    workers: parseIntIn(pick(undefined, 'EKYC_ENGINE_WORKERS') ?? '0', 0, 256, 'EKYC_ENGINE_WORKERS'),
    maxQueued: parseIntIn(
      pick(undefined, 'EKYC_ENGINE_QUEUE_MAX') ?? String(JOBS_DEFAULTS.maxQueued),
      0,
      100_000,
      'EKYC_ENGINE_QUEUE_MAX',
    ),
    timeoutMs: parseIntIn(
      pick(undefined, 'EKYC_ENGINE_TIMEOUT_MS') ?? String(JOBS_DEFAULTS.timeoutMs),
      1000,
      3_600_000,
      'EKYC_ENGINE_TIMEOUT_MS',
    ),
  });

  return Object.freeze({
    port,
    host,
    dataDir,
    databaseUrl,
    redisUrl,
    publicUrl,
    gateway,
    media,
    jobs,
    logLevel,
  });
}

/** EKYC_QPS: "20" (every action) or "default=20,GetFaceIdTokenIntl=5"; 0 = unlimited. */
export function parseQps(text: string | undefined): GatewayConfig['qps'] {
  const out: Record<string, number> = { default: GATEWAY_DEFAULTS.qps.default };
  if (text === undefined) return Object.freeze(out) as GatewayConfig['qps'];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.includes('=') ? part.split('=', 2).map((s) => s.trim()) : ['default', part];
    if (!name || value === undefined) throw new ConfigError(`EKYC_QPS: cannot read "${part}"`);
    out[name] = parseIntIn(value, 0, 1_000_000, `EKYC_QPS ${name}`);
  }
  return Object.freeze(out) as GatewayConfig['qps'];
}

function parseIntIn(text: string, min: number, max: number, what: string): number {
  if (!/^\d+$/.test(text)) throw new ConfigError(`${what} must be an integer, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new ConfigError(`${what} must be between ${min} and ${max}, got ${n}`);
  return n;
}
