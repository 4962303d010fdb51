import { eyeAspectRatio, mouthAspectRatio } from '../faces/mesh-metrics.js';
import type { FaceObservation } from '../types.js';
import { fitHomography, type Pt } from './homography.js';
import { quantile } from './series.js';

/**
 * Mesh points that move with the skull (face oval, nose bridge and tip, eye corners): fitting the
 * frame-to-frame homography on them only keeps lids and lips free to show their own motion.
 * Indices of the MediaPipe 468-point mesh (canonical face model topology).
 */
const OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149,
  150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
];
export const RIGID_POINTS: readonly number[] = [
  ...OVAL,
  1,
  2,
  4,
  5,
  6,
  168,
  197,
  195,
  98,
  327,
  33,
  133,
  362,
  263,
];

export interface MeshMotion {
  /** Frames used (faces with a full mesh). */
  readonly frames: number;
  /** Rigid-point displacement from the reference frame, p90, in inter-ocular distances. */
  readonly motion: number;
  /** Residual of the rigid points after the homography, p90, in inter-ocular distances. */
  readonly planarResidual: number;
  /** Eye aspect ratio (the more open eye) after undoing the homography: (p90 − p10) / p90. */
  readonly eyeRange: number;
  /** Mouth aspect ratio after undoing the homography: p90 − p10, and the two quantiles. */
  readonly mouthRange: number;
  readonly mouthOpen: number;
  readonly mouthClosed: number;
}

const dist = (a: Pt, b: Pt): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
const xy = (p: readonly [number, number, number]): Pt => [p[0], p[1]];

/**
 * Measures how the face deforms beyond what a flat picture could do. Each frame's mesh is mapped
 * back onto a reference frame by the homography of its rigid points; a photo or a screen (a plane)
 * is then undone exactly, so whatever eye and mouth change remains is the face's own motion.
 * Foreshortening of a tilted photo changes the raw EAR/MAR; the rectified ones it does not.
 */
export function measureMeshMotion(faces: readonly FaceObservation[]): MeshMotion {
  const usable = faces.filter((f) => f.mesh.length >= 468);
  const ref = usable[Math.floor(usable.length / 2)];
  if (!ref || usable.length < 3)
    return {
      frames: usable.length,
      motion: 0,
      planarResidual: 0,
      eyeRange: 0,
      mouthRange: 0,
      mouthOpen: 0,
      mouthClosed: 0,
    };
  const refRigid = RIGID_POINTS.map((i) => xy(ref.mesh[i] as [number, number, number]));
  const iod =
    dist(xy(ref.mesh[33] as [number, number, number]), xy(ref.mesh[263] as [number, number, number])) || 1;
  const motion: number[] = [],
    residual: number[] = [],
    ear: number[] = [],
    mar: number[] = [];
  for (const f of usable) {
    const rigid = RIGID_POINTS.map((i) => xy(f.mesh[i] as [number, number, number]));
    const map = fitHomography(rigid, refRigid);
    if (!map) continue;
    let m = 0,
      r = 0;
    for (let k = 0; k < rigid.length; k++) {
      m += dist(rigid[k] as Pt, refRigid[k] as Pt);
      r += dist(map(rigid[k] as Pt), refRigid[k] as Pt) ** 2;
    }
    motion.push(m / rigid.length / iod);
    residual.push(Math.sqrt(r / rigid.length) / iod);
    const rect = f.mesh.map((p) => [...map(xy(p)), 0] as const);
    // The more open eye: a real blink or squint closes both, a landmark glitch usually one.
    ear.push(Math.max(eyeAspectRatio(rect, 'left'), eyeAspectRatio(rect, 'right')));
    mar.push(mouthAspectRatio(rect));
  }
  const earHi = quantile(ear, 0.9);
  const range = (v: number[]): number => quantile(v, 0.9) - quantile(v, 0.1);
  return {
    frames: motion.length,
    motion: quantile(motion, 0.9),
    planarResidual: quantile(residual, 0.9),
    eyeRange: earHi > 0 ? range(ear) / earHi : 0,
    mouthRange: range(mar),
    mouthOpen: quantile(mar, 0.9),
    mouthClosed: quantile(mar, 0.1),
  };
}
