/**
 * One job type the worker pool can run. `parseInput` runs in the worker on receipt, `parseOutput`
 * in the calling thread on receipt (ARCHITECTURE.md: validate whatever crosses a thread boundary).
 * `run` executes inside a worker thread, where the models are loaded.
 */
export interface TaskDefinition<I, O> {
  parseInput(value: unknown): I;
  parseOutput(value: unknown): O;
  run(input: I): Promise<O>;
  /** ArrayBuffers of `input` that may be moved instead of copied (default: none). */
  transferables?(input: I): ArrayBuffer[];
}

// The registry is heterogeneous: each entry has its own I/O types, so the constraint must be `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = TaskDefinition<any, any>;
export type TaskRegistry = Readonly<Record<string, AnyTask>>;

export type InputOf<T> = T extends { parseInput(value: unknown): infer I } ? I : never;
export type OutputOf<T> = T extends { parseOutput(value: unknown): infer O } ? O : never;

/** Identity helper so each task's I/O types are inferred from its functions. */
export function defineTask<I, O>(task: TaskDefinition<I, O>): TaskDefinition<I, O> {
  return task;
}

/** Whole-buffer views are moved; views into a shared pool (small Node Buffers) are copied. */
export function ownedBuffer(view: Uint8Array): ArrayBuffer[] {
  const buffer = view.buffer;
  if (!(buffer instanceof ArrayBuffer)) return [];
  return view.byteOffset === 0 && view.byteLength === buffer.byteLength ? [buffer] : [];
}
