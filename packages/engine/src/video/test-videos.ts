import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveFfmpegPath } from './ffmpeg-path.js';

/**
 * Fixture videos generated at test time with ffmpeg (nothing binary is committed). Face images
 * come from `@vladmandic/face-api/demo/sample*.jpg` (MIT), read from node_modules.
 * Used by tests and the bench only.
 */
export function sampleImagePath(n: 1 | 2 | 3 | 4 | 5 | 6): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', `sample${n}.jpg`);
}

/** Runs ffmpeg with `args` (output path last = OUT placeholder) and returns the output bytes. */
export function ffmpegMake(args: string[], ext = 'mp4'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-fixture-'));
  try {
    const out = join(dir, `out.${ext}`);
    const run = spawnSync(
      resolveFfmpegPath(),
      ['-hide_banner', '-v', 'error', '-y', ...args.map((a) => (a === 'OUT' ? out : a))],
      { encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`fixture ffmpeg failed: ${run.stderr}`);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Synthetic test pattern (no face), optionally with an audio source (lavfi expression). */
export function patternVideo(opts: {
  seconds: number;
  width?: number;
  height?: number;
  fps?: number;
  audio?: string;
  codec?: 'h264' | 'vp8' | 'vp9';
}): Buffer {
  const { seconds, width = 320, height = 240, fps = 10, audio, codec = 'h264' } = opts;
  const args = ['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`];
  if (audio) args.push('-f', 'lavfi', '-i', `${audio}:duration=${seconds}`);
  const v =
    codec === 'h264'
      ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']
      : codec === 'vp8'
        ? ['-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '500k']
        : ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '500k'];
  const a = audio ? (codec === 'h264' ? ['-c:a', 'aac'] : ['-c:a', 'libopus']) : [];
  return ffmpegMake([...args, ...v, ...a, '-shortest', 'OUT'], codec === 'h264' ? 'mp4' : 'webm');
}

/**
 * One photo shown for `seconds` as a video: the "still photo presented as a video" attack.
 * `crop` is w:h:x:y in source pixels; `vf` adds filters after it (zoompan, perspective...).
 */
export function stillPhotoVideo(opts: {
  image: string;
  seconds: number;
  crop?: string;
  width?: number;
  fps?: number;
  vf?: string;
  audio?: string;
}): Buffer {
  const { image, seconds, crop, width = 480, fps = 15, vf, audio } = opts;
  const filters = [crop ? `crop=${crop}` : null, `scale=${width}:-2`, vf ?? null, 'format=yuv420p']
    .filter(Boolean)
    .join(',');
  const args = ['-loop', '1', '-framerate', String(fps), '-t', String(seconds), '-i', image];
  if (audio) args.push('-f', 'lavfi', '-i', `${audio}:duration=${seconds}`);
  args.push('-vf', filters, '-r', String(fps), '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18');
  if (audio) args.push('-c:a', 'aac', '-shortest');
  return ffmpegMake([...args, '-t', String(seconds), 'OUT']);
}

/** Encodes raw RGB frames (all the same size) into an H.264 MP4 through ffmpeg's stdin. */
export function encodeFrames(
  frames: readonly { width: number; height: number; data: Uint8Array }[],
  fps: number,
): Buffer {
  const first = frames[0];
  if (!first) throw new Error('no frames');
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-fixture-'));
  try {
    const out = join(dir, 'out.mp4');
    const input = Buffer.concat(
      frames.map((f) => Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength)),
    );
    const run = spawnSync(
      resolveFfmpegPath(),
      [
        '-hide_banner',
        '-v',
        'error',
        '-y',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-s',
        `${first.width}x${first.height}`,
        '-r',
        String(fps),
        '-i',
        'pipe:0',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-crf',
        '20',
        '-pix_fmt',
        'yuv420p',
        out,
      ],
      { input, maxBuffer: 1 << 20 },
    );
    if (run.status !== 0) throw new Error(`fixture ffmpeg failed: ${run.stderr.toString()}`);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A still image (optionally cropped and scaled) as RgbImage, decoded with ffmpeg. */
export function imageRgb(
  image: string,
  crop: string | undefined,
  width: number,
): { width: number; height: number; data: Uint8Array } {
  const vf = [crop ? `crop=${crop}` : null, `scale=${width}:-2`].filter(Boolean).join(',');
  const probe = spawnSync(
    resolveFfmpegPath(),
    [
      '-hide_banner',
      '-v',
      'error',
      '-i',
      image,
      '-vf',
      vf,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ],
    { maxBuffer: 64 << 20 },
  );
  if (probe.status !== 0) throw new Error(`fixture ffmpeg failed: ${probe.stderr.toString()}`);
  const data = new Uint8Array(probe.stdout);
  const height = data.length / 3 / width;
  if (!Number.isInteger(height)) throw new Error('unexpected image size');
  return { width, height, data };
}

/** Two MP4s (same size and codec) played one after the other, re-encoded. */
export function concatVideos(a: Buffer, b: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-fixture-'));
  try {
    writeFileSync(join(dir, 'a.mp4'), a);
    writeFileSync(join(dir, 'b.mp4'), b);
    return ffmpegMake([
      '-i',
      join(dir, 'a.mp4'),
      '-i',
      join(dir, 'b.mp4'),
      '-filter_complex',
      '[0:v][1:v]concat=n=2:v=1:a=0',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      'OUT',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
