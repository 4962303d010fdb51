import type { VideoFrame } from '../types.js';
import { runFfmpeg } from './run-ffmpeg.js';

export interface DecodeFramesOptions {
  /** Sampling rate of the output frames. */
  readonly fps: number;
  /** Frames wider than this are scaled down (aspect kept); never scaled up. */
  readonly maxWidth: number;
  /** Display size from the probe; ffmpeg auto-rotates before our filters, so these are post-rotation. */
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  /** Decode at most this many seconds from the start. */
  readonly maxSeconds: number;
  readonly timeoutMs: number;
  /** Called with each frame as soon as it is complete (lets analysis overlap decoding). */
  readonly onFrame?: (frame: VideoFrame) => void;
}

export type DecodeOutcome =
  | { ok: true; frames: VideoFrame[]; width: number; height: number }
  | { ok: false; reason: string; timedOut: boolean; frames: VideoFrame[] };

/** Output size: width capped and even (yuv→rgb scalers want even sizes), height by aspect. */
export function outputSize(
  sourceWidth: number,
  sourceHeight: number,
  maxWidth: number,
): { width: number; height: number } {
  const width = Math.max(2, Math.floor(Math.min(maxWidth, sourceWidth) / 2) * 2);
  const height = Math.max(2, Math.round((sourceHeight * width) / sourceWidth / 2) * 2);
  return { width, height };
}

/**
 * Decodes sampled frames as raw RGB24 through a pipe (ml-stack-probe §7). Frames are cut from the
 * stream as bytes arrive, so memory is the frames themselves, not frames plus one big buffer.
 * Frame k of the `fps` filter is the picture shown at k / fps seconds.
 */
export async function decodeFrames(
  ffmpegPath: string,
  file: string,
  options: DecodeFramesOptions,
): Promise<DecodeOutcome> {
  const { width, height } = outputSize(options.sourceWidth, options.sourceHeight, options.maxWidth);
  const frameBytes = width * height * 3;
  const maxFrames = Math.ceil(options.maxSeconds * options.fps) + 1;
  const frames: VideoFrame[] = [];
  let current = new Uint8Array(frameBytes);
  let filled = 0;
  const onStdout = (chunk: Buffer): void => {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(frameBytes - filled, chunk.length - offset);
      current.set(chunk.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === frameBytes) {
        const frame = { t: frames.length / options.fps, image: { width, height, data: current } };
        frames.push(frame);
        options.onFrame?.(frame);
        current = new Uint8Array(frameBytes);
        filled = 0;
      }
    }
  };
  const args = [
    '-v',
    'error',
    '-i',
    file,
    '-t',
    String(options.maxSeconds),
    '-an',
    '-sn',
    '-dn',
    '-vf',
    `fps=${options.fps},scale=${width}:${height}:flags=bilinear`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
  const run = await runFfmpeg(ffmpegPath, args, {
    timeoutMs: options.timeoutMs,
    maxStdoutBytes: maxFrames * frameBytes,
    onStdout,
  });
  if (run.timedOut) return { ok: false, reason: 'decode timed out', timedOut: true, frames };
  // A truncated file still yields its good frames with a non-zero exit; keep them and let the
  // duration and face checks judge whether they are enough.
  if (run.code !== 0 && frames.length === 0) {
    const reason = run.stderr.trim().split('\n').pop() ?? `ffmpeg exit ${String(run.code)}`;
    return { ok: false, reason: reason.slice(0, 200), timedOut: false, frames };
  }
  return { ok: true, frames, width, height };
}
