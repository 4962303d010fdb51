import type { FaceObservation } from '../types.js';
import type { TrackSample } from './types.js';

/**
 * Recorded-observation stand-ins for tests: a face whose EAR/MAR/pose follow given functions of
 * time, so the analysis can be tested without models. The mesh is empty (mesh-based cues then
 * see nothing); tests of mesh-based cues build their own meshes.
 */
export interface SyntheticFace {
  ear?: (t: number) => number;
  mar?: (t: number) => number;
  yaw?: (t: number) => number;
  pitch?: (t: number) => number;
  box?: { x: number; y: number; width: number; height: number };
}

export function syntheticObservation(t: number, f: SyntheticFace = {}): FaceObservation {
  const ear = f.ear?.(t) ?? 0.3;
  return {
    box: f.box ?? { x: 100, y: 60, width: 120, height: 150 },
    score: 0.95,
    mesh: [],
    pose: { yawDeg: f.yaw?.(t) ?? 0, pitchDeg: f.pitch?.(t) ?? 0, rollDeg: 0 },
    eyeOpenness: { left: ear, right: ear },
    mouthOpenness: f.mar?.(t) ?? 0.02,
  };
}

export function syntheticTrack(
  seconds: number,
  fps: number,
  f: SyntheticFace = {},
  jitter = 0,
): TrackSample[] {
  const out: TrackSample[] = [];
  let seed = 7;
  const noise = (): number => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647 - 0.5) * 2 * jitter;
  };
  for (let i = 0; i < Math.round(seconds * fps); i++) {
    const t = i / fps;
    const base = syntheticObservation(t, f);
    const face: FaceObservation = {
      ...base,
      eyeOpenness: {
        left: base.eyeOpenness.left * (1 + noise()),
        right: base.eyeOpenness.right * (1 + noise()),
      },
      mouthOpenness: base.mouthOpenness + noise() * 0.05,
      pose: {
        yawDeg: base.pose.yawDeg + noise() * 5,
        pitchDeg: base.pose.pitchDeg + noise() * 5,
        rollDeg: 0,
      },
    };
    out.push({ t, frameIndex: i, face, faceCount: 1 });
  }
  return out;
}

/** A bump of height `h` between `a` and `b` seconds (smooth edges), else 0. */
export const bump =
  (a: number, b: number, h: number) =>
  (t: number): number =>
    t < a || t > b ? 0 : h * Math.sin((Math.PI * (t - a)) / (b - a));
