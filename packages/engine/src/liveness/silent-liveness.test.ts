import { describe, expect, it } from 'vitest';
import type { FaceObservation } from '../types.js';
import { homographyResidual } from './homography.js';
import { measureMeshMotion } from './mesh-motion.js';
import { analyzeSilent } from './silent-liveness.js';
import type { TrackSample } from './types.js';

/**
 * A deterministic pseudo-face: 478 points on a bumpy 3-D surface (depth like a face: nose out,
 * eyes in), with lids and lips that can open. Projected with a pinhole camera, it lets us make
 * a real 3-D head (rotating, blinking, talking) and a flat photo of it (homography-warped).
 */
function face3d(opts: { eyeOpen?: number; mouthOpen?: number } = {}): [number, number, number][] {
  const pts: [number, number, number][] = [];
  let s = 99;
  const r = (): number => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
  for (let i = 0; i < 478; i++) {
    const x = r() * 120,
      y = r() * 150;
    pts.push([x, y, 40 * Math.exp(-(x * x + y * y) / 3000)]);
  }
  // Eye lids (mesh indices of mesh-landmarks.ts) around two eye centres; lips around the mouth.
  const eye = opts.eyeOpen ?? 1,
    mouth = opts.mouthOpen ?? 0;
  const lid = (cx: number, outer: number, inner: number, up: number[], low: number[]): void => {
    pts[outer] = [cx - 15, -30, 5];
    pts[inner] = [cx + 15, -30, 5];
    up.forEach((k, j) => (pts[k] = [cx - 5 + 10 * j, -30 - 4 * eye, 6]));
    low.forEach((k, j) => (pts[k] = [cx - 5 + 10 * j, -30 + 4 * eye, 6]));
  };
  lid(35, 263, 362, [385, 387], [380, 373]);
  lid(-35, 33, 133, [160, 158], [144, 153]);
  pts[78] = [-25, 45, 8];
  pts[308] = [25, 45, 8];
  [82, 13, 312].forEach((k, j) => (pts[k] = [-10 + 10 * j, 44 - 12 * mouth, 10]));
  [87, 14, 317].forEach((k, j) => (pts[k] = [-10 + 10 * j, 46 + 12 * mouth, 10]));
  return pts;
}

/** Pinhole projection after a yaw rotation (a real head turning: non-planar parallax). */
function project(pts: [number, number, number][], yawRad: number, shiftX = 0): FaceObservation['mesh'] {
  const f = 600,
    dz = 500;
  return pts.map(([x, y, z]) => {
    const xr = x * Math.cos(yawRad) + z * Math.sin(yawRad);
    const zr = -x * Math.sin(yawRad) + z * Math.cos(yawRad);
    return [320 + shiftX + (f * xr) / (dz - zr), 240 + (f * y) / (dz - zr), 0] as const;
  });
}

/** The same points as a flat photo tilted in front of the camera: a homography of the first view. */
function photoWarp(mesh: FaceObservation['mesh'], k: number): FaceObservation['mesh'] {
  return mesh.map(([x, y]) => {
    const u = x - 320,
      v = y - 240;
    const w = 1 + 0.0008 * k * u;
    return [320 + (1.05 * u + 0.02 * k * v + 30 * k) / w, 240 + (v + 10 * k) / w, 0] as const;
  });
}

const obs = (mesh: FaceObservation['mesh']): FaceObservation => ({
  box: { x: 200, y: 100, width: 240, height: 300 },
  score: 0.9,
  mesh,
  pose: { yawDeg: 0, pitchDeg: 0, rollDeg: 0 },
  eyeOpenness: { left: 0.3, right: 0.3 },
  mouthOpenness: 0.02,
});
const track = (meshes: FaceObservation['mesh'][]): TrackSample[] =>
  meshes.map((m, i) => ({ t: i / 6, frameIndex: i, face: obs(m), faceCount: 1 }));

describe('homographyResidual', () => {
  it('is ~0 for a plane and clearly not for a rotating 3-D surface', () => {
    const a = project(face3d(), 0).map(([x, y]) => [x, y] as const);
    const warped = photoWarp(project(face3d(), 0), 1).map(([x, y]) => [x, y] as const);
    const turned = project(face3d(), 0.35).map(([x, y]) => [x, y] as const);
    expect(homographyResidual(a, warped)).toBeLessThan(1e-6);
    expect(homographyResidual(a, turned)).toBeGreaterThan(1);
  });
});

describe('measureMeshMotion / analyzeSilent', () => {
  it('sees no own motion in a photo waved and tilted in front of the camera', () => {
    const base = project(face3d(), 0);
    const meshes = Array.from({ length: 30 }, (_, i) => photoWarp(base, Math.sin(i / 3) * 2));
    const m = measureMeshMotion(meshes.map(obs));
    expect(m.motion).toBeGreaterThan(0.1);
    expect(m.mouthRange).toBeLessThan(1e-6);
    expect(m.eyeRange).toBeLessThan(1e-6);
    const r = analyzeSilent(track(meshes));
    expect(r.passed).toBe(false);
    expect(r.findings[0]?.kind).toBe('spoof_suspected');
  });

  it('does not take landmark noise on an open-mouthed photo for talking (the lips never close)', () => {
    let seed = 5;
    const jitter = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.5;
    const meshes = Array.from({ length: 30 }, (_, i) =>
      photoWarp(project(face3d({ mouthOpen: 0.7 + jitter() }), 0), Math.sin(i / 3)),
    );
    const r = analyzeSilent(track(meshes));
    expect(r.scores.mouthRange).toBeGreaterThan(0.1);
    expect(r.scores.mouthEvidence).toBe(0);
    expect(r.passed).toBe(false);
  });

  it('reports a frozen face as below threshold', () => {
    const r = analyzeSilent(track(Array.from({ length: 30 }, () => project(face3d(), 0))));
    expect(r.findings.map((f) => f.kind)).toEqual(['liveness_below_threshold']);
  });

  it('passes a head that turns while talking (mouth motion survives the rectification)', () => {
    const meshes = Array.from({ length: 30 }, (_, i) =>
      project(
        face3d({ mouthOpen: Math.max(0, Math.sin(i / 2)) }),
        0.2 * Math.sin(i / 5),
        5 * Math.sin(i / 4),
      ),
    );
    const r = analyzeSilent(track(meshes));
    expect(r.scores.mouthRange).toBeGreaterThan(0.2);
    expect(r.passed).toBe(true);
  });

  it('passes a still head whose eyes move (lids narrowing and opening)', () => {
    const meshes = Array.from({ length: 30 }, (_, i) =>
      project(face3d({ eyeOpen: 0.6 + 0.4 * Math.abs(Math.sin(i / 3)) }), 0.02 * Math.sin(i / 7)),
    );
    const r = analyzeSilent(track(meshes));
    expect(r.scores.eyeRange).toBeGreaterThan(0.25);
    expect(r.passed).toBe(true);
  });
});
