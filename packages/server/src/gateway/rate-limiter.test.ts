import { describe, expect, it } from 'vitest';
import { qpsResolver, RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst of `limit`, then refills at limit/s, per app and action', () => {
    let now = 0;
    const rl = new RateLimiter(
      (a) => (a === 'A' ? 2 : 0),
      () => now,
    );
    expect(rl.take('app1', 'A').allowed).toBe(true);
    expect(rl.take('app1', 'A').allowed).toBe(true);
    expect(rl.take('app1', 'A')).toEqual({ allowed: false, limit: 2 });
    // other app and unlimited action are independent
    expect(rl.take('app2', 'A').allowed).toBe(true);
    for (let i = 0; i < 100; i++) expect(rl.take('app1', 'B').allowed).toBe(true);
    now += 499;
    expect(rl.take('app1', 'A').allowed).toBe(false);
    now += 2; // > 500 ms since the last take: one token back
    expect(rl.take('app1', 'A').allowed).toBe(true);
    expect(rl.take('app1', 'A').allowed).toBe(false);
    now += 10_000; // capped at the capacity
    expect(rl.take('app1', 'A').allowed).toBe(true);
    expect(rl.take('app1', 'A').allowed).toBe(true);
    expect(rl.take('app1', 'A').allowed).toBe(false);
  });

  it('forgets idle buckets once many exist', () => {
    let now = 0;
    const rl = new RateLimiter(
      () => 5,
      () => now,
    );
    for (let i = 0; i < 10_000; i++) rl.take(`app${i}`, 'A');
    now += 2000;
    rl.take('fresh', 'A');
    expect(rl.size).toBe(1);
  });
});

describe('qpsResolver', () => {
  it('prefers the configured entry, then the action default, then `default`', () => {
    const r = qpsResolver(
      { default: 20, X: 0, Y: 3 },
      new Map([
        ['X', 7],
        ['Z', 9],
      ]),
    );
    expect(r('X')).toBe(0);
    expect(r('Y')).toBe(3);
    expect(r('Z')).toBe(9);
    expect(r('W')).toBe(20);
  });
});
