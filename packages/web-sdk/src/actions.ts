import type { CaptureAction } from '@open-ekyc/contract';

/**
 * Detects, from a series of per-frame face measurements, whether the prompted action happened,
 * so the page can move to the next prompt. Pure. The server re-checks everything from the video.
 */
export interface FaceSample {
  /** ms (any monotonic clock). */
  t: number;
  /** Eye aspect ratio, mean of both eyes (open ≈ 0.25–0.35, closed < 0.15). */
  ear: number;
  /** Inner-mouth opening / mouth width (closed ≈ 0–0.05, open > 0.35). */
  mar: number;
  /** Head yaw and pitch in degrees. */
  yaw: number;
  pitch: number;
}

type Point = readonly (number | undefined)[];

/** MediaPipe face-mesh indices (Human's 468/478-point mesh uses the same topology). */
const LEFT_EYE = [33, 160, 158, 133, 153, 144] as const;
const RIGHT_EYE = [362, 385, 387, 263, 373, 380] as const;
const MOUTH = { top: 13, bottom: 14, left: 78, right: 308 } as const;

function dist(a: Point | undefined, b: Point | undefined): number {
  if (!a || !b) return Number.NaN;
  return Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0));
}

function eyeRatio(mesh: readonly Point[], idx: readonly number[]): number {
  const p = idx.map((i) => mesh[i]);
  return (dist(p[1], p[5]) + dist(p[2], p[4])) / (2 * dist(p[0], p[3]));
}

/** EAR and MAR from a face mesh; NaN when the mesh is too short. */
export function meshMetrics(mesh: readonly Point[]): { ear: number; mar: number } {
  if (mesh.length < 468) return { ear: Number.NaN, mar: Number.NaN };
  const ear = (eyeRatio(mesh, LEFT_EYE) + eyeRatio(mesh, RIGHT_EYE)) / 2;
  const mar = dist(mesh[MOUTH.top], mesh[MOUTH.bottom]) / dist(mesh[MOUTH.left], mesh[MOUTH.right]);
  return { ear, mar };
}

export const ACTION_LIMITS = {
  /** Blink: EAR falls below this share of the open-eye baseline, then recovers above `blinkReopen`. */
  blinkClosed: 0.65,
  blinkReopen: 0.85,
  /** Open-eye baselines below this mean the eyes are not measurable. */
  minOpenEar: 0.15,
  mouthOpen: 0.35,
  mouthOverBaseline: 0.2,
  /** Head movement away from the starting pose and back, in degrees. */
  nodAway: 8,
  shakeAway: 12,
  back: 5,
} as const;

function quantile(values: number[], q: number): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))] ?? Number.NaN;
}

function blinked(samples: readonly FaceSample[]): boolean {
  const base = quantile(
    samples.map((s) => s.ear),
    0.8,
  );
  if (!(base >= ACTION_LIMITS.minOpenEar)) return false;
  let closed = false;
  for (const s of samples) {
    if (!Number.isFinite(s.ear)) continue;
    if (!closed && s.ear < base * ACTION_LIMITS.blinkClosed) closed = true;
    else if (closed && s.ear >= base * ACTION_LIMITS.blinkReopen) return true;
  }
  return false;
}

function mouthOpened(samples: readonly FaceSample[]): boolean {
  const base = quantile(
    samples.map((s) => s.mar),
    0.2,
  );
  if (!Number.isFinite(base)) return false;
  return samples.some(
    (s) => s.mar >= Math.max(ACTION_LIMITS.mouthOpen, base + ACTION_LIMITS.mouthOverBaseline),
  );
}

/** Moved at least `away` degrees from the starting pose, then came back within `back` degrees. */
function movedAndBack(values: number[], away: number): boolean {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 3) return false;
  const base = quantile(finite.slice(0, 3), 0.5);
  let moved = false;
  for (const v of finite) {
    if (!moved && Math.abs(v - base) >= away) moved = true;
    else if (moved && Math.abs(v - base) <= ACTION_LIMITS.back) return true;
  }
  return false;
}

export function detectAction(action: CaptureAction, samples: readonly FaceSample[]): boolean {
  switch (action) {
    case 'blink':
      return blinked(samples);
    case 'mouth':
      return mouthOpened(samples);
    case 'nod':
      return movedAndBack(
        samples.map((s) => s.pitch),
        ACTION_LIMITS.nodAway,
      );
    case 'shake':
      return movedAndBack(
        samples.map((s) => s.yaw),
        ACTION_LIMITS.shakeAway,
      );
  }
}
