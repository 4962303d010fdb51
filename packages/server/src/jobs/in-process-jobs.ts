import type { EngineTasks, JobResult, WorkerPool } from '@open-ekyc/engine';
import { busyError, type EngineJobs, type JobOptions, type JobsStats } from './engine-jobs.js';
import { FairQueue } from './fair-queue.js';

/** The part of the engine's WorkerPool this driver uses (tests may pass a stand-in with the same contract). */
export type PoolLike = Pick<WorkerPool<EngineTasks>, 'size' | 'ready' | 'run' | 'close'>;

interface Waiting {
  readonly start: () => void;
  readonly cancel: (error: Error) => void;
}

/**
 * In-process driver: the engine's worker_threads pool (models loaded once per worker), with at most
 * `pool.size` jobs handed to it at a time so that the waiting room is ours: fair across apps and
 * bounded (`maxQueued`), instead of the pool's unbounded FIFO.
 */
export class InProcessJobs implements EngineJobs {
  private readonly queue: FairQueue<Waiting>;
  private running = 0;
  private loaded = false;
  private closed = false;

  constructor(
    private readonly pool: PoolLike,
    private readonly opts: { readonly maxQueued: number; readonly timeoutMs: number },
  ) {
    this.queue = new FairQueue(opts.maxQueued);
    // Models load when the workers start (engine initWorker); /readyz turns ready when all have.
    pool.ready().then(
      () => (this.loaded = true),
      () => (this.loaded = false),
    );
  }

  /** Resolves once every worker has loaded its models; rejects when the workers cannot start. */
  whenReady(): Promise<void> {
    return this.pool.ready();
  }

  ready(): boolean {
    return this.loaded && !this.closed;
  }

  stats(): JobsStats {
    return { workers: this.pool.size, running: this.running, queued: this.queue.size };
  }

  run<K extends keyof EngineTasks & string>(
    task: K,
    input: Parameters<EngineTasks[K]['run']>[0],
    options: JobOptions = {},
  ): Promise<JobResult<Awaited<ReturnType<EngineTasks[K]['run']>>>> {
    if (this.closed) return Promise.reject(new Error('engine jobs closed'));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const key = options.key ?? '';
    const timeoutMs = options.timeoutMs ?? this.opts.timeoutMs;
    type Out = JobResult<Awaited<ReturnType<EngineTasks[K]['run']>>>;

    const execute = (): Promise<Out> => {
      this.running++;
      return (
        this.pool.run(task, input as never, { timeoutMs, ...(signal ? { signal } : {}) }) as Promise<Out>
      ).finally(() => {
        this.running--;
        this.next();
      });
    };
    if (this.running < this.pool.size && this.queue.size === 0) return execute();

    return new Promise<Out>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.queue.remove(key, waiting)) reject(signal!.reason);
      };
      const waiting: Waiting = {
        cancel: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          if (signal?.aborted) return reject(signal.reason);
          execute().then(resolve, reject);
        },
      };
      if (!this.queue.push(key, waiting)) {
        reject(busyError(this.queue.size));
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private next(): void {
    while (!this.closed && this.running < this.pool.size) {
      const waiting = this.queue.shift();
      if (!waiting) return;
      waiting.start();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.drain()) waiting.cancel(new Error('engine jobs closed'));
    await this.pool.close();
  }
}

/** Creates the engine worker pool (models warm up in every worker as it starts) and the driver on it. */
export async function createInProcessJobs(opts: {
  readonly workers: number;
  readonly maxQueued: number;
  readonly timeoutMs: number;
}): Promise<InProcessJobs> {
  // Imported here, not at module load: the engine pulls in the model stack (ARCHITECTURE.md: no work at import time).
  const { createWorkerPool } = await import('@open-ekyc/engine');
  const pool = await createWorkerPool<EngineTasks>({
    ...(opts.workers > 0 ? { size: opts.workers } : {}),
    timeoutMs: opts.timeoutMs,
  });
  return new InProcessJobs(pool, opts);
}
