import type { CaptureTimeline, Finding } from '@open-ekyc/contract';
import type { AnalyzeVideoTaskOutput, LivenessMode, VideoChallenge } from '@open-ekyc/engine';
import type { MediaStore } from '../../blobs/media-store.js';
import type { EngineJobs } from '../../jobs/engine-jobs.js';
import type {
  CaptureAttemptRecord,
  CaptureAttemptsRepository,
} from '../../store/repositories/capture-attempts-repository.js';
import type { SessionRecord, SessionsService } from '../sessions/sessions-service.js';
import type { AttemptChallenge } from './attempt-challenge.js';
import { attemptVerdict, type AttemptVerdict } from './attempt-verdict.js';
import { flowSettings } from './flow-settings.js';

export interface AttemptRunnerDeps {
  readonly sessions: SessionsService;
  readonly attempts: CaptureAttemptsRepository;
  readonly media: MediaStore;
  readonly jobs: EngineJobs;
  readonly now: () => Date;
  readonly log: (msg: string, err?: unknown) => void;
}

/** What a finished session keeps in `result` (the Get*Result actions read the attempts themselves). */
export interface FlowSessionResult {
  readonly attemptId: string;
  readonly similarity: number | null;
  readonly finding: string | null;
}

/**
 * The verification job of one uploaded attempt (ARCHITECTURE.md "A verification session"): runs the
 * engine on the worker pool with the attempt's own challenge and the session's reference photo, keeps
 * the best frame (encrypted, with retention), and settles: the session finishes (billing in the same
 * transaction, SessionsService) on a pass or when the attempts are used up, otherwise it goes back to
 * in_progress for a retry. The upload request never waits for this.
 */
