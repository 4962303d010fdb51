import { randomBytes } from 'node:crypto';
import type { Finding } from '@open-ekyc/contract';
import type { AnalyzeVideoTaskOutput } from '@open-ekyc/engine';
import type { EngineJobs } from '../../jobs/engine-jobs.js';

/** Test helpers for the capture API protocol tests (the engine's real verdicts are in e2e/web-flow.test.ts). */
export const TEST_VIDEO = Buffer.concat([Buffer.from('1a45dfa3', 'hex'), randomBytes(4000)]);
export const TEST_PNG = Buffer.from('89504e470d0a1a0a', 'hex');
export const TEST_TIMELINE = Buffer.from(
  JSON.stringify({
    startedAt: Date.now(),
    source: 'camera',
    events: [{ t: 10, type: 'prompt', value: 'hold' }],
    client: { userAgent: 't', width: 320, height: 240, fps: 15 },
  }),
).toString('base64url');

/** Engine stand-in answering in order (the last answer repeats): null = pass, else fail with the finding. */
export class ScriptedJobs implements EngineJobs {
  answers: (Finding | null)[] = [null];
  calls = 0;
  /** What each call was asked (mode, challenge), to check what the server sent the engine. */
  readonly inputs: { mode: string; challenge?: unknown; hasReference: boolean }[] = [];

  /** When set, jobs never answer (a process that dies mid-job). */
  hang = false;

  async run(_task: string, raw: unknown): Promise<never> {
    if (this.hang) return new Promise<never>(() => {});
    const input = raw as { mode: string; challenge?: unknown; referenceImage?: Uint8Array };
    this.inputs.push({
      mode: input.mode,
      challenge: input.challenge,
      hasReference: input.referenceImage !== undefined,
    });
    const f = this.answers[Math.min(this.calls++, this.answers.length - 1)] ?? null;
    const out: AnalyzeVideoTaskOutput = {
      passed: f === null,
      findings: f ? [f] : [],
      ...(f ? { decidingFinding: f } : {}),
      scores: { similarity: f ? 12.5 : 91.25 },
      timeline: [],
      durationSeconds: 4,
      timings: { decodeMs: 1, trackMs: 1, livenessMs: 1, compareMs: 1, totalMs: 4 },
      bestFrame: { t: 1, score: 1, width: 2, height: 2, jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) },
    };
    return { ok: true, value: out } as never;
  }
  ready = (): boolean => true;
  stats = () => ({ workers: 1, running: 0, queued: 0 });
  close = async (): Promise<void> => {};
}
