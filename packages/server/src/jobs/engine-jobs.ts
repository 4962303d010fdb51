import { ApiError } from '@open-ekyc/contract';
import type { EngineTasks, JobResult } from '@open-ekyc/engine';

/**
 * The job layer between services and the engine (ARCHITECTURE.md "Jobs"): the API event loop never
 * runs inference; it queues a task and awaits its result. Drivers: in-process worker threads
 * (default) and BullMQ (EKYC_REDIS_URL) — services see only this interface.
 */

export type EngineTaskName = keyof EngineTasks & string;
export type EngineInput<K extends EngineTaskName> = Parameters<EngineTasks[K]['run']>[0];
export type EngineOutput<K extends EngineTaskName> = Awaited<ReturnType<EngineTasks[K]['run']>>;

export interface JobOptions {
  /** Aborts a queued job (it is dropped) or a running one (its worker is replaced). */
  readonly signal?: AbortSignal;
  /** Time limit of the job once it runs; beyond it the result is an engine_timeout finding. */
  readonly timeoutMs?: number;
  /** Fairness key (the AppId): waiting jobs are served round-robin across keys, FIFO within one. */
  readonly key?: string;
}

export interface JobsStats {
  readonly workers: number;
  readonly running: number;
  readonly queued: number;
}

export interface EngineJobs {
  /**
   * Runs one engine task. Resolves with the output or an engine_error / engine_timeout finding;
   * rejects with the signal's reason when aborted, and with RequestLimitExceeded (see `busyError`)
   * when the queue is full.
   */
  run<K extends EngineTaskName>(
    task: K,
    input: EngineInput<K>,
    options?: JobOptions,
  ): Promise<JobResult<EngineOutput<K>>>;
  /** True once every worker has loaded its models (for /readyz). */
  ready(): boolean;
  stats(): JobsStats;
  close(): Promise<void>;
}

/**
 * A full queue answers at once instead of growing memory without bound. spec §5.2
 * RequestLimitExceeded ("The number of requests exceeds the frequency limit") is the code every
 * SDK user already retries with back-off.
 */
export function busyError(queued: number): ApiError {
  return new ApiError(
    'RequestLimitExceeded',
    `The verification engine is busy (${queued} requests waiting). Please retry later.`,
  );
}
