import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleBytes } from '../faces/sample-faces.fixture.js';
import type { PoolTestTasks } from './pool-test-tasks.fixture.js';
import { compareInPool } from './compare-in-pool.js';
import { createWorkerPool, type WorkerPool } from './worker-pool.js';
import type { EngineTasks } from './tasks.js';

const fixture = new URL('./pool-test-tasks.fixture.ts', import.meta.url);

describe('worker pool (fixture tasks)', () => {
  let pool: WorkerPool<PoolTestTasks>;
  beforeAll(async () => {
    pool = await createWorkerPool<PoolTestTasks>({ size: 2, tasksModule: fixture, timeoutMs: 5_000 });
    await pool.ready();
  }, 30_000);
  afterAll(() => pool.close());

  const echo = async () => {
    const r = await pool.run('echo', { data: new Uint8Array([1, 2, 3]) });
    if (!r.ok) throw new Error(r.finding.kind);
    return r.value;
  };

  it('runs a job after the worker init ran, moving the input buffer', async () => {
    const data = new Uint8Array([1, 2, 3, 4]);
    const r = await pool.run('echo', { data });
    expect(r).toMatchObject({ ok: true, value: { sum: 10, initialised: true } });
    expect(data.byteLength).toBe(0); // transferred, not copied
    const pooled = Buffer.from([5, 5]); // a view into Node's shared Buffer pool: copied, not moved
    expect(await pool.run('echo', { data: pooled })).toMatchObject({ ok: true, value: { sum: 10 } });
    expect(pooled.byteLength).toBe(2);
  });

  it('turns an overrun into engine_timeout, replaces the worker and keeps working', async () => {
    const r = await pool.run('spin', { ms: 10_000 }, { timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, finding: { kind: 'engine_timeout' } });
    expect((await echo()).sum).toBe(6);
    await pool.ready();
    expect(pool.stats()).toMatchObject({ idle: 2, starting: 0 });
  });

  it('recovers from a worker that exits or throws outside a promise', async () => {
    expect(await pool.run('exit', { ms: 0 })).toMatchObject({ ok: false, finding: { kind: 'engine_error' } });
    expect(await pool.run('uncaught', { ms: 0 })).toMatchObject({
      ok: false,
      finding: { kind: 'engine_error', detail: expect.stringContaining('boom') },
    });
    expect((await echo()).sum).toBe(6);
  });

  it('reports a failing task, bad input and bad output as engine_error without losing the worker', async () => {
    expect(await pool.run('throws', { ms: 0 })).toMatchObject({
      ok: false,
      finding: { kind: 'engine_error', detail: expect.stringContaining('task failed') },
    });
    expect(await pool.run('echo', { data: 'not bytes' } as never)).toMatchObject({
      ok: false,
      finding: { kind: 'engine_error' },
    });
    expect(await pool.run('badOutput', { ms: 0 })).toMatchObject({
      ok: false,
      finding: { kind: 'engine_error', detail: expect.stringContaining('invalid output') },
    });
    await expect(pool.run('nope' as never, {} as never)).rejects.toThrow(/unknown task/);
  });

  it('runs queued jobs in FIFO order', async () => {
    const single = await createWorkerPool<PoolTestTasks>({ size: 1, tasksModule: fixture });
    try {
      await single.ready();
      const order: number[] = [];
      await Promise.all([0, 1, 2, 3, 4].map((i) => single.run('spin', { ms: 20 }).then(() => order.push(i))));
      expect(order).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await single.close();
    }
  });

  it('runs jobs on all workers in parallel', async () => {
    await pool.ready();
    const threads = await Promise.all([0, 1].map(() => pool.run('spin', { ms: 200 })));
    const ids = threads.map((r) => (r.ok ? r.value.thread : -1));
    expect(new Set(ids).size).toBe(2);
  });

  it('cancels queued and running jobs through an AbortSignal', async () => {
    await pool.ready(); // earlier tests replaced workers
    const controller = new AbortController();
    const busy = [pool.run('spin', { ms: 300 }), pool.run('spin', { ms: 300 })];
    const queued = pool.run('spin', { ms: 300 }, { signal: controller.signal });
    expect(pool.stats().queued).toBe(1);
    controller.abort(new Error('user left'));
    await expect(queued).rejects.toThrow('user left');
    expect(pool.stats().queued).toBe(0);
    await Promise.all(busy);

    const running = new AbortController();
    const job = pool.run('spin', { ms: 10_000 }, { signal: running.signal });
    setTimeout(() => running.abort(new Error('stop')), 100);
    await expect(job).rejects.toThrow('stop');
    expect((await echo()).sum).toBe(6);
    await expect(
      pool.run('echo', { data: new Uint8Array(1) }, { signal: AbortSignal.abort(new Error('already')) }),
    ).rejects.toThrow('already');
  });
});

describe('worker pool (workers that cannot start)', () => {
  it('gives up after repeated failed starts: ready() rejects and jobs get engine_error', async () => {
    const broken = new URL('./pool-test-broken.fixture.ts', import.meta.url);
    const pool = await createWorkerPool<PoolTestTasks>({ size: 1, tasksModule: broken, maxFailedStarts: 2 });
    try {
      await expect(pool.ready()).rejects.toThrow(/cannot start: .*no models here/);
      expect(await pool.run('echo', { data: new Uint8Array(1) })).toMatchObject({
        ok: false,
        finding: { kind: 'engine_error' },
      });
    } finally {
      await pool.close();
    }
  });
});

describe('worker pool (engine tasks)', () => {
  it('compares two images in a worker with the models loaded once at start', async () => {
    const pool = await createWorkerPool<EngineTasks>({ size: 2 });
    try {
      await pool.ready();
      const image = new Uint8Array(sampleBytes(2));
      const r = await pool.run('compareImages', { reference: image, probe: new Uint8Array(sampleBytes(2)) });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.similarity).toBeGreaterThan(99);
      expect(r.value.findings.map((f) => f.kind)).toEqual(['reference_multiple_faces', 'multiple_faces']);
      const split = await compareInPool(pool, new Uint8Array(sampleBytes(2)), new Uint8Array(sampleBytes(2)));
      expect(split).toEqual(r);
      const detect = await pool.run('detectFaces', { image: new Uint8Array(Buffer.from('not an image')) });
      expect(detect).toMatchObject({
        ok: true,
        value: { faces: [], findings: [{ kind: 'image_decode_failed' }] },
      });
    } finally {
      await pool.close();
    }
  }, 60_000);
});
