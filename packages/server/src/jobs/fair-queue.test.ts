import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue.js';

describe('FairQueue', () => {
  it('serves keys round-robin and each key in order', () => {
    const q = new FairQueue<string>(10);
    for (const x of ['a1', 'a2', 'a3']) q.push('a', x);
    q.push('b', 'b1');
    q.push('c', 'c1');
    q.push('b', 'b2');
    expect(q.drain()).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('refuses beyond its capacity and forgets removed items', () => {
    const q = new FairQueue<number>(2);
    expect(q.push('a', 1)).toBe(true);
    expect(q.push('b', 2)).toBe(true);
    expect(q.push('a', 3)).toBe(false);
    expect(q.remove('a', 1)).toBe(true);
    expect(q.remove('a', 1)).toBe(false);
    expect(q.size).toBe(1);
    expect(q.push('a', 3)).toBe(true);
    expect(q.drain()).toEqual([2, 3]);
  });
});
