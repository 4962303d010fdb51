import type { Finding } from '@open-ekyc/contract';
import type { FaceObservation, RgbImage } from '../types.js';
import { extractFaceChip } from './align-face.js';
import { meshBounds, shareOutside, significantFaces } from './face-geometry.js';
import { laplacianVariance, mean, shareAtLeast, toLuma } from './image-stats.js';

/*
 * Thresholds. Chosen by measuring the dev faces (51 photos), the face-api demo photos and the dev
 * liveness photos, against variants made with sharp (blur sigma 1/2/4 per 300 px, brightness ×0.2,
 * ×2.5+60): each threshold sits between the worst original and the bulk of the degraded variants.
 * Framing thresholds follow what a selfie at arm's length looks like; they are not vendor values.
 */
/** Mean face luma (BT.601, 0–255) below this is too dark: originals ≥ 59 (a dim club photo), ×0.2 variants 14–34. */
export const TOO_DARK_LUMA = 50;
/** Mean face luma above this is too bright: originals ≤ 186, over-exposed variants 195–253. */
export const TOO_BRIGHT_LUMA = 215;
/** …or this share of face pixels blown out (luma ≥ 250): originals ≤ 0.05, over-exposed ≥ 0.33. */
export const TOO_BRIGHT_SATURATED_SHARE = 0.25;
/**
 * Sharpness = 1000 × var(Laplacian) / var(luma) on the aligned 112 px face chip (normalising by
 * contrast keeps dark but sharp faces from reading as blurred). Originals: 7–432; the few below 15
 * are visibly soft (a defocused TV crop, two soft faces in one demo photo). Blur σ≥2 variants ≤ 14,
 * σ=1 variants 2–42.
 */
export const BLURRY_SHARPNESS = 15;
/** Tight face width in pixels below which the 150 px recogniser chip is mostly upsampling. */
export const MIN_FACE_WIDTH_PX = 64;
/** More than this share of the mesh outside the image: the face is cut by the border. */
export const INCOMPLETE_OUTSIDE_SHARE = 0.03;
/** Framing, as a share of the image: tight face width / image width, face centre x / width. */
export const TOO_CLOSE_WIDTH_SHARE = 0.8;
export const TOO_CLOSE_HEIGHT_SHARE = 0.9;
export const TOO_FAR_WIDTH_SHARE = 0.15;
export const OFF_CENTRE_SHARE = 0.25;

const CHIP = 112;

export interface FaceQualityMetrics {
  /** Tight face width (mesh extent) in pixels. */
  readonly faceWidthPx: number;
  readonly luma: number;
  readonly saturatedShare: number;
  readonly sharpness: number;
  readonly outsideShare: number;
}

/** Measurements behind the quality findings, for one face (also useful to rank video frames). */
export function measureFaceQuality(image: RgbImage, face: FaceObservation): FaceQualityMetrics {
  // padding 0 = dlib's mean face itself: brows to chin, cheek to cheek, little background.
  const chip = extractFaceChip(image, face.mesh, { size: CHIP, padding: 0 });
  const luma = toLuma(chip);
  const m = mean(luma);
  let v = 0;
  for (const x of luma) v += (x - m) ** 2;
  v /= luma.length;
  return {
    faceWidthPx: meshBounds(face).width,
    luma: m,
    saturatedShare: shareAtLeast(luma, 250),
    sharpness: v > 1e-6 ? (1000 * laplacianVariance(luma, CHIP, CHIP)) / v : 0,
    outsideShare: shareOutside(face, image),
  };
}

/**
 * Quality findings for a single-person photo or frame: presence, framing, light, focus, size.
 * Findings are ordered from the most basic (no face) to the finest (low resolution).
 */
export function assessFaceQuality(image: RgbImage, faces: readonly FaceObservation[]): Finding[] {
  const found = significantFaces(faces);
  const face = found[0];
  if (!face) return [{ kind: 'no_face', detail: 'no face detected' }];
  const findings: Finding[] = [];
  if (found.length > 1)
    findings.push({ kind: 'multiple_faces', score: found.length, detail: `${found.length} faces` });

  const q = measureFaceQuality(image, face);
  const b = meshBounds(face);
  if (q.outsideShare > INCOMPLETE_OUTSIDE_SHARE) {
    findings.push({ kind: 'face_incomplete', score: q.outsideShare, detail: 'face cut by the image border' });
  }
  const widthShare = b.width / image.width;
  const centre = (b.x + b.width / 2) / image.width;
  if (widthShare > TOO_CLOSE_WIDTH_SHARE || b.height / image.height > TOO_CLOSE_HEIGHT_SHARE) {
    findings.push({ kind: 'face_too_close', score: widthShare, detail: 'face fills the frame' });
  } else if (widthShare < TOO_FAR_WIDTH_SHARE) {
    findings.push({ kind: 'face_too_far', score: widthShare, detail: 'face small in the frame' });
  }
  // Image coordinates: "left" is the left of the picture as stored (not mirrored).
  if (centre < OFF_CENTRE_SHARE) findings.push({ kind: 'face_too_left', score: centre });
  else if (centre > 1 - OFF_CENTRE_SHARE) findings.push({ kind: 'face_too_right', score: centre });

  if (q.luma < TOO_DARK_LUMA) findings.push({ kind: 'too_dark', score: q.luma, detail: 'mean face luma' });
  else if (q.luma > TOO_BRIGHT_LUMA || q.saturatedShare > TOO_BRIGHT_SATURATED_SHARE) {
    findings.push({
      kind: 'too_bright',
      score: q.luma,
      detail: `saturated share ${q.saturatedShare.toFixed(2)}`,
    });
  }
  if (q.sharpness < BLURRY_SHARPNESS)
    findings.push({ kind: 'blurry', score: q.sharpness, detail: 'normalised Laplacian variance' });
  if (q.faceWidthPx < MIN_FACE_WIDTH_PX)
    findings.push({ kind: 'low_resolution', score: q.faceWidthPx, detail: 'face width in px' });
  return findings;
}
