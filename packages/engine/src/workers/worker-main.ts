import { parentPort, workerData } from 'node:worker_threads';
import { parseToWorker, parseWorkerBoot, type FromWorker } from './protocol.js';
import type { TaskRegistry } from './task-types.js';

/**
 * Worker thread side: load the task registry (and its models) once, then run one job per
 * message. The pool never sends a second job before the first one answered.
 */
const port = parentPort;
if (!port) throw new Error('worker-main must run in a worker thread');
const send = (message: FromWorker) => port.postMessage(message);
const errorText = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

try {
  const boot = parseWorkerBoot(workerData);
  const mod = (await import(boot.tasksModule)) as { tasks: TaskRegistry; initWorker?: () => Promise<void> };
  await mod.initWorker?.();
  const tasks = mod.tasks;
  port.on('message', (raw: unknown) => {
    let id = -1;
    void (async () => {
      const message = parseToWorker(raw);
      id = message.id;
      const task = Object.hasOwn(tasks, message.task) ? tasks[message.task] : undefined;
      if (!task) throw new TypeError(`unknown task ${message.task}`);
      const output: unknown = await task.run(task.parseInput(message.input));
      send({ type: 'done', id, output });
    })().catch((error: unknown) => send({ type: 'failed', id, error: errorText(error) }));
  });
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'init-failed', error: errorText(error) });
}
