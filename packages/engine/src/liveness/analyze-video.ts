import type { Finding, FindingKind } from '@open-ekyc/contract';
import type { FaceAnalyzer, RgbImage } from '../types.js';
import { loadVideo, type VideoLimits } from '../video/load-video.js';
import { analyzeActions } from './action-liveness.js';
import { resolveChallenge, type LivenessMode, type VideoChallenge } from './challenge.js';
import { compareWithReference } from './reference.js';
import { createTrackBuilder } from './face-track.js';
import type { VideoFrame } from '../types.js';
import { analyzeLip } from './lip-liveness.js';
import { analyzeReflection } from './reflection-liveness.js';
import { analyzeSilent } from './silent-liveness.js';
import type { BestFrame, LivenessOutcome, TimelineEntry } from './types.js';

export interface AnalyzeVideoRequest {
  readonly mode: LivenessMode;
  readonly challenge?: VideoChallenge;
  /** Photo to compare the best frame with (CompareFaceLiveness & co.). */
  readonly referenceImage?: RgbImage;
  /**
   * Reflection mode only: also require the silent cues (blink, own eye/mouth motion). Default
   * true, like the vendor's default "blinking + light" level: a printed photo held close to the
   * phone reflects the flashes too (more than the far background), so light alone is not enough.
   */
  readonly reflectionWithSilent?: boolean;
}

export interface AnalyzeVideoDeps {
  readonly analyzer: FaceAnalyzer;
  readonly ffmpegPath?: string;
  readonly limits?: Partial<VideoLimits>;
  /** Vendor-scale similarity needed to match the reference (default compare/'s PASS_SIMILARITY, 70). */
  readonly passSimilarity?: number;
  /** Override the sampling rate per mode (bench/tuning). */
  readonly fps?: number;
}

export interface VideoAnalysis {
  readonly passed: boolean;
  readonly findings: Finding[];
  readonly decidingFinding?: Finding;
  readonly bestFrame?: BestFrame;
  readonly scores: Record<string, number>;
  readonly timeline: TimelineEntry[];
  readonly durationSeconds: number;
  /** decodeMs is the wall time of ffmpeg (face tracking overlaps it); trackMs the time spent detecting. */
  readonly timings: {
    decodeMs: number;
    trackMs: number;
    livenessMs: number;
    compareMs: number;
    totalMs: number;
  };
}

/**
 * Sampling per mode: silent needs motion over time (6 fps keeps a 5 s video within budget);
 * actions need blinks (≈100–300 ms, so 10 fps); reflection needs every flash (15 fps decoded,
 * the face located on every 3rd); lip needs mouth motion against the audio envelope.
 * Frames stay in memory until the analysis ends: 20 s (the maximum) of reflection frames at
 * 480 px wide is ≈150 MB, hence the narrower frames there (a colour mean needs no detail).
 */
const SAMPLING: Record<LivenessMode, { fps: number; stride: number; maxWidth: number }> = {
  silent: { fps: 6, stride: 1, maxWidth: 640 },
  action: { fps: 10, stride: 1, maxWidth: 640 },
  reflection: { fps: 15, stride: 3, maxWidth: 480 },
  lip: { fps: 8, stride: 1, maxWidth: 640 },
};

/** Findings that decide a failure, in priority order; the rest (framing, light) are advice. */
const DECIDING: readonly FindingKind[] = [
  'video_empty',
  'video_too_large',
  'video_decode_failed',
  'video_too_long',
  'video_too_short',
  'video_low_resolution',
  'engine_timeout',
  'engine_error',
  'no_face',
  'multiple_faces',
  'face_changed',
  'face_incomplete',
  'action_first_missing',
  'action_blink_missing',
  'action_mouth_missing',
  'action_turn_missing',
  'action_nod_missing',
  'action_order_wrong',
  'reflection_mismatch',
  'spoof_suspected',
  'liveness_below_threshold',
  'lip_no_audio',
  'lip_audio_low',
  'lip_move_small',
  'lip_speech_mismatch',
  'reference_no_face',
  'reference_multiple_faces',
  'reference_low_quality',
  'similarity_low',
];

