import { ApiError } from '@open-ekyc/contract';
import { describe, expect, it } from 'vitest';
import { InProcessJobs, type PoolLike } from './in-process-jobs.js';

/**
 * The driver's own rules (bounded, fair waiting room; abort while waiting) against a stand-in pool
 * whose jobs finish when the test says so. The real worker pool runs in pure-api.int.test.ts.
 */
function manualPool(size: number) {
  const started: Array<{ input: unknown; finish: () => void }> = [];
  let readyResolve!: () => void;
  const readyPromise = new Promise<void>((ok) => (readyResolve = ok));
  const pool = {
    size,
    ready: () => readyPromise,
    run: (_task: string, input: unknown) =>
      new Promise((ok) => started.push({ input, finish: () => ok({ ok: true, value: input }) })),
    close: async () => {},
  } as unknown as PoolLike;
  return { pool, started, markReady: readyResolve };
}

const video = (tag: string) => ({ video: new Uint8Array([1]), mode: 'silent', tag }) as never;
const tick = () => new Promise((ok) => setImmediate(ok));

describe('InProcessJobs', () => {
  it('reports ready only once the workers have loaded their models', async () => {
    const { pool, markReady } = manualPool(1);
    const jobs = new InProcessJobs(pool, { maxQueued: 4, timeoutMs: 1000 });
    expect(jobs.ready()).toBe(false);
    markReady();
    await tick();
    expect(jobs.ready()).toBe(true);
  });

  it('runs at most pool.size jobs, then serves waiting apps round-robin', async () => {
    const { pool, started } = manualPool(1);
    const jobs = new InProcessJobs(pool, { maxQueued: 10, timeoutMs: 1000 });
    const done: string[] = [];
    const run = (key: string, tag: string) =>
      jobs.run('analyzeVideo', video(tag), { key }).then(() => done.push(tag));
    const all = [run('a', 'a1'), run('a', 'a2'), run('a', 'a3'), run('a', 'a4'), run('b', 'b1')];
    await tick();
    expect(started.length).toBe(1);
    expect(jobs.stats()).toEqual({ workers: 1, running: 1, queued: 4 });
    while (done.length < 5) {
      started[started.length - 1]!.finish();
      await tick();
      await tick();
    }
    await Promise.all(all);
    // a1 was running; then the lanes alternate: b1 does not wait behind all of app a's burst.
    expect(done).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
  });

  it('answers RequestLimitExceeded when the waiting room is full, and drops aborted waiters', async () => {
    const { pool, started } = manualPool(1);
    const jobs = new InProcessJobs(pool, { maxQueued: 1, timeoutMs: 1000 });
    const first = jobs.run('analyzeVideo', video('1'), { key: 'a' });
    const ctl = new AbortController();
    const second = jobs.run('analyzeVideo', video('2'), { key: 'a', signal: ctl.signal });
    const third = jobs.run('analyzeVideo', video('3'), { key: 'b' });
    await expect(third).rejects.toSatisfy(
      (e: unknown) => e instanceof ApiError && e.code === 'RequestLimitExceeded',
    );
    ctl.abort(new Error('client gone'));
    await expect(second).rejects.toThrow('client gone');
    expect(jobs.stats().queued).toBe(0);
    started[0]!.finish();
    await expect(first).resolves.toMatchObject({ ok: true });
    expect(started.length).toBe(1);
  });
});
