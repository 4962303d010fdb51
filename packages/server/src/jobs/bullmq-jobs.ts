import { randomUUID } from 'node:crypto';
import type { EngineTasks, JobResult } from '@open-ekyc/engine';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { busyError, type EngineJobs, type JobOptions, type JobsStats } from './engine-jobs.js';
import { decodeJobValue, encodeJobValue } from './job-codec.js';

/** The one queue API nodes and `ekyc worker` processes share. */
export const ENGINE_QUEUE = 'ekyc-engine';

/** What a worker process returns for a job: the engine's JobResult, JSON-encoded (job-codec.ts). */
export interface WireJobResult {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly finding?: unknown;
}

type Parsers = Readonly<Record<string, { parseOutput(value: unknown): unknown }>>;

/**
 * BullMQ driver (EKYC_REDIS_URL): jobs go to Redis and separate `ekyc worker` processes run them on
 * their own engine pools, so API nodes and engine workers scale apart (ARCHITECTURE.md "Jobs").
 * The waiting room is bounded (RequestLimitExceeded past `maxQueued`) and FIFO: BullMQ's open-source
 * queue has no per-app groups, so fairness across apps is only guaranteed by the in-process driver.
 * A job aborted while waiting is removed; one already running finishes on its worker and is ignored.
 */
export class BullMqJobs implements EngineJobs {
  private workers = 0;
  private queuedSeen = 0;
  private running = 0;
  private poll: NodeJS.Timeout | undefined;

  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly connections: Redis[],
    private readonly parsers: Parsers,
    private readonly opts: { readonly maxQueued: number; readonly timeoutMs: number },
  ) {}

  static async connect(url: string, opts: { maxQueued: number; timeoutMs: number }): Promise<BullMqJobs> {
    // BullMQ needs maxRetriesPerRequest: null on blocking connections.
    const a = new Redis(url, { maxRetriesPerRequest: null });
    const b = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue(ENGINE_QUEUE, { connection: a });
    const events = new QueueEvents(ENGINE_QUEUE, { connection: b });
    await events.waitUntilReady();
    // Outputs are validated with the engine's own parsers when they come back from another process.
    const { engineTasks } = await import('@open-ekyc/engine');
    const jobs = new BullMqJobs(queue, events, [a, b], engineTasks as unknown as Parsers, opts);
    await jobs.refresh();
    jobs.poll = setInterval(() => void jobs.refresh().catch(() => (jobs.workers = 0)), 2000);
    jobs.poll.unref();
    return jobs;
  }

  /** Workers connected to the queue (for /readyz): `ekyc worker` registers only after its models loaded. */
  private async refresh(): Promise<void> {
    this.workers = await this.queue.getWorkersCount();
    this.queuedSeen = await this.queue.getWaitingCount();
  }

  ready(): boolean {
    return this.workers > 0;
  }

  stats(): JobsStats {
    return { workers: this.workers, running: this.running, queued: this.queuedSeen };
  }

  async run<K extends keyof EngineTasks & string>(
    task: K,
    input: Parameters<EngineTasks[K]['run']>[0],
    options: JobOptions = {},
  ): Promise<JobResult<Awaited<ReturnType<EngineTasks[K]['run']>>>> {
    const { signal } = options;
    if (signal?.aborted) throw signal.reason;
    const waiting = await this.queue.getWaitingCount();
    if (waiting >= this.opts.maxQueued) throw busyError(waiting);
    const timeoutMs = options.timeoutMs ?? this.opts.timeoutMs;
    const job = await this.queue.add(
      task,
      { task, input: encodeJobValue(input), timeoutMs },
      { jobId: randomUUID(), removeOnComplete: { age: 600 }, removeOnFail: { age: 3600 }, attempts: 1 },
    );
    this.running++;
    const onAbort = (): void => void job.remove().catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // The worker enforces timeoutMs on the engine; the extra margin covers queueing and transport.
      const wire = (await abortable(
        job.waitUntilFinished(this.events, timeoutMs + 60_000),
        signal,
      )) as WireJobResult;
      if (!wire.ok) return { ok: false, finding: wire.finding as never };
      const parser = this.parsers[task];
      const value = decodeJobValue(wire.value);
      return { ok: true, value: (parser ? parser.parseOutput(value) : value) as never };
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      return { ok: false, finding: { kind: 'engine_error', detail: `queue: ${(err as Error).message}` } };
    } finally {
      this.running--;
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.poll);
    await this.events.close();
    await this.queue.close();
    for (const c of this.connections) c.disconnect();
  }
}

function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((ok, fail) => {
    const onAbort = (): void => fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => (signal.removeEventListener('abort', onAbort), ok(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), fail(e)),
    );
  });
}
