import { isRecord } from './validate.js';

/** Messages between the pool (parent) and a worker thread. Both sides parse what they receive. */
export type ToWorker = {
  readonly type: 'run';
  readonly id: number;
  readonly task: string;
  readonly input: unknown;
};

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'init-failed'; readonly error: string }
  | { readonly type: 'done'; readonly id: number; readonly output: unknown }
  | { readonly type: 'failed'; readonly id: number; readonly error: string };

/** What the parent passes as `workerData`. */
export interface WorkerBoot {
  /** file:// URL of the module exporting `tasks` (and optionally `initWorker`). */
  readonly tasksModule: string;
}

export function parseToWorker(value: unknown): ToWorker {
  if (
    !isRecord(value) ||
    value.type !== 'run' ||
    !Number.isSafeInteger(value.id) ||
    typeof value.task !== 'string'
  ) {
    throw new TypeError('bad message from the pool');
  }
  return { type: 'run', id: value.id as number, task: value.task, input: value.input };
}

export function parseFromWorker(value: unknown): FromWorker {
  if (isRecord(value)) {
    if (value.type === 'ready') return { type: 'ready' };
    if (value.type === 'init-failed' && typeof value.error === 'string')
      return { type: 'init-failed', error: value.error };
    if (Number.isSafeInteger(value.id)) {
      const id = value.id as number;
      if (value.type === 'done') return { type: 'done', id, output: value.output };
      if (value.type === 'failed' && typeof value.error === 'string')
        return { type: 'failed', id, error: value.error };
    }
  }
  throw new TypeError('bad message from a worker');
}

export function parseWorkerBoot(value: unknown): WorkerBoot {
  if (!isRecord(value) || typeof value.tasksModule !== 'string' || !value.tasksModule.startsWith('file:')) {
    throw new TypeError('bad workerData');
  }
  return { tasksModule: value.tasksModule };
}
