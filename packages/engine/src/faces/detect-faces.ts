import type { FaceResult } from '@vladmandic/human';
import type { Models } from '../models/load-models.js';
import type { Box, DetectOptions, FaceObservation, RgbImage } from '../types.js';
import { eyeAspectRatio, mouthAspectRatio, poseDegrees } from './mesh-metrics.js';
import { padImage } from './pad-image.js';

/**
 * Retry on a grey-padded copy when nothing was found or a face's (enlarged) box touches the
 * border. BlazeFace misses faces that fill the frame or are cut by it: on the dev set one 150 px
 * tight crop had no detection unpadded and was found once padded (the probe's "pad300" did the
 * same). The box criterion (rather than the tighter mesh extent) also re-detects faces close to
 * the border, whose meshes come out better with context: testing the mesh extent instead raised
 * the dev FRR at the pass threshold from 2.1 % to 5.2 %.
 */
const RETRY_PAD_RATIO = 0.25;
const BORDER_TOUCH_PX = 2;
/** A box this much inside a higher-scored one is the same face found twice (seen on a tight crop). */
const DUPLICATE_CONTAINMENT = 0.6;

export async function detectFaces(
  models: Models,
  image: RgbImage,
  options: DetectOptions = {},
): Promise<FaceObservation[]> {
  if (image.width < 1 || image.height < 1 || image.data.length !== image.width * image.height * 3) {
    throw new RangeError(`bad RgbImage ${image.width}x${image.height} with ${image.data.length} bytes`);
  }
  // Human merges a per-call config into its own for good, so every call states every switch.
  const iris = options.iris ?? true;
  const passive = options.passiveScores ?? true;
  const config = {
    face: { iris: { enabled: iris }, antispoof: { enabled: passive }, liveness: { enabled: passive } },
  };
  const first = await runHuman(models, image, 0, config);
  if (first.length > 0 && !first.some((f) => touchesBorder(f.box, image))) return first;
  const pad = Math.round(Math.max(image.width, image.height) * RETRY_PAD_RATIO);
  const padded = await runHuman(models, padImage(image, pad), pad, config);
  return padded.length >= first.length ? padded : first;
}

async function runHuman(
  models: Models,
  image: RgbImage,
  offset: number,
  config: object,
): Promise<FaceObservation[]> {
  const { tf, human } = models;
  const input = tf.tensor(image.data, [1, image.height, image.width, 3], 'int32');
  try {
    const result = await human.detect(input as unknown as Parameters<typeof human.detect>[0], config);
    if ('error' in result && result.error) throw new Error(`human: ${String(result.error)}`);
    const faces = result.face.filter((f) => f.mesh.length >= 468).map((f) => toObservation(f, offset));
    return dropDuplicates(faces);
  } finally {
    input.dispose();
  }
}

function touchesBorder(box: Box, image: RgbImage): boolean {
  return (
    box.x <= BORDER_TOUCH_PX ||
    box.y <= BORDER_TOUCH_PX ||
    box.x + box.width >= image.width - BORDER_TOUCH_PX ||
    box.y + box.height >= image.height - BORDER_TOUCH_PX
  );
}

function dropDuplicates(faces: FaceObservation[]): FaceObservation[] {
  const sorted = [...faces].sort((a, b) => b.score - a.score || area(b.box) - area(a.box));
  const kept: FaceObservation[] = [];
  for (const f of sorted) {
    if (
      !kept.some(
        (k) => intersection(k.box, f.box) / Math.min(area(k.box), area(f.box)) > DUPLICATE_CONTAINMENT,
      )
    )
      kept.push(f);
  }
  return kept;
}

const area = (b: Box) => Math.max(0, b.width) * Math.max(0, b.height);

function intersection(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function toObservation(f: FaceResult, offset: number): FaceObservation {
  const mesh = f.mesh.map((p) => [p[0] - offset, p[1] - offset, p[2] ?? 0] as const);
  const [x, y, width, height] = f.box;
  return {
    box: { x: x - offset, y: y - offset, width, height },
    score: f.score,
    mesh,
    pose: poseDegrees(f.rotation?.angle),
    eyeOpenness: { left: eyeAspectRatio(mesh, 'left'), right: eyeAspectRatio(mesh, 'right') },
    mouthOpenness: mouthAspectRatio(mesh),
    ...(f.real === undefined ? {} : { antispoof: f.real }),
    ...(f.live === undefined ? {} : { liveness: f.live }),
  };
}