/** Video bytes → liveness verdict (+ comparison with a reference photo), as findings. Never throws for bad input. */
export async function analyzeVideo(
  bytes: Uint8Array | string,
  request: AnalyzeVideoRequest,
  deps: AnalyzeVideoDeps,
): Promise<VideoAnalysis> {
  const started = performance.now();
  const timings = { decodeMs: 0, trackMs: 0, livenessMs: 0, compareMs: 0, totalMs: 0 };
  const done = (
    findings: Finding[],
    scores: Record<string, number>,
    durationSeconds: number,
    timeline: TimelineEntry[] = [],
    bestFrame?: BestFrame,
  ): VideoAnalysis => {
    timings.totalMs = round(performance.now() - started);
    const ordered = [...findings].sort((a, b) => rank(a.kind) - rank(b.kind));
    const deciding = ordered.find((f) => DECIDING.includes(f.kind));
    return {
      passed: !deciding,
      findings: ordered,
      ...(deciding ? { decidingFinding: deciding } : {}),
      ...(bestFrame ? { bestFrame } : {}),
      scores,
      timeline,
      durationSeconds,
      timings,
    };
  };
  const challenge = resolveChallenge(request.mode, request.challenge);
  if (typeof challenge === 'string') throw new TypeError(challenge); // a caller bug, not a verdict on the video
  const sampling = { ...SAMPLING[request.mode], ...(deps.fps ? { fps: deps.fps } : {}) };
  // Detection starts on the first frames while ffmpeg still decodes the rest (one model call at
  // a time, in frame order); the decode runs in the ffmpeg child process.
  const builder = createTrackBuilder(deps.analyzer, { stride: sampling.stride });
  let pending: Promise<void> = Promise.resolve();
  let seen = 0;
  const onFrame = (frame: VideoFrame): void => {
    const index = seen++;
    if (index % sampling.stride !== 0) return;
    pending = pending.then(() => builder.add(frame, index));
    pending.catch(() => undefined); // handled when awaited below; avoids an unhandled-rejection report meanwhile
  };
  const video = await loadVideo(bytes, {
    fps: sampling.fps,
    maxWidth: sampling.maxWidth,
    withAudio: request.mode === 'lip',
    onFrame,
    ...(deps.ffmpegPath ? { ffmpegPath: deps.ffmpegPath } : {}),
    ...(deps.limits ? { limits: deps.limits } : {}),
  });
  timings.decodeMs = round(video.decodeMs);
  if (!video.ok) {
    builder.cancel();
    await pending.catch(() => undefined);
    return done(video.findings, {}, video.durationSeconds);
  }
  await pending;
  const track = await builder.finish(video.frames);
  timings.trackMs = round(builder.busyMs());
  let t: number;
  const findings: Finding[] = [...track.findings];
  const scores: Record<string, number> = { ...track.scores, durationSeconds: round(video.durationSeconds) };
  const bestFrame = track.bestFrame ?? undefined;
  if (findings.some((f) => ['no_face', 'multiple_faces', 'face_changed'].includes(f.kind)))
    return done(findings, scores, video.durationSeconds, [], bestFrame);

  t = performance.now();
  let outcome: LivenessOutcome;
  switch (challenge.mode) {
    case 'silent':
      outcome = analyzeSilent(track.samples);
      break;
    case 'action':
      outcome = analyzeActions(track.samples, { actions: challenge.actions });
      break;
    case 'reflection': {
      const light = analyzeReflection(video.frames, track.samples, challenge);
      const life = request.reflectionWithSilent === false ? null : analyzeSilent(track.samples);
      outcome = life
        ? {
            passed: light.passed && life.passed,
            findings: [...light.findings, ...life.findings],
            scores: { ...light.scores, ...life.scores },
            timeline: [...light.timeline, ...life.timeline],
          }
        : light;
      break;
    }
    case 'lip':
      outcome = analyzeLip(track.samples, video.audio, { digits: challenge.digits });
      break;
  }
  timings.livenessMs = round(performance.now() - t);
  findings.push(...outcome.findings);
  Object.assign(scores, outcome.scores);

  if (request.referenceImage && bestFrame) {
    t = performance.now();
    const cmp = await compareWithReference(
      deps.analyzer,
      request.referenceImage,
      bestFrame,
      deps.passSimilarity === undefined ? {} : { passSimilarity: deps.passSimilarity },
    );
    timings.compareMs = round(performance.now() - t);
    findings.push(...cmp.findings);
    Object.assign(scores, cmp.scores);
  }
  return done(findings, scores, video.durationSeconds, outcome.timeline, bestFrame);
}

const rank = (kind: FindingKind): number => {
  const i = DECIDING.indexOf(kind);
  return i < 0 ? DECIDING.length : i;
};
const round = (v: number): number => Math.round(v * 10) / 10;
