/**
 * Real-time guidance rules: from the faces found in one frame (boxes in pixels) and the face
 * region's brightness to one status the UI can show. Pure; the thresholds are deliberately
 * lenient because the server decides liveness, the browser only helps the user frame the face.
 */
export type GuidanceStatus =
  'ok' | 'no_face' | 'multiple_faces' | 'too_far' | 'too_close' | 'off_centre' | 'too_dark' | 'too_bright';

export const GUIDANCE_STATUSES: readonly GuidanceStatus[] = [
  'ok',
  'no_face',
  'multiple_faces',
  'too_far',
  'too_close',
  'off_centre',
  'too_dark',
  'too_bright',
];

export interface FaceBox {
  /** [x, y, width, height] in frame pixels. */
  box: readonly [number, number, number, number];
  score: number;
}

export interface FrameFaces {
  width: number;
  height: number;
  faces: readonly FaceBox[];
  /** Mean luma (0–255) of the main face region, when measured. */
  brightness?: number;
}

export const GUIDANCE_LIMITS = {
  /** Faces below this detector score are ignored. */
  minScore: 0.5,
  /** A second face counts only if it is at least this fraction of the main face's width. */
  secondFaceMinRelative: 0.35,
  /**
   * Face width / shorter frame side. Human's face box (from the mesh) is larger than the face
   * itself: a tightly framed selfie measures about 0.85–0.9, so only a box that nearly fills the
   * frame (parts of the face cut off) counts as too close.
   */
  minFaceRatio: 0.22,
  maxFaceRatio: 0.95,
  /** Face centre offset from the frame centre, as a fraction of the frame width / height. */
  maxCentreOffsetX: 0.18,
  maxCentreOffsetY: 0.22,
  minLuma: 45,
  maxLuma: 225,
  /** Face-centre jump between two consecutive analysed frames, in face widths, that counts as too much motion. */
  maxJumpFaceWidths: 0.45,
} as const;

/** Faces that matter, largest first. */
export function relevantFaces(faces: readonly FaceBox[]): FaceBox[] {
  const scored = faces.filter((f) => f.score >= GUIDANCE_LIMITS.minScore && f.box[2] > 0 && f.box[3] > 0);
  scored.sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  const main = scored[0];
  if (!main) return [];
  return scored.filter((f, i) => i === 0 || f.box[2] >= main.box[2] * GUIDANCE_LIMITS.secondFaceMinRelative);
}

export function guidanceFor(frame: FrameFaces): GuidanceStatus {
  const faces = relevantFaces(frame.faces);
  const face = faces[0];
  if (!face) return 'no_face';
  if (faces.length > 1) return 'multiple_faces';
  if (frame.brightness !== undefined) {
    if (frame.brightness < GUIDANCE_LIMITS.minLuma) return 'too_dark';
    if (frame.brightness > GUIDANCE_LIMITS.maxLuma) return 'too_bright';
  }
  const [x, y, w, h] = face.box;
  const ratio = w / Math.min(frame.width, frame.height);
  if (ratio < GUIDANCE_LIMITS.minFaceRatio) return 'too_far';
  if (ratio > GUIDANCE_LIMITS.maxFaceRatio) return 'too_close';
  const dx = Math.abs(x + w / 2 - frame.width / 2) / frame.width;
  const dy = Math.abs(y + h / 2 - frame.height / 2) / frame.height;
  if (dx > GUIDANCE_LIMITS.maxCentreOffsetX || dy > GUIDANCE_LIMITS.maxCentreOffsetY) return 'off_centre';
  return 'ok';
}

/** True when the main face jumped more than the limit between two analysed frames. */
export function tooMuchMotion(prev: FaceBox | undefined, next: FaceBox | undefined): boolean {
  if (!prev || !next) return false;
  const w = Math.max(prev.box[2], next.box[2]);
  const dx = next.box[0] + next.box[2] / 2 - (prev.box[0] + prev.box[2] / 2);
  const dy = next.box[1] + next.box[3] / 2 - (prev.box[1] + prev.box[3] / 2);
  return Math.hypot(dx, dy) / w > GUIDANCE_LIMITS.maxJumpFaceWidths;
}

/**
 * Debounces the per-frame status so the prompt does not flicker: a new status is shown only
 * after it was seen in `frames` consecutive analysed frames.
 */
export class GuidanceSmoother {
  private shown: GuidanceStatus | undefined;
  private candidate: GuidanceStatus | undefined;
  private count = 0;

  constructor(private readonly frames = 2) {}

  push(status: GuidanceStatus): GuidanceStatus | undefined {
    if (status === this.candidate) this.count += 1;
    else {
      this.candidate = status;
      this.count = 1;
    }
    if (this.shown === undefined || (this.count >= this.frames && status !== this.shown)) this.shown = status;
    return this.shown;
  }

  get current(): GuidanceStatus | undefined {
    return this.shown;
  }
}
