import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('is reproducible per seed, differs across seeds, stays in range', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
    const r = new SeededRandom(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const v = r.int(4);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(4);
      counts[v]!++;
    }
    for (const n of counts) expect(n).toBeGreaterThan(800);
  });
});
