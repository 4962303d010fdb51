import type { Box, VideoFrame } from '../types.js';
import { meanRgb } from './image-stats.js';
import {
  colorAt,
  REFLECT_PALETTE,
  sequenceSeconds,
  type ReflectColor,
  type ReflectSequence,
} from './reflect-sequence.js';
import { mean, quantile } from './series.js';
import type { LivenessOutcome, TimelineEntry, TrackSample } from './types.js';

export interface ReflectionChallenge {
  readonly sequence: ReflectSequence;
  /** Video time (s) at which the page showed the first colour, from the upload's timeline. */
  readonly startSeconds?: number;
}

export interface ReflectionOptions {
  /** How far around `startSeconds` to search for the real start (page/camera latency). */
  readonly maxOffsetSeconds?: number;
  readonly minCorrelation?: number;
  /** How many standard deviations above the random sequences' mean the real one must be. */
  readonly minZ?: number;
  /** Random sequences (same timing, other colours) that the real one must beat. */
  readonly nullSequences?: number;
}

interface ChromaSample {
  readonly t: number;
  /** log(R/G) and log(B/G) of the face minus the same of the background. */
  readonly u: number;
  readonly w: number;
}

const EPS = 1;

/**
 * Face-minus-background log-chromaticity per frame. Camera white balance and exposure multiply
 * the channels of the whole frame, which in log-chroma is an offset that the background
 * subtraction cancels; the screen's light falls mostly on the nearby face, so the flashes remain.
 */
export function measureChroma(
  frames: readonly VideoFrame[],
  samples: readonly TrackSample[],
): ChromaSample[] {
  const withFace = samples.filter((s) => s.face);
  const out: ChromaSample[] = [];
  for (const frame of frames) {
    const near = nearest(withFace, frame.t);
    if (!near?.face || Math.abs(near.t - frame.t) > 0.5) continue;
    const b = near.face.box;
    // Inner face (cheeks, nose, lower forehead): no hair, no background.
    const inner: Box = {
      x: b.x + 0.2 * b.width,
      y: b.y + 0.25 * b.height,
      width: 0.6 * b.width,
      height: 0.6 * b.height,
    };
    const face = meanRgb(frame.image, inner, 2);
    const all = meanRgb(frame.image, { x: 0, y: 0, width: frame.image.width, height: frame.image.height }, 4);
    const box = meanRgb(frame.image, b, 4);
    const share = Math.min(0.95, (b.width * b.height) / (frame.image.width * frame.image.height));
    const bg = all.map((v, i) => (v - share * (box[i] as number)) / (1 - share)) as [number, number, number];
    const lf = face.map((v) => Math.log(Math.max(0, v) + EPS));
    const lb = bg.map((v) => Math.log(Math.max(0, v) + EPS));
    const u = (lf[0] as number) - (lf[1] as number) - ((lb[0] as number) - (lb[1] as number));
    const w = (lf[2] as number) - (lf[1] as number) - ((lb[2] as number) - (lb[1] as number));
    if (Number.isFinite(u) && Number.isFinite(w)) out.push({ t: frame.t, u, w });
  }
  return out;
}

function nearest(samples: readonly TrackSample[], t: number): TrackSample | undefined {
  let best: TrackSample | undefined;
  for (const s of samples) if (!best || Math.abs(s.t - t) < Math.abs(best.t - t)) best = s;
  return best;
}

/** Expected direction of the face's log-chroma change under each colour (added light, linearised). */
function expected(color: ReflectColor): [number, number] {
  const [r, g, b] = REFLECT_PALETTE[color];
  return [(r - g) / 255, (b - g) / 255];
}

/** 2-D Pearson correlation between measured chroma and the sequence shifted to start at `start`. */
function correlate(chroma: readonly ChromaSample[], seq: ReflectSequence, start: number): number {
  const rows: [number, number, number, number][] = [];
  for (const c of chroma) {
    const color = colorAt(seq, c.t - start);
    if (color) rows.push([c.u, c.w, ...expected(color)]);
  }
  if (rows.length < 6) return 0;
  const m = [0, 1, 2, 3].map((k) => mean(rows.map((r) => r[k] as number)));
  let sde = 0,
    sdd = 0,
    see = 0;
  for (const r of rows) {
    const du = r[0] - (m[0] as number),
      dw = r[1] - (m[1] as number);
    const eu = r[2] - (m[2] as number),
      ew = r[3] - (m[3] as number);
    sde += du * eu + dw * ew;
    sdd += du * du + dw * dw;
    see += eu * eu + ew * ew;
  }
  return sdd > 0 && see > 0 ? sde / Math.sqrt(sdd * see) : 0;
}

