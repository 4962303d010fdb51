import { createHash } from 'node:crypto';
import type { JobResult } from '@open-ekyc/engine';
import type {
  EngineJobs,
  EngineInput,
  EngineOutput,
  EngineTaskName,
  JobOptions,
} from '../../jobs/engine-jobs.js';

/**
 * The real engine job layer, with each distinct ocrDocument input run once per test file: the engine
 * is deterministic, so the second database engine's run of the same photo reuses the first answer
 * instead of paying another 1–3 s OCR. `engineRuns` counts the real runs. `hold()` keeps answers back
 * until released (to observe a job while it is still processing).
 */
export class MemoJobs implements EngineJobs {
  engineRuns = 0;
  private readonly memo = new Map<string, Promise<JobResult<unknown>>>();
  private gate: Promise<void> | null = null;

  constructor(private readonly real: EngineJobs) {}

  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = null;
      release();
    };
  }

  async run<K extends EngineTaskName>(
    task: K,
    input: EngineInput<K>,
    options?: JobOptions,
  ): Promise<JobResult<EngineOutput<K>>> {
    const gate = this.gate;
    const i = input as { image?: Uint8Array; type?: string; portrait?: boolean };
    const key = i.image
      ? `${task}:${createHash('sha256').update(i.image).digest('hex')}:${i.type ?? ''}:${String(i.portrait)}`
      : null;
    let answer = key ? this.memo.get(key) : undefined;
    if (!answer) {
      this.engineRuns++;
      answer = this.real.run(task, input, options) as Promise<JobResult<unknown>>;
      if (key) this.memo.set(key, answer);
    }
    const result = await answer;
    if (gate) await gate;
    return result as JobResult<EngineOutput<K>>;
  }

  ready = (): boolean => this.real.ready();
  stats = () => this.real.stats();
  close = (): Promise<void> => this.real.close();
}
