import type { Kysely } from 'kysely';
import type { CredentialResolver, ResolvedCredential } from '../../gateway/credentials.js';
import type { Database } from '../../store/database.js';
import { ApiKeysRepository } from '../../store/repositories/api-keys-repository.js';
import type { Sealer } from '../secrets/aes-gcm.js';

export interface CachingResolverOptions {
  /** How long a found key is trusted without asking the store. Bounds how late another process's `keys disable` takes effect. */
  readonly ttlMs?: number;
  /** How long "no such SecretId" is remembered (absorbs floods of bad ids without a query each). */
  readonly negativeTtlMs?: number;
  readonly maxEntries?: number;
  /** last_used_at is written at most once per key per interval. */
  readonly flushIntervalMs?: number;
  /** Monotonic milliseconds; injectable for tests. */
  readonly clock?: () => number;
}

interface Entry {
  readonly value: ResolvedCredential | null;
  readonly until: number;
}

/**
 * The gateway's CredentialResolver over the store: a small in-memory cache (disable/rotate/status
 * changes made through this process's AppsService invalidate it at once; other processes' changes
 * within `ttlMs`), and last_used_at batched in memory and flushed on a timer: never a write per request.
 */
export class CachingCredentialResolver implements CredentialResolver {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<ResolvedCredential | null>>();
  private pendingUse = new Map<string, Date>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private generation = 0;
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;
  private readonly flushIntervalMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly deps: { readonly db: Kysely<Database>; readonly sealer: Sealer },
    options: CachingResolverOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 60_000;
    this.clock = options.clock ?? (() => performance.now());
  }

  async resolve(secretId: string): Promise<ResolvedCredential | null> {
    const hit = this.cache.get(secretId);
    if (hit && hit.until > this.clock()) return hit.value;
    // One store query per SecretId at a time, however many requests arrive together.
    const joined = this.inflight.get(secretId);
    if (joined) return joined;
    const pending: Promise<ResolvedCredential | null> = this.load(secretId).finally(() => {
      if (this.inflight.get(secretId) === pending) this.inflight.delete(secretId);
    });
    this.inflight.set(secretId, pending);
    return pending;
  }

  markUsed(secretId: string, at: Date): void {
    const prev = this.pendingUse.get(secretId);
    if (!prev || prev < at) this.pendingUse.set(secretId, at);
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush().catch(() => {}), this.flushIntervalMs);
      // The timer must not keep a CLI process or a test alive.
      this.timer.unref();
    }
  }

  /** Drops cached entries: one key, all keys of an app, or everything. */
  invalidate(change: { secretId?: string; appId?: string } = {}): void {
    // A load that started before the change must not write its stale answer back.
    this.generation++;
    this.inflight.clear();
    if (change.secretId === undefined && change.appId === undefined) {
      this.cache.clear();
      return;
    }
    if (change.secretId !== undefined) this.cache.delete(change.secretId);
    if (change.appId !== undefined) {
      for (const [id, entry] of this.cache) if (entry.value?.appId === change.appId) this.cache.delete(id);
    }
  }

  /** Writes the batched last_used_at values. */
  async flush(): Promise<void> {
    if (this.pendingUse.size === 0) return;
    const batch = this.pendingUse;
    this.pendingUse = new Map();
    const keys = new ApiKeysRepository(this.deps.db);
    for (const [secretId, at] of batch) await keys.touchLastUsed(secretId, at);
  }

  /** Stops the timer and writes what is pending; call before closing the store. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async load(secretId: string): Promise<ResolvedCredential | null> {
    const generation = this.generation;
    const row = await new ApiKeysRepository(this.deps.db).findWithApp(secretId);
    let value: ResolvedCredential | null = null;
    if (row) {
      let secretKey: string;
      try {
        secretKey = this.deps.sealer.open(row.secretKeyEnc, row.secretId).toString('utf8');
      } catch (err) {
        throw new Error(
          `cannot decrypt the SecretKey of ${secretId}: is EKYC_MASTER_KEY the one it was created with?`,
          { cause: err },
        );
      }
      value = Object.freeze({
        secretId: row.secretId,
        secretKey,
        appId: row.appId,
        appStatus: row.appStatus,
        enabled: row.enabled,
      });
    }
    if (generation === this.generation) {
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(secretId, { value, until: this.clock() + (value ? this.ttlMs : this.negativeTtlMs) });
    }
    return value;
  }
}
