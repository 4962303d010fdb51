import { stat } from 'node:fs/promises';
import type { Finding } from '@open-ekyc/contract';
import type { VideoFrame } from '../types.js';
import { decodeFrames } from './decode-frames.js';
import { extractAudio } from './extract-audio.js';
import { resolveFfmpegPath } from './ffmpeg-path.js';
import { probeVideo, type VideoProbe } from './probe-video.js';
import { withTempFile } from './temp-file.js';

export interface VideoLimits {
  /** Raw bytes. The pure API allows 8 MB of base64 (≈6 MB raw); the page upload may be larger. */
  readonly maxBytes: number;
  /** spec: FailedOperation.SilentTooShort, "capture a video longer than 2 seconds". */
  readonly minSeconds: number;
  /** spec: FailedOperation.VideoDurationExceeded, "maximum video duration ... is 20s". */
  readonly maxSeconds: number;
  /** Shorter side in pixels below which faces are too small to analyse. */
  readonly minShortSide: number;
  /** Wall-clock limit for each ffmpeg run (probe, frames, audio). */
  readonly timeoutMs: number;
}

export const DEFAULT_VIDEO_LIMITS: VideoLimits = {
  maxBytes: 16 * 1024 * 1024,
  minSeconds: 2,
  maxSeconds: 20,
  minShortSide: 240,
  timeoutMs: 30_000,
};

export interface LoadVideoOptions {
  readonly ffmpegPath?: string;
  readonly fps: number;
  readonly maxWidth: number;
  readonly limits?: Partial<VideoLimits>;
  /** Also extract mono 16 kHz audio (lip mode). */
  readonly withAudio?: boolean;
  /** Each decoded frame as it arrives (before the duration checks that need the whole video). */
  readonly onFrame?: (frame: VideoFrame) => void;
}

export interface LoadedVideo {
  /** False when the findings already decide the outcome (nothing usable to analyse). */
  readonly ok: boolean;
  readonly findings: Finding[];
  readonly probe: VideoProbe | null;
  readonly frames: VideoFrame[];
  readonly durationSeconds: number;
  readonly audio: { samples: Float32Array; sampleRate: number } | null;
  readonly decodeMs: number;
}

const fail = (
  findings: Finding[],
  probe: VideoProbe | null,
  started: number,
  durationSeconds = 0,
): LoadedVideo => ({
  ok: false,
  findings,
  probe,
  frames: [],
  durationSeconds,
  audio: null,
  decodeMs: performance.now() - started,
});

/**
 * Bytes (or a file path) → sampled frames (+ audio), with every input problem as a finding.
 * Never throws for a bad video: a hostile or broken upload is a verdict, not a crash.
 */
export async function loadVideo(input: Uint8Array | string, options: LoadVideoOptions): Promise<LoadedVideo> {
  const started = performance.now();
  const limits = { ...DEFAULT_VIDEO_LIMITS, ...options.limits };
  const size =
    typeof input === 'string'
      ? await stat(input).then(
          (s) => s.size,
          () => -1,
        )
      : input.byteLength;
  if (size < 0) return fail([{ kind: 'video_decode_failed', detail: 'cannot read the file' }], null, started);
  if (size === 0) return fail([{ kind: 'video_empty', detail: 'zero bytes' }], null, started);
  if (size > limits.maxBytes)
    return fail(
      [{ kind: 'video_too_large', score: size, detail: `${size} bytes > ${limits.maxBytes}` }],
      null,
      started,
    );
  const ffmpeg = resolveFfmpegPath(options.ffmpegPath);
  const work = (file: string): Promise<LoadedVideo> => loadFile(ffmpeg, file, options, limits, started);
  return typeof input === 'string' ? work(input) : withTempFile(input, work);
}

async function loadFile(
  ffmpeg: string,
  file: string,
  options: LoadVideoOptions,
  limits: VideoLimits,
  started: number,
): Promise<LoadedVideo> {
  const probed = await probeVideo(ffmpeg, file, limits.timeoutMs);
  if (!probed.ok) {
    const kind = probed.timedOut
      ? 'engine_timeout'
      : probed.engineFault
        ? 'engine_error'
        : 'video_decode_failed';
    return fail([{ kind, detail: probed.reason }], null, started);
  }
  const probe = probed.probe;
  if (probe.durationSeconds !== null && probe.durationSeconds > limits.maxSeconds + 0.05) {
    return fail(
      [
        {
          kind: 'video_too_long',
          score: probe.durationSeconds,
          detail: `${probe.durationSeconds.toFixed(2)} s > ${limits.maxSeconds} s`,
        },
      ],
      probe,
      started,
      probe.durationSeconds,
    );
  }
  if (Math.min(probe.width, probe.height) < limits.minShortSide) {
    return fail(
      [
        {
          kind: 'video_low_resolution',
          score: Math.min(probe.width, probe.height),
          detail: `${probe.width}x${probe.height}`,
        },
      ],
      probe,
      started,
      probe.durationSeconds ?? 0,
    );
  }
  // Without a recorded duration (MediaRecorder WebM) decode one second past the limit to see it.
  const decodeSeconds = limits.maxSeconds + (probe.durationSeconds === null ? 1 : 0.05);
  const decoded = await decodeFrames(ffmpeg, file, {
    fps: options.fps,
    maxWidth: options.maxWidth,
    sourceWidth: probe.width,
    sourceHeight: probe.height,
    maxSeconds: decodeSeconds,
    timeoutMs: limits.timeoutMs,
    ...(options.onFrame ? { onFrame: options.onFrame } : {}),
  });
  if (!decoded.ok) {
    return fail(
      [{ kind: decoded.timedOut ? 'engine_timeout' : 'video_decode_failed', detail: decoded.reason }],
      probe,
      started,
      probe.durationSeconds ?? 0,
    );
  }
  const frames = decoded.frames;
  if (frames.length === 0)
    return fail(
      [{ kind: 'video_empty', detail: 'no decodable frames' }],
      probe,
      started,
      probe.durationSeconds ?? 0,
    );
  // A truncated upload keeps its header's duration; what was decoded is the truth.
  const decodedSeconds = frames.length / options.fps;
  const durationSeconds =
    probe.durationSeconds === null
      ? decodedSeconds
      : Math.min(probe.durationSeconds, decodedSeconds + 1 / options.fps);
  if (durationSeconds > limits.maxSeconds + 0.05) {
    return fail(
      [{ kind: 'video_too_long', score: durationSeconds, detail: `over ${limits.maxSeconds} s` }],
      probe,
      started,
      durationSeconds,
    );
  }
  if (durationSeconds < limits.minSeconds) {
    return fail(
      [
        {
          kind: 'video_too_short',
          score: durationSeconds,
          detail: `${durationSeconds.toFixed(2)} s < ${limits.minSeconds} s`,
        },
      ],
      probe,
      started,
      durationSeconds,
    );
  }
  let audio: LoadedVideo['audio'] = null;
  if (options.withAudio && probe.hasAudio) {
    const extracted = await extractAudio(ffmpeg, file, limits.maxSeconds + 0.05, limits.timeoutMs);
    if (extracted.ok && extracted.samples.length > 0)
      audio = { samples: extracted.samples, sampleRate: extracted.sampleRate };
  }
  return {
    ok: true,
    findings: [],
    probe,
    frames,
    durationSeconds,
    audio,
    decodeMs: performance.now() - started,
  };
}
