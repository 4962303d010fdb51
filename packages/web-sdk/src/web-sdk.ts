import type { AttemptResult, ExitResponse } from '@open-ekyc/contract';
import { CaptureApi } from './api-client.js';
import { canCaptureLive, closeCamera, openCamera, type CameraInfo } from './camera.js';
import { monitorFailure, runChallenge } from './challenge.js';
import { CLIENT_CODES, CaptureFailure } from './client-codes.js';
import { FaceTracker } from './face-tracker.js';
import { runFileFlow } from './fallback.js';
import { GuidanceLoop } from './guidance-loop.js';
import { Recording } from './recorder.js';
import { SdkUi } from './sdk-ui.js';
import { TimelineRecorder, encodeTimeline } from './timeline.js';
import type { Callbacks, InitOptions, StartConfig } from './types.js';

const DEFAULT_TIMEOUT_MS = 45_000;
/** The face must be framed this long before recording starts. */
const ALIGNED_MS = 600;
/** Without a face tracker (models failed to load), wait this long and record anyway: the server decides. */
const BLIND_ALIGN_MS = 1500;

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The web SDK: init → start(token, config, callbacks) → release, like the vendor App SDK.
 * One verification attempt per start(); call start() again to retry.
 */
export class WebSdk {
  private opts: InitOptions | undefined;
  private ui: SdkUi | undefined;
  private tracker: Promise<FaceTracker | undefined> | undefined;
  private camera: CameraInfo | undefined;
  private abort: AbortController | undefined;
  private api: CaptureApi | undefined;

  init(options: InitOptions): void {
    this.release();
    this.opts = options;
    this.ui = new SdkUi(options.container);
    if (options.preload !== false) void this.models();
  }

  /** Loads Human once; resolves undefined (guidance off, capture still works) when it cannot load. */
  models(): Promise<FaceTracker | undefined> {
    if (!this.opts) return Promise.resolve(undefined);
    this.tracker ??= FaceTracker.load(this.opts.assetsBase).catch((err: unknown) => {
      console.warn('open-ekyc: face models unavailable, guidance is off', err);
      return undefined;
    });
    return this.tracker;
  }

  /** Runs one attempt. Resolves with the result, or undefined after onError. */
  async start(
    token: string,
    config: StartConfig = {},
    cb: Callbacks = {},
  ): Promise<AttemptResult | undefined> {
    const opts = this.opts;
    const ui = this.ui;
    if (!opts || !ui) {
      cb.onError?.(new CaptureFailure(CLIENT_CODES.SDK_NOT_INITIALIZED, 'call init() before start()', false));
      return undefined;
    }
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const api = new CaptureApi(opts.apiBase ?? '/capture/v1', token);
    this.api = api;
    ui.setMessages(config.messages, config.colorStyle ?? 'light', config.language);
    ui.showStage(true);
    try {
      const result =
        !canCaptureLive() || config.recordingMode
          ? await runFileFlow(api, ui, cb, abort.signal)
          : await this.liveFlow(api, ui, config, cb, abort.signal);
      cb.onStateChange?.('finished');
      cb.onResult?.(result);
      return result;
    } catch (err) {
      const failure =
        err instanceof CaptureFailure
          ? err
          : new CaptureFailure(
              abort.signal.aborted ? CLIENT_CODES.USER_GIVE_UP : CLIENT_CODES.UNDEFINED,
              err instanceof Error ? err.message : String(err),
            );
      this.stopCamera();
      cb.onStateChange?.('failed');
      if (config.errorDialog && !abort.signal.aborted)
        await ui.showDialog(ui.codeMessage(failure.code), failure.code);
      cb.onError?.(failure);
      return undefined;
    }
  }

