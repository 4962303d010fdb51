import type { Point } from './series.js';

export interface Pulse {
  readonly start: number;
  readonly end: number;
  /** Time and value of the most extreme point inside the pulse. */
  readonly peakT: number;
  readonly peak: number;
}

export interface PulseOptions {
  /** Value the signal must cross to start an event. */
  readonly enter: number;
  /** Value it must come back across to end it (hysteresis: between the two nothing changes). */
  readonly exit: number;
  /** True when events are excursions above `enter` (mouth opening), false for dips (eye closing). */
  readonly above: boolean;
  /** Longer excursions are not this event (eyes kept shut is not a blink). */
  readonly maxSeconds?: number;
  /** When false an excursion still open at the end of the video counts (a turn held to the end). */
  readonly requireReturn?: boolean;
}

/**
 * Hysteresis event detector. Two thresholds instead of one, so detector jitter around a single
 * threshold cannot create a train of fake events (a still photo must produce none).
 */
export function detectPulses(points: readonly Point[], o: PulseOptions): Pulse[] {
  const inside = (v: number): boolean => (o.above ? v >= o.enter : v <= o.enter);
  const outside = (v: number): boolean => (o.above ? v <= o.exit : v >= o.exit);
  const more = (a: number, b: number): boolean => (o.above ? a > b : a < b);
  const pulses: Pulse[] = [];
  // Only an excursion that starts from the rest state counts: the signal must first be seen outside.
  let armed = false;
  let open = null as { start: number; peakT: number; peak: number } | null;
  for (const p of points) {
    if (!Number.isFinite(p.v)) continue;
    if (open) {
      if (more(p.v, open.peak)) open = { ...open, peakT: p.t, peak: p.v };
      if (outside(p.v)) {
        if (o.maxSeconds === undefined || p.t - open.start <= o.maxSeconds)
          pulses.push({ start: open.start, end: p.t, peakT: open.peakT, peak: open.peak });
        open = null;
      }
    } else if (armed && inside(p.v)) {
      open = { start: p.t, peakT: p.t, peak: p.v };
    } else if (outside(p.v)) {
      armed = true;
    }
  }
  if (open && o.requireReturn === false) {
    const last = points[points.length - 1];
    const end = last ? last.t : open.start;
    if (o.maxSeconds === undefined || end - open.start <= o.maxSeconds)
      pulses.push({ start: open.start, end, peakT: open.peakT, peak: open.peak });
  }
  return pulses;
}
