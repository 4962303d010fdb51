import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { ENGINE_QUEUE, type WireJobResult } from './bullmq-jobs.js';
import type { EngineJobs, EngineTaskName } from './engine-jobs.js';
import { decodeJobValue, encodeJobValue } from './job-codec.js';

/**
 * The consumer side of the BullMQ driver (`ekyc worker`): takes jobs from Redis and runs them on this
 * process's engine jobs (its worker-thread pool), as many at a time as it has workers. It registers
 * with the queue only after its models have loaded, so an API node's /readyz reflects real capacity.
 */
export async function startBullMqWorker(opts: {
  readonly redisUrl: string;
  readonly jobs: EngineJobs;
  readonly concurrency: number;
}): Promise<{ close(): Promise<void> }> {
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker(
    ENGINE_QUEUE,
    async (job): Promise<WireJobResult> => {
      const data = job.data as { task?: unknown; input?: unknown; timeoutMs?: unknown };
      // Validate on receipt: the task name must be known; the engine pool parses the input itself.
      if (typeof data.task !== 'string' || data.task !== job.name) throw new Error('malformed engine job');
      const timeoutMs = typeof data.timeoutMs === 'number' && data.timeoutMs > 0 ? data.timeoutMs : undefined;
      const result = await opts.jobs.run(data.task as EngineTaskName, decodeJobValue(data.input) as never, {
        ...(timeoutMs ? { timeoutMs } : {}),
      });
      return result.ok
        ? { ok: true, value: encodeJobValue(result.value) }
        : { ok: false, finding: result.finding };
    },
    { connection, concurrency: Math.max(1, opts.concurrency), autorun: true },
  );
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
