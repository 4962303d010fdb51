import type { Finding } from '@open-ekyc/contract';
import {
  combineDescriptions,
  type CompareOptions,
  type CompareResult,
  type FaceDescription,
} from '../compare/compare-faces.js';
import type { EmbedImageOutput } from './engine-tasks.js';
import type { EngineTasks } from './tasks.js';
import type { JobResult, RunOptions, WorkerPool } from './worker-pool.js';

/**
 * Compare through the pool with both sides embedded at the same time on two workers: a compare
 * is two independent detect + embed passes, so with idle workers its latency halves (the work
 * is the same). Same verdict as the `compareImages` task, which runs both sides in one worker.
 */
export async function compareInPool(
  pool: WorkerPool<EngineTasks>,
  reference: Uint8Array,
  probe: Uint8Array,
  options: CompareOptions & RunOptions = {},
): Promise<JobResult<CompareResult>> {
  const [ref, prb] = await Promise.all([
    pool.run('embedImage', { image: reference }, options),
    pool.run('embedImage', { image: probe }, options),
  ]);
  if (!ref.ok) return ref;
  if (!prb.ok) return prb;
  return {
    ok: true,
    value: combineDescriptions(toDescription(ref.value), toDescription(prb.value), options),
  };
}

function toDescription(out: EmbedImageOutput): FaceDescription {
  const decodeFinding: Finding | undefined = out.findings.find((f) => f.kind.startsWith('image_'));
  return { faces: out.faces, descriptor: out.descriptor, ...(decodeFinding ? { decodeFinding } : {}) };
}
