import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Finding } from '@open-ekyc/contract';
import { parseFromWorker, type FromWorker, type ToWorker, type WorkerBoot } from './protocol.js';
import type { InputOf, OutputOf, TaskRegistry } from './task-types.js';
import type { EngineTasks } from './tasks.js';

export interface WorkerPoolOptions {
  /** Worker threads (default: available cores; tfjs-wasm uses one core per thread, probe §2). */
  readonly size?: number;
  /** Default per-job time limit in ms (default 60 s). */
  readonly timeoutMs?: number;
  /** Module exporting `tasks` (+ optional `initWorker`), default ./tasks.ts. */
  readonly tasksModule?: URL;
  /** Consecutive failed worker starts before the pool gives up (default 3). */
  readonly maxFailedStarts?: number;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** A job's outcome: its output, or an engine_error / engine_timeout finding. Never throws for those. */
export type JobResult<O> =
  { readonly ok: true; readonly value: O } | { readonly ok: false; readonly finding: Finding };

export interface WorkerPool<T extends TaskRegistry> {
  readonly size: number;
  /** Resolves when no worker is (re)starting, i.e. all have loaded their models; rejects when workers cannot start. */
  ready(): Promise<void>;
  /** Queue a job (FIFO). Rejects only when `signal` aborts (with its reason) or the pool is closed. */
  run<K extends keyof T & string>(
    task: K,
    input: InputOf<T[K]>,
    options?: RunOptions,
  ): Promise<JobResult<OutputOf<T[K]>>>;
  stats(): { queued: number; busy: number; idle: number; starting: number };
  close(): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly task: string;
  readonly input: unknown;
  readonly transfer: ArrayBuffer[];
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly settle: (result: JobResult<unknown>) => void;
  readonly fail: (error: unknown) => void;
  onAbort?: () => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  state: 'starting' | 'idle' | 'busy' | 'retired';
  job?: Job;
}

const engineError = (detail: string): JobResult<never> => ({
  ok: false,
  finding: { kind: 'engine_error', detail },
});

/**
 * A pool of worker threads running engine tasks. Models load once per worker at start; a job that
 * overruns its time limit or is aborted terminates its worker (wasm compute cannot be interrupted
 * otherwise), and a crashed or terminated worker is replaced.
 */
export async function createWorkerPool<T extends TaskRegistry = EngineTasks>(
  options: WorkerPoolOptions = {},
): Promise<WorkerPool<T>> {
  const size = Math.max(1, options.size ?? os.availableParallelism());
  const defaultTimeout = options.timeoutMs ?? 60_000;
  const maxFailedStarts = options.maxFailedStarts ?? 3;
  const tasksModule = options.tasksModule ?? new URL('./tasks.ts', import.meta.url);
  // The calling thread parses outputs with the same registry the workers run.
  const { tasks } = (await import(tasksModule.href)) as { tasks: T };
  // sharp docs: on glibc Linux the main thread must load sharp before worker threads use it.
  await import('sharp');

  const boot: WorkerBoot = { tasksModule: tasksModule.href };
  const entry = new URL('./worker-entry.mjs', import.meta.url);
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let failedStarts = 0;
  let closed = false;
  let broken: Error | undefined;
  // ready(): settles when no worker is starting (models loaded everywhere), or the pool broke.
  let waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const settleWaiters = (error?: Error) => {
    const list = waiters;
    waiters = [];
    for (const w of list) {
      if (error) w.reject(error);
      else w.resolve();
    }
  };
  const ready = (): Promise<void> => {
    if (broken || closed) return Promise.reject(broken ?? new Error('worker pool closed'));
    if (slots.every((s) => s.state !== 'starting')) return Promise.resolve();
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  };

  function spawn(): Slot {
    const slot: Slot = { worker: new Worker(entry, { workerData: boot }), state: 'starting' };
    slot.worker.on('message', (raw: unknown) => onMessage(slot, raw));
    slot.worker.on('error', (error) => onGone(slot, `worker error: ${error.message}`));
    slot.worker.on('exit', (code) => onGone(slot, `worker exited with code ${code}`));
    return slot;
  }

  function replace(slot: Slot): void {
    const i = slots.indexOf(slot);
    if (i < 0 || closed || broken) return;
    slots[i] = spawn();
  }

  function retire(slot: Slot): void {
    if (slot.state === 'retired') return;
    slot.state = 'retired';
    void slot.worker.terminate();
    replace(slot);
  }

  function onMessage(slot: Slot, raw: unknown): void {
    if (slot.state === 'retired') return;
    let message: FromWorker;
    try {
      message = parseFromWorker(raw);
    } catch (error) {
      finishJob(slot, engineError((error as Error).message));
      retire(slot);
      return;
    }
    if (message.type === 'ready') {
      failedStarts = 0;
      slot.state = 'idle';
      if (slots.every((s) => s.state !== 'starting')) settleWaiters();
      dispatch();
    } else if (message.type === 'init-failed') {
      startFailed(slot, message.error);
    } else if (slot.job && message.id === slot.job.id) {
      const task = tasks[slot.job.task];
      let result: JobResult<unknown>;
      if (message.type === 'failed') result = engineError(message.error);
      else {
        try {
          result = { ok: true, value: task ? task.parseOutput(message.output) : message.output };
        } catch (error) {
          result = engineError(`invalid output: ${(error as Error).message}`);
        }
      }
      finishJob(slot, result);
      slot.state = 'idle';
      dispatch();
    }
  }

  function startFailed(slot: Slot, error: string): void {
    failedStarts++;
    if (failedStarts >= maxFailedStarts) {
      broken = new Error(`engine workers cannot start: ${error}`);
      settleWaiters(broken);
      for (const job of queue.splice(0)) settleJob(job, engineError(broken.message));
    }
    retire(slot);
  }

  function onGone(slot: Slot, why: string): void {
    if (slot.state === 'retired') return;
    if (slot.state === 'starting') return startFailed(slot, why);
    finishJob(slot, engineError(why));
    retire(slot);
    dispatch();
  }

  function finishJob(slot: Slot, result: JobResult<unknown>): void {
    const job = slot.job;
    slot.job = undefined;
    if (job) settleJob(job, result);
  }

  function settleJob(job: Job, result: JobResult<unknown>): void {
    clearTimeout(job.timer);
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    job.settle(result);
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.state !== 'idle') continue;
      const job = queue.shift();
      if (!job) return;
      slot.state = 'busy';
      slot.job = job;
      job.timer = setTimeout(() => {
        if (slot.job !== job) return;
        finishJob(slot, {
          ok: false,
          finding: { kind: 'engine_timeout', detail: `${job.task} over ${job.timeoutMs} ms` },
        });
        retire(slot);
        dispatch();
      }, job.timeoutMs);
      const message: ToWorker = { type: 'run', id: job.id, task: job.task, input: job.input };
      try {
        slot.worker.postMessage(message, job.transfer);
      } catch (error) {
        finishJob(slot, engineError(`cannot send input: ${(error as Error).message}`));
        slot.state = 'idle';
      }
    }
  }

  function run(task: string, input: unknown, runOptions: RunOptions = {}): Promise<JobResult<unknown>> {
    if (closed) return Promise.reject(new Error('worker pool closed'));
    if (broken) return Promise.resolve(engineError(broken.message));
    const definition = Object.hasOwn(tasks, task) ? tasks[task] : undefined;
    if (!definition) return Promise.reject(new TypeError(`unknown task ${task}`));
    const signal = runOptions.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const job: Job = {
        id: nextId++,
        task,
        input,
        transfer: definition.transferables?.(input) ?? [],
        timeoutMs: runOptions.timeoutMs ?? defaultTimeout,
        signal,
        settle: resolve,
        fail: reject,
      };
      if (signal) {
        job.onAbort = () => {
          const queued = queue.indexOf(job);
          if (queued >= 0) queue.splice(queued, 1);
          const slot = slots.find((s) => s.job === job);
          if (slot) {
            slot.job = undefined;
            retire(slot);
          }
          clearTimeout(job.timer);
          reject(signal.reason);
          dispatch();
        };
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      queue.push(job);
      dispatch();
    });
  }

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    ready,
    run: run as WorkerPool<T>['run'],
    stats: () => ({
      queued: queue.length,
      busy: slots.filter((s) => s.state === 'busy').length,
      idle: slots.filter((s) => s.state === 'idle').length,
      starting: slots.filter((s) => s.state === 'starting').length,
    }),
    async close() {
      closed = true;
      const error = new Error('worker pool closed');
      const pending = [...queue.splice(0), ...slots.flatMap((s) => (s.job ? [s.job] : []))];
      for (const slot of slots) {
        slot.job = undefined;
        slot.state = 'retired';
      }
      for (const job of pending) {
        clearTimeout(job.timer);
        if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
        job.fail(error);
      }
      settleWaiters(error);
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