function bestOver(
  chroma: readonly ChromaSample[],
  seq: ReflectSequence,
  starts: readonly number[],
): { r: number; start: number } {
  let best = { r: -1, start: starts[0] ?? 0 };
  for (const s of starts) {
    const r = correlate(chroma, seq, s);
    if (r > best.r) best = { r, start: s };
  }
  return best;
}

/** Deterministic PRNG (mulberry32) seeded from the nonce: the same upload always gets the same verdict. */
function prng(seedText: string): () => number {
  let a = 0;
  for (const ch of seedText) a = (Math.imul(a ^ ch.charCodeAt(0), 2654435761) + 1) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRecolour(seq: ReflectSequence, rand: () => number): ReflectSequence {
  const colors = Object.keys(REFLECT_PALETTE) as ReflectColor[];
  const steps = seq.steps.map((s) => ({ ...s }));
  for (let i = 0; i < steps.length; i++) {
    const choices = colors.filter((c) => c !== steps[i - 1]?.color);
    (steps[i] as { color: ReflectColor }).color = choices[
      Math.floor(rand() * choices.length)
    ] as ReflectColor;
  }
  return { nonce: seq.nonce, steps };
}

/**
 * Reflection liveness: the face must change colour with the random sequence the server chose
 * for this session. Passes when the correlation is high and clearly above what random sequences
 * with the same timing reach on this same video (so a video that flickers anyhow, or a recording
 * made for an older sequence, does not pass).
 */
export function analyzeReflection(
  frames: readonly VideoFrame[],
  samples: readonly TrackSample[],
  challenge: ReflectionChallenge,
  options: ReflectionOptions = {},
): LivenessOutcome {
  const maxOffset = options.maxOffsetSeconds ?? 0.6;
  const minCorr = options.minCorrelation ?? 0.6;
  const minZ = options.minZ ?? 4;
  const nulls = options.nullSequences ?? 100;
  const seq = challenge.sequence;
  const chroma = measureChroma(frames, samples);
  const duration = frames.length ? (frames[frames.length - 1] as VideoFrame).t : 0;
  const step =
    frames.length > 1
      ? Math.max(0.02, ((frames[1] as VideoFrame).t - (frames[0] as VideoFrame).t) / 2)
      : 0.05;
  const starts: number[] = [];
  const lo = challenge.startSeconds === undefined ? 0 : Math.max(-0.2, challenge.startSeconds - maxOffset);
  const hi =
    challenge.startSeconds === undefined
      ? Math.max(0, duration - sequenceSeconds(seq) * 0.8)
      : challenge.startSeconds + maxOffset;
  for (let s = lo; s <= hi + 1e-9; s += step) starts.push(s);
  const real = bestOver(chroma, seq, starts);
  const rand = prng(seq.nonce);
  const nullScores: number[] = [];
  for (let k = 0; k < nulls; k++) nullScores.push(bestOver(chroma, randomRecolour(seq, rand), starts).r);
  const null95 = quantile(nullScores, 0.95);
  const nullMean = mean(nullScores);
  const nullSd = Math.sqrt(mean(nullScores.map((v) => (v - nullMean) ** 2))) || 1e-6;
  const z = (real.r - nullMean) / nullSd;
  const scores: Record<string, number> = {
    reflectionCorrelation: round(real.r),
    reflectionNull95: round(null95),
    reflectionZ: round(z),
    reflectionStart: round(real.start),
    chromaFrames: chroma.length,
  };
  const timeline: TimelineEntry[] = [];
  let t = real.start;
  for (const s of seq.steps) {
    timeline.push({ t: round(t), end: round(t + s.ms / 1000), kind: `flash_${s.color}` });
    t += s.ms / 1000;
  }
  // Both: a high correlation, and far out in the tail of what random sequences reach on this video
  // (a fresh challenge against an old recording is exactly such a random sequence). Tuning on
  // synthetic flash videos: fresh sequences z p99.9 ≈ 3.1 (max 3.6 of 3,000), r max 0.73; the
  // answered sequence z ≥ 4.5, r ≥ 0.94 even at a weak 3 % reflection.
  const passed = real.r >= minCorr && z >= minZ && real.r > null95;
  return {
    passed,
    findings: passed
      ? []
      : [
          {
            kind: 'reflection_mismatch',
            score: round(real.r),
            detail: `correlation ${real.r.toFixed(2)} (z ${z.toFixed(1)}), random sequences reach ${null95.toFixed(2)}`,
          },
        ],
    scores,
    timeline,
  };
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
