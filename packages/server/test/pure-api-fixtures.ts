import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ffmpegMake,
  patternVideo,
  sampleImagePath,
  stillPhotoVideo,
} from '../../engine/src/video/test-videos.js';

/**
 * Media for the pure-API tests, generated at test time (nothing binary is committed): faces from
 * `@vladmandic/face-api/demo/sample1.jpg` (MIT, read from node_modules), videos made with ffmpeg.
 * The live cases need a video that passes silent liveness, which no still image can give; they use
 * the MIT LivePortrait clips of ../shared/eval-dev when that folder exists.
 */

/** One person of sample1.jpg and another person of the same picture (crops used by the engine's own tests). */
export const PERSON_A = { image: sampleImagePath(1), crop: '560:560:170:170' };
export const PERSON_B = { image: sampleImagePath(1), crop: '720:720:1180:60' };

export function photoJpeg(p: { image: string; crop: string }, width = 400): Buffer {
  return ffmpegMake(
    ['-i', p.image, '-vf', `crop=${p.crop},scale=${width}:-2`, '-frames:v', '1', '-q:v', '3', 'OUT'],
    'jpg',
  );
}

/** The still-photo attack: person A's photo shown for 3 s as an MP4. */
export function stillVideo(seconds = 3): Buffer {
  return stillPhotoVideo({ ...PERSON_A, seconds });
}

/** 3 s of ffmpeg's test pattern: a valid video without any face. */
export function facelessVideo(): Buffer {
  return patternVideo({ seconds: 3, width: 480, height: 360 });
}

/** An MP4 header followed by garbage: sniffs as MP4, cannot be decoded. */
export function corruptVideo(): Buffer {
  const head = Buffer.from('000000206674797069736f6d0000020069736f6d69736f32617663316d703431', 'hex');
  const junk = Buffer.alloc(64 * 1024);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) & 0xff;
  return Buffer.concat([head, junk]);
}

export const EVAL_DEV = join(import.meta.dirname, '../../../../shared/eval-dev');

/** A live clip + its own reference still + another person's still, or null without ../shared/eval-dev. */
export function liveClip(): { video: Buffer; ref: Buffer; other: Buffer } | null {
  const video = join(EVAL_DEV, 'liveness/videos/liveportrait_d18.mp4');
  const ref = join(EVAL_DEV, 'camera/liveportrait_d18.ref.jpg');
  const other = join(EVAL_DEV, 'camera/liveportrait_d19.ref.jpg');
  if (![video, ref, other].every(existsSync)) return null;
  return { video: readFileSync(video), ref: readFileSync(ref), other: readFileSync(other) };
}
