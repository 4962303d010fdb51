import { compareImagesTask, detectFacesTask, embedImageTask } from './engine-tasks.js';
import type { TaskRegistry } from './task-types.js';
import { analyzeVideoTask } from '../liveness/analyze-video-task.js';
import { ocrDocumentTask } from '../documents/ocr-document-task.js';

export { warmUpThread as initWorker } from './worker-context.js';

/**
 * Every job the engine worker pool can run: task name → definition (task-types.ts).
 * Add a task with one line here; its definition lives beside its own code.
 */
export const tasks = {
  compareImages: compareImagesTask,
  detectFaces: detectFacesTask,
  embedImage: embedImageTask,
  analyzeVideo: analyzeVideoTask,
  ocrDocument: ocrDocumentTask,
} satisfies TaskRegistry;

export type EngineTasks = typeof tasks;
