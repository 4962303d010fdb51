import { EYE_POINTS, MOUTH_POINTS } from './mesh-landmarks.js';

type Point = readonly [number, number, number];
type Mesh = ReadonlyArray<Point>;

function dist(mesh: Mesh, a: number, b: number): number {
  const p = mesh[a];
  const q = mesh[b];
  if (!p || !q) return NaN;
  return Math.hypot(p[0] - q[0], p[1] - q[1]);
}

/** 6-point eye aspect ratio: mean lid gap over eye width (≈0.25–0.4 open, below ≈0.15 closed). */
export function eyeAspectRatio(mesh: Mesh, eye: 'left' | 'right'): number {
  const e = EYE_POINTS[eye];
  const width = dist(mesh, e.outer, e.inner);
  if (!(width > 0)) return 0;
  const gap = (dist(mesh, e.upper[0], e.lower[0]) + dist(mesh, e.upper[1], e.lower[1])) / 2;
  return gap / width;
}

/** Mouth aspect ratio: mean inner-lip gap over inner mouth width (≈0 closed, >0.35 clearly open). */
export function mouthAspectRatio(mesh: Mesh): number {
  const m = MOUTH_POINTS;
  const width = dist(mesh, m.left, m.right);
  if (!(width > 0)) return 0;
  let gap = 0;
  for (let i = 0; i < m.upper.length; i++) gap += dist(mesh, m.upper[i] as number, m.lower[i] as number);
  return gap / m.upper.length / width;
}

const DEG = 180 / Math.PI;

/** Human's rotation angles (radians) in degrees; zeros when Human gave none. */
export function poseDegrees(angle: { yaw: number; pitch: number; roll: number } | undefined): {
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
} {
  if (!angle) return { yawDeg: 0, pitchDeg: 0, rollDeg: 0 };
  return { yawDeg: angle.yaw * DEG, pitchDeg: angle.pitch * DEG, rollDeg: angle.roll * DEG };
}