export class AttemptRunner {
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly deps: AttemptRunnerDeps) {}

  /** Starts the job in the background. */
  enqueue(
    session: SessionRecord,
    attempt: CaptureAttemptRecord,
    video: Buffer,
    timeline: CaptureTimeline | null,
  ): void {
    const job = this.verify(session, attempt, video, timeline)
      .catch((err: unknown) => this.deps.log(`capture attempt ${attempt.id} failed`, err))
      .finally(() => this.inflight.delete(job));
    this.inflight.add(job);
  }

  /**
   * Re-queues attempts whose job was lost (process killed between upload and verdict): their video is
   * in the media store, so the verdict is computed as if nothing happened. Only attempts older than
   * `olderThanMs` (beyond any job's time limit), so a job still running on another node is left alone;
   * the guarded finish keeps a verdict (and its bill) single even then.
   */
  async resume(olderThanMs: number): Promise<number> {
    const orphans = await this.deps.attempts.listOrphaned(new Date(this.deps.now().getTime() - olderThanMs));
    let resumed = 0;
    for (const attempt of orphans) {
      const session = await this.deps.sessions.get(attempt.token, this.deps.now());
      if (session?.state !== 'processing') continue;
      const video = attempt.videoMediaId ? await this.deps.media.get(attempt.videoMediaId) : null;
      if (!video) {
        const at = this.deps.now();
        const failure = {
          engineFailure: { kind: 'engine_error' as const, detail: 'video lost before verification' },
        };
        const verdict = attemptVerdict(flowSettings(session).product, failure, {
          seq: attempt.id,
          at,
          compared: false,
        });
        await this.settle(session, attempt, verdict, at);
        continue;
      }
      this.enqueue(session, attempt, video.bytes, attempt.timeline as CaptureTimeline | null);
      resumed++;
    }
    return resumed;
  }

  /** Resolves when no job is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private async verify(
    session: SessionRecord,
    attempt: CaptureAttemptRecord,
    video: Buffer,
    timeline: CaptureTimeline | null,
  ): Promise<void> {
    const settings = flowSettings(session);
    const reference = session.hasReferenceImage
      ? await this.deps.sessions.referenceImage(session.token)
      : null;
    let analysis: AnalyzeVideoTaskOutput | { engineFailure: Finding };
    try {
      analysis = await this.analyze(
        session.appId,
        passesOf(attempt.challenge as AttemptChallenge, timeline),
        video,
        reference,
      );
    } catch (err) {
      // A full queue or a closed pool: the engine could not be called (catalog: engine_error).
      this.deps.log(`engine call for attempt ${attempt.id} failed`, err);
      analysis = { engineFailure: { kind: 'engine_error', detail: String(err).slice(0, 200) } };
    }
    const at = this.deps.now();
    if (!('engineFailure' in analysis) && analysis.bestFrame) {
      const stored = await this.deps.media.put(Buffer.from(analysis.bestFrame.jpeg), {
        kind: 'best-frame',
        contentType: 'image/jpeg',
      });
      await this.deps.attempts.setMedia(attempt.id, { bestFrameMediaId: stored.id });
    }
    const verdict = attemptVerdict(settings.product, analysis, {
      seq: attempt.id,
      at,
      compared: reference !== null,
    });
    // Engine stage times (numbers only) kept with the attempt, for operators and the latency report.
    const engine =
      'engineFailure' in analysis ? null : { ...analysis.timings, durationSeconds: analysis.durationSeconds };
    await this.settle(session, attempt, verdict, at, engine);
  }

  /**
   * One engine pass per liveness mode of the challenge (level 4: light and actions). The passes run
   * side by side on the worker pool (the verdict comes after the slower one, not after both in turn);
   * the first failing pass in challenge order decides, as if they had run one after the other.
   */
  private async analyze(
    appId: string,
    passes: readonly { mode: LivenessMode; challenge?: VideoChallenge }[],
    video: Buffer,
    reference: Buffer | null,
  ): Promise<AnalyzeVideoTaskOutput | { engineFailure: Finding }> {
    const results = await Promise.all(
      passes.map((pass) =>
        this.deps.jobs.run(
          'analyzeVideo',
          {
            // Each pass gets its own copies: the worker transfer detaches the buffers.
            video: new Uint8Array(video),
            mode: pass.mode,
            ...(pass.challenge ? { challenge: pass.challenge } : {}),
            ...(reference ? { referenceImage: new Uint8Array(reference) } : {}),
          },
          { key: appId },
        ),
      ),
    );
    let last: AnalyzeVideoTaskOutput | undefined;
    for (const result of results) {
      if (!result.ok) return { engineFailure: result.finding };
      last = result.value;
      if (!last.passed) return last;
    }
    if (!last) throw new Error('no liveness pass for the challenge');
    return last;
  }

  /**
   * Session first, then the attempt: a poll that sees the attempt decided always finds the session
   * already finished or open again for the retry (never a stale "processing").
   */
  async settle(
    session: SessionRecord,
    attempt: CaptureAttemptRecord,
    verdict: AttemptVerdict,
    at: Date,
    engine: Readonly<Record<string, number>> | null = null,
  ): Promise<void> {
    const settings = flowSettings(session);
    const started = (await this.deps.attempts.list(session.token)).length;
    try {
      if (verdict.passed || started >= settings.retryLimit) {
        const result: FlowSessionResult = {
          attemptId: attempt.id,
          similarity: verdict.detail.Similarity,
          finding: verdict.finding,
        };
        await this.deps.sessions.finish(session.token, { resultCode: verdict.code, result }, { at });
      } else {
        await this.deps.sessions.retry(session.token, at);
      }
    } finally {
      await this.deps.attempts.decide(attempt.id, {
        state: verdict.passed ? 'passed' : 'failed',
        resultCode: verdict.code,
        result: { detail: verdict.detail, message: verdict.message, finding: verdict.finding, engine },
        at,
      });
    }
  }
}

/** Engine passes for an attempt's challenge; reflection is aligned with when the page showed the first colour. */
export function passesOf(
  challenge: AttemptChallenge,
  /** Null only for an attempt resumed after a crash before its timeline was saved. */
  timeline: CaptureTimeline | null,
): { mode: LivenessMode; challenge?: VideoChallenge }[] {
  const passes: { mode: LivenessMode; challenge?: VideoChallenge }[] = [];
  if (challenge.sequence) {
    // The timeline says WHEN colours were painted (client clock since recording start); whether the
    // face reflected them is measured by the engine on the video itself.
    const first = (timeline?.events ?? []).find((e) => e.type === 'color' && e.value !== 'off');
    passes.push({
      mode: 'reflection',
      challenge: { sequence: challenge.sequence, ...(first ? { startSeconds: first.t / 1000 } : {}) },
    });
  }
  if (challenge.actions.length > 0)
    passes.push({ mode: 'action', challenge: { actions: challenge.actions } });
  if (passes.length === 0) passes.push({ mode: 'silent' });
  return passes;
}
