import { spawnSync } from 'node:child_process';
import { resolveFfmpegPath } from './ffmpeg-path.js';

/**
 * The reference clip of the speed targets ("a 5 s 480p video"): the first `seconds` of `input`,
 * scaled to `height` px high, H.264, no audio, written to `output`. Used by `ekyc eval` and
 * bench/engine-video.ts so both time the same thing. Returns false when ffmpeg fails.
 */
export function cutReferenceClip(input: string, output: string, seconds = 5, height = 480): boolean {
  const run = spawnSync(resolveFfmpegPath(), [
    '-v',
    'error',
    '-y',
    '-i',
    input,
    '-t',
    String(seconds),
    '-an',
    '-vf',
    `scale=-2:${height}`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    output,
  ]);
  return run.status === 0;
}