  private async liveFlow(
    api: CaptureApi,
    ui: SdkUi,
    config: StartConfig,
    cb: Callbacks,
    signal: AbortSignal,
  ): Promise<AttemptResult> {
    const timeoutMs =
      config.livenessTimeoutMs && config.livenessTimeoutMs > 0
        ? config.livenessTimeoutMs
        : DEFAULT_TIMEOUT_MS;
    cb.onStateChange?.('starting_camera');
    const t0 = performance.now();
    const camera = this.camera ?? (await openCamera(ui.video, config.videoSize ?? '480p'));
    this.camera = camera;
    const previewMs = performance.now() - t0;
    performance.mark('ekyc:preview');
    cb.onProgress?.({
      phase: 'camera',
      previewMs,
      width: camera.width,
      height: camera.height,
      fps: camera.fps,
    });
    cb.onStateChange?.('aligning');

    const deadline = performance.now() + timeoutMs;
    const timeline = new TimelineRecorder();
    let hidden = false;
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') hidden = true;
    };
    document.addEventListener('visibilitychange', onVisibility);
    const countdown = setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
      if (config.showCountdown) ui.setCountdown(left);
      cb.onProgress?.({ phase: 'liveness', secondsLeft: left });
    }, 500);
    const makeLoop = (t: FaceTracker | undefined): GuidanceLoop =>
      new GuidanceLoop(ui.video, t, (status) => {
        ui.setStatus(status);
        timeline.add('face', status);
        cb.onGuidance?.({ kind: 'face', status });
      });
    // Models may still be loading (they were preloaded at init): guidance starts when they arrive.
    let models: { tracker: FaceTracker | undefined } | undefined;
    void this.models().then((tracker) => (models = { tracker }));
    let loop = makeLoop(undefined);
    let recording: Recording | undefined;
    const check = (): void => {
      if (signal.aborted) throw new CaptureFailure(CLIENT_CODES.USER_GIVE_UP);
      if (hidden) throw new CaptureFailure(CLIENT_CODES.DO_NOT_SWITCH_APPS);
      if (performance.now() > deadline)
        throw new CaptureFailure(CLIENT_CODES.ACTION_TIMEOUT, 'liveness timeout');
      if (camera.stream.getVideoTracks().every((t) => t.readyState === 'ended'))
        throw new CaptureFailure(CLIENT_CODES.CAMERA_OPEN_FAILED, 'the camera stopped');
      if (recording) {
        const failure = monitorFailure(loop, !ui.flash.hidden);
        if (failure) {
          timeline.add('error', failure.code);
          throw failure;
        }
      }
    };
    try {
      let modelsSettledAt: number | undefined;
      for (;;) {
        check();
        if (models && modelsSettledAt === undefined) {
          modelsSettledAt = performance.now();
          cb.onProgress?.({ phase: 'models', ready: models.tracker !== undefined });
          if (models.tracker) {
            loop = makeLoop(models.tracker);
            loop.start();
          }
        }
        if (loop.available && loop.status === 'ok' && loop.statusAge() >= ALIGNED_MS) break;
        if (
          modelsSettledAt !== undefined &&
          !loop.available &&
          performance.now() - modelsSettledAt > BLIND_ALIGN_MS
        )
          break;
        await tick(100);
      }
      const attempt = await api.startAttempt('camera');
      check();
      recording = new Recording(camera.stream);
      const startPerf = await recording.start();
      timeline.start(Date.now() - (performance.now() - startPerf), startPerf);
      timeline.add('face', loop.status ?? 'unknown');
      loop.motionEvents = 0;
      cb.onStateChange?.('recording');
      await runChallenge({
        challenge: attempt.challenge,
        timeline,
        loop,
        flash: ui.flash,
        emit: (e) => cb.onGuidance?.(e),
        check,
        silentRecordMs: config.silentRecordMs ?? 4000,
      });
      const video = await recording.stop();
      recording = undefined;
      loop.stop();
      this.stopCamera();
      const header = encodeTimeline(
        timeline.build('camera', {
          userAgent: navigator.userAgent.slice(0, 512),
          width: camera.width,
          height: camera.height,
          fps: Math.round(camera.fps * 100) / 100,
        }),
      );
      cb.onStateChange?.('uploading');
      await api.uploadVideo(attempt.attemptId, attempt.uploadNonce, video, video.type, header, (p) =>
        cb.onProgress?.({ phase: 'upload', ...p }),
      );
      cb.onStateChange?.('processing');
      return await api.waitForResult(attempt.attemptId, { signal });
    } finally {
      recording?.cancel();
      loop.stop();
      clearInterval(countdown);
      ui.setCountdown(undefined);
      ui.setStatus(undefined);
      document.removeEventListener('visibilitychange', onVisibility);
    }
  }

  /** The user gives up: stops any capture and tells the server (code 1410). */
  async giveUp(
    reason: string = CLIENT_CODES.USER_GIVE_UP,
    token?: string,
  ): Promise<ExitResponse | undefined> {
    this.abort?.abort();
    this.stopCamera();
    const api = token && this.opts ? new CaptureApi(this.opts.apiBase ?? '/capture/v1', token) : this.api;
    return api?.exit(reason);
  }

  private stopCamera(): void {
    closeCamera(this.camera?.stream, this.ui?.video);
    this.camera = undefined;
  }

  release(): void {
    this.abort?.abort();
    this.stopCamera();
    this.ui?.destroy();
    this.ui = undefined;
    this.opts = undefined;
    this.tracker = undefined;
    this.api = undefined;
  }
}
