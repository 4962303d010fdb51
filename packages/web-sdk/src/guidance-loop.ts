import type { FaceSample } from './actions.js';
import type { FaceTracker } from './face-tracker.js';
import {
  GuidanceSmoother,
  guidanceFor,
  relevantFaces,
  tooMuchMotion,
  type FaceBox,
  type GuidanceStatus,
} from './guidance.js';

/** Analyses camera frames with the face tracker, at most ~8 per second, and keeps what the flow needs. */
export class GuidanceLoop {
  private running = false;
  private paused = false;
  private inFlight: Promise<unknown> = Promise.resolve();
  private smoother = new GuidanceSmoother(2);
  private samples: FaceSample[] = [];
  private lastMain: FaceBox | undefined;
  private since = 0;
  /** Face jumps seen since the counter was last reset (MUCH_MOTION). */
  motionEvents = 0;
  frames = 0;
  lastMs = 0;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly tracker: FaceTracker | undefined,
    private readonly onStatus: (s: GuidanceStatus) => void,
    private readonly minIntervalMs = 120,
  ) {}

  get available(): boolean {
    return this.tracker !== undefined;
  }

  get status(): GuidanceStatus | undefined {
    return this.smoother.current;
  }

  /** How long (ms) the shown status has been shown. */
  statusAge(now = performance.now()): number {
    return now - this.since;
  }

  samplesSince(t: number): FaceSample[] {
    return this.samples.filter((s) => s.t >= t);
  }

  start(): void {
    if (!this.tracker || this.running) return;
    this.running = true;
    void this.run(this.tracker);
  }

  stop(): void {
    this.running = false;
  }

  /**
   * Pauses analysis (resolves once the frame in progress is done). Inference runs on the main
   * thread for ~100 ms at a time, which would delay the reflection colours' timers and frames.
   */
  async pause(): Promise<void> {
    this.paused = true;
    await this.inFlight.catch(() => undefined);
  }

  resume(): void {
    this.paused = false;
  }

  private async run(tracker: FaceTracker): Promise<void> {
    while (this.running) {
      const t0 = performance.now();
      if (!this.paused && this.video.readyState >= 2 && this.video.videoWidth > 0) {
        try {
          const pending = tracker.analyse(this.video);
          this.inFlight = pending;
          const a = await pending;
          this.frames += 1;
          this.lastMs = a.ms;
          const main = relevantFaces(a.faces)[0];
          if (tooMuchMotion(this.lastMain, main)) this.motionEvents += 1;
          this.lastMain = main;
          if (a.sample) {
            this.samples.push(a.sample);
            if (this.samples.length > 200) this.samples.splice(0, this.samples.length - 200);
          }
          const before = this.smoother.current;
          const shown = this.smoother.push(guidanceFor(a));
          if (shown && shown !== before) {
            this.since = performance.now();
            if (this.running) this.onStatus(shown);
          }
        } catch {
          // One bad frame (e.g. the video was being replaced) is not worth stopping for.
        }
      }
      const wait = this.minIntervalMs - (performance.now() - t0);
      await new Promise((r) => setTimeout(r, Math.max(10, wait)));
    }
  }
}
