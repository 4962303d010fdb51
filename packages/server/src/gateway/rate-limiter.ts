/**
 * Per-app, per-action request rate limit (brief item 6; spec §5.2 `RequestLimitExceeded`).
 * A token bucket per (appId, action): capacity = the QPS limit, refilled at QPS tokens/second,
 * so a client may burst up to one second's allowance and sustain the limit. 0 = unlimited.
 */

interface Bucket {
  tokens: number;
  last: number;
  limit: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly limit: number };

const SWEEP_THRESHOLD = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /**
   * @param limitFor QPS allowed for an action (0 = unlimited)
   * @param nowMs monotonic clock in milliseconds (injectable for tests)
   */
  constructor(
    private readonly limitFor: (action: string) => number,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  take(appId: string, action: string): RateDecision {
    const limit = this.limitFor(action);
    if (!(limit > 0)) return { allowed: true };
    const now = this.nowMs();
    const key = `${appId}\u0000${action}`;
    let b = this.buckets.get(key);
    if (!b || b.limit !== limit) {
      if (this.buckets.size >= SWEEP_THRESHOLD) this.sweep(now);
      b = { tokens: limit, last: now, limit };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(limit, b.tokens + ((now - b.last) / 1000) * limit);
      b.last = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, limit };
  }

  /** Buckets idle long enough to be full again carry no state worth keeping. */
  private sweep(now: number): void {
    for (const [k, b] of this.buckets) if (now - b.last >= 1000) this.buckets.delete(k);
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** spec §5.2: per-action override, then the action's own default, then `default`. */
export function qpsResolver(
  qps: Readonly<Record<string, number>> & { readonly default: number },
  actionDefaults: ReadonlyMap<string, number | undefined>,
): (action: string) => number {
  return (action) => {
    if (action !== 'default' && Object.prototype.hasOwnProperty.call(qps, action))
      return qps[action] as number;
    return actionDefaults.get(action) ?? qps.default;
  };
}
