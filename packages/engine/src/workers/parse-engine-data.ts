import { isFindingKind, type Finding } from '@open-ekyc/contract';
import type { FaceObservation } from '../types.js';
import { array, finiteNumber, isRecord, record } from './validate.js';

export function parseFinding(value: unknown, what = 'finding'): Finding {
  const r = record(value, what);
  if (typeof r.kind !== 'string' || !isFindingKind(r.kind))
    throw new TypeError(`${what}.kind: unknown finding kind`);
  const out: { -readonly [K in keyof Finding]: Finding[K] } = { kind: r.kind };
  if (r.score !== undefined) out.score = finiteNumber(r.score, `${what}.score`);
  if (r.atSeconds !== undefined) out.atSeconds = finiteNumber(r.atSeconds, `${what}.atSeconds`);
  if (r.detail !== undefined) {
    if (typeof r.detail !== 'string') throw new TypeError(`${what}.detail: expected a string`);
    out.detail = r.detail;
  }
  return out;
}

export function parseFindings(value: unknown, what = 'findings'): Finding[] {
  return array(value, what).map((f, i) => parseFinding(f, `${what}[${i}]`));
}

function numbers<K extends string>(value: unknown, keys: readonly K[], what: string): Record<K, number> {
  const r = record(value, what);
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = finiteNumber(r[k], `${what}.${k}`);
  return out;
}

export function parseFaceObservation(value: unknown, what = 'face'): FaceObservation {
  const r = record(value, what);
  const mesh = array(r.mesh, `${what}.mesh`).map((p, i) => {
    const a = array(p, `${what}.mesh[${i}]`);
    if (a.length !== 3) throw new TypeError(`${what}.mesh[${i}]: expected [x, y, z]`);
    return [finiteNumber(a[0], 'x'), finiteNumber(a[1], 'y'), finiteNumber(a[2], 'z')] as const;
  });
  const face: FaceObservation = {
    box: numbers(r.box, ['x', 'y', 'width', 'height'], `${what}.box`),
    score: finiteNumber(r.score, `${what}.score`),
    mesh,
    pose: numbers(r.pose, ['yawDeg', 'pitchDeg', 'rollDeg'], `${what}.pose`),
    eyeOpenness: numbers(r.eyeOpenness, ['left', 'right'], `${what}.eyeOpenness`),
    mouthOpenness: finiteNumber(r.mouthOpenness, `${what}.mouthOpenness`),
    ...(r.antispoof === undefined ? {} : { antispoof: finiteNumber(r.antispoof, `${what}.antispoof`) }),
    ...(r.liveness === undefined ? {} : { liveness: finiteNumber(r.liveness, `${what}.liveness`) }),
  };
  return face;
}

export function nullableNumber(value: unknown, what: string): number | null {
  return value === null ? null : finiteNumber(value, what);
}

export { isRecord };
