import type { TrackSample } from './types.js';
import { detectPulses, type Pulse } from './events.js';
import { median, movingMedian, quantile, type Point } from './series.js';

/** Actions a server may ask for. Vendor ValidateData codes: 1 open mouth, 2 blink, 3 nod, 4 shake head. */
export const ACTION_KINDS = ['blink', 'open_mouth', 'turn_left', 'turn_right', 'shake', 'nod'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * Yaw sign: Human's yaw is positive when the face points to image-left (measured on the dev
 * videos against the nose position in the mesh). Uploads are unmirrored camera frames, so the
 * subject's own left is image-right. `turn_left` means the subject's left.
 */
const SUBJECT_LEFT_YAW_SIGN = -1;

/** Thresholds (why these values: EAR/MAR ranges in types.ts; head turns of a cooperative user are 20–40°). */
export const ACTION_THRESHOLDS = {
  blink: { enter: 0.65, exit: 0.85, above: false, maxSeconds: 1.2 },
  mouth: { enter: 0.22, exit: 0.1, above: true, maxSeconds: 6 },
  turn: { enter: 18, exit: 8, above: true, maxSeconds: 8, requireReturn: false },
  nod: { enter: 10, exit: 4, above: true, maxSeconds: 4, requireReturn: false },
} as const;

export interface ActionEvent extends Pulse {
  readonly kind: ActionKind;
}

function series(
  samples: readonly TrackSample[],
  pick: (s: TrackSample & { face: NonNullable<TrackSample['face']> }) => number,
): Point[] {
  const out: Point[] = [];
  for (const s of samples)
    if (s.face) out.push({ t: s.t, v: pick(s as TrackSample & { face: NonNullable<TrackSample['face']> }) });
  return out;
}

/** Eye openness relative to this person's open-eye level (80th percentile), so narrow eyes still blink. */
export function blinkSeries(samples: readonly TrackSample[]): Point[] {
  const ear = series(samples, (s) => (s.face.eyeOpenness.left + s.face.eyeOpenness.right) / 2);
  const open = quantile(
    ear.map((p) => p.v),
    0.8,
  );
  return open > 0 ? ear.map((p) => ({ t: p.t, v: p.v / open })) : [];
}

/** Mouth opening above this person's closed-mouth level (20th percentile). */
export function mouthSeries(samples: readonly TrackSample[]): Point[] {
  const mar = series(samples, (s) => s.face.mouthOpenness);
  const rest = quantile(
    mar.map((p) => p.v),
    0.2,
  );
  return movingMedian(
    mar.map((p) => ({ t: p.t, v: p.v - rest })),
    1,
  );
}

/** Yaw (degrees) towards the subject's left, relative to the median head position. */
export function yawSeries(samples: readonly TrackSample[]): Point[] {
  const yaw = series(samples, (s) => SUBJECT_LEFT_YAW_SIGN * s.face.pose.yawDeg);
  const rest = median(yaw.map((p) => p.v));
  return movingMedian(
    yaw.map((p) => ({ t: p.t, v: p.v - rest })),
    1,
  );
}

export function pitchSeries(samples: readonly TrackSample[]): Point[] {
  const pitch = series(samples, (s) => s.face.pose.pitchDeg);
  const rest = median(pitch.map((p) => p.v));
  return movingMedian(
    pitch.map((p) => ({ t: p.t, v: p.v - rest })),
    1,
  );
}

const negate = (points: Point[]): Point[] => points.map((p) => ({ t: p.t, v: -p.v }));
const absolute = (points: Point[]): Point[] => points.map((p) => ({ t: p.t, v: Math.abs(p.v) }));
const tag = (kind: ActionKind, pulses: Pulse[]): ActionEvent[] => pulses.map((p) => ({ ...p, kind }));

/** Every action event found in the track, by kind, in time order. */
export function detectActionEvents(samples: readonly TrackSample[]): Record<ActionKind, ActionEvent[]> {
  const yaw = yawSeries(samples);
  const pitch = pitchSeries(samples);
  const left = tag('turn_left', detectPulses(yaw, ACTION_THRESHOLDS.turn));
  const right = tag('turn_right', detectPulses(negate(yaw), ACTION_THRESHOLDS.turn));
  return {
    blink: tag('blink', detectPulses(blinkSeries(samples), ACTION_THRESHOLDS.blink)),
    open_mouth: tag('open_mouth', detectPulses(mouthSeries(samples), ACTION_THRESHOLDS.mouth)),
    turn_left: left,
    turn_right: right,
    shake: [...left, ...right]
      .map((e) => ({ ...e, kind: 'shake' as const }))
      .sort((a, b) => a.start - b.start),
    nod: tag('nod', detectPulses(absolute(pitch), ACTION_THRESHOLDS.nod)),
  };
}
