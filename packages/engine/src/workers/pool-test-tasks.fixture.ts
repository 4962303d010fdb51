import { threadId } from 'node:worker_threads';
import { defineTask, ownedBuffer, type TaskRegistry } from './task-types.js';
import { bytes, finiteNumber, record } from './validate.js';

/** Tasks for the pool tests: no models, just the behaviours the pool must survive. */
let initialised = false;

export async function initWorker(): Promise<void> {
  initialised = true;
}

const ms = (value: unknown) => finiteNumber(record(value, 'input').ms, 'ms');
const threadOutput = (value: unknown) => ({ thread: finiteNumber(record(value, 'output').thread, 'thread') });

export const tasks = {
  echo: defineTask({
    parseInput: (v: unknown) => ({ data: bytes(record(v, 'input').data, 'data') }),
    parseOutput: (v: unknown) => {
      const r = record(v, 'output');
      return {
        sum: finiteNumber(r.sum, 'sum'),
        thread: finiteNumber(r.thread, 'thread'),
        initialised: r.initialised === true,
      };
    },
    run: async (input) => ({ sum: input.data.reduce((a, b) => a + b, 0), thread: threadId, initialised }),
    transferables: (input) => ownedBuffer(input.data),
  }),
  /** Busy-waits like a long wasm inference (cannot be interrupted from inside). */
  spin: defineTask({
    parseInput: (v: unknown) => ({ ms: ms(v) }),
    parseOutput: threadOutput,
    run: async (input) => {
      const end = Date.now() + input.ms;
      while (Date.now() < end);
      return { thread: threadId };
    },
  }),
  exit: defineTask({
    parseInput: (v: unknown) => ({ ms: ms(v) }),
    parseOutput: threadOutput,
    run: async () => process.exit(3),
  }),
  uncaught: defineTask({
    parseInput: (v: unknown) => ({ ms: ms(v) }),
    parseOutput: threadOutput,
    run: () =>
      new Promise(() => {
        setTimeout(() => {
          throw new Error('boom outside any promise');
        }, 1);
      }),
  }),
  throws: defineTask({
    parseInput: (v: unknown) => ({ ms: ms(v) }),
    parseOutput: threadOutput,
    run: async () => {
      throw new Error('task failed');
    },
  }),
  badOutput: defineTask({
    parseInput: (v: unknown) => ({ ms: ms(v) }),
    parseOutput: threadOutput,
    run: async () => ({ thread: 'not a number' }) as unknown as { thread: number },
  }),
} satisfies TaskRegistry;

export type PoolTestTasks = typeof tasks;
