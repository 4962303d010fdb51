import { randomBytes, randomInt } from 'node:crypto';

/**
 * Screen colours for the reflection challenge. Saturated primaries and secondaries: each moves the
 * face's log-chromaticity in a distinct direction (see reflection-liveness.ts), white is the rest.
 */
export const REFLECT_PALETTE = {
  r: [255, 0, 0],
  g: [0, 255, 0],
  b: [0, 0, 255],
  y: [255, 255, 0],
  m: [255, 0, 255],
  c: [0, 255, 255],
} as const satisfies Record<string, readonly [number, number, number]>;

export type ReflectColor = keyof typeof REFLECT_PALETTE;
const COLORS = Object.keys(REFLECT_PALETTE) as ReflectColor[];

export interface ReflectStep {
  readonly color: ReflectColor;
  readonly ms: number;
}

export interface ReflectSequence {
  /** Server nonce: binds the sequence to one session so it can be checked and never reused. */
  readonly nonce: string;
  readonly steps: readonly ReflectStep[];
}

export interface ReflectSequenceOptions {
  readonly flashes?: number;
  readonly minMs?: number;
  readonly maxMs?: number;
}

/**
 * A fresh random colour sequence (crypto randomness: a client must not predict the next one).
 * 12 flashes of 250–400 ms (≈4 s): with fewer steps a random sequence correlates too well by chance (8 steps: 4 of 150 fresh sequences passed in tuning; 12 steps: 0 of 300). Durations are random multiples of 50 ms, so both colour order and timing are unknown in advance;
 * neighbours always differ so every step is a visible change.
 */
export function generateReflectSequence(options: ReflectSequenceOptions = {}): ReflectSequence {
  const flashes = options.flashes ?? 12;
  const minMs = options.minMs ?? 250;
  const maxMs = options.maxMs ?? 400;
  if (flashes < 3 || flashes > 20 || minMs < 100 || maxMs < minMs)
    throw new RangeError('bad reflection sequence options');
  const steps: ReflectStep[] = [];
  for (let i = 0; i < flashes; i++) {
    const prev = steps[i - 1]?.color;
    const choices = COLORS.filter((c) => c !== prev);
    steps.push({
      color: choices[randomInt(choices.length)] as ReflectColor,
      ms: 50 * randomInt(Math.ceil(minMs / 50), Math.floor(maxMs / 50) + 1),
    });
  }
  return { nonce: randomBytes(12).toString('base64url'), steps };
}

/** Compact form for tokens and pages: `v1.<nonce>.r400g350b500…`. */
export function serializeReflectSequence(seq: ReflectSequence): string {
  return `v1.${seq.nonce}.${seq.steps.map((s) => `${s.color}${s.ms}`).join('')}`;
}

const STEP_RE = /([rgbymc])(\d{2,4})/g;

/** Inverse of serializeReflectSequence; null for anything malformed (it crosses a boundary). */
export function parseReflectSequence(text: string): ReflectSequence | null {
  const m = /^v1\.([A-Za-z0-9_-]{8,64})\.((?:[rgbymc]\d{2,4}){3,20})$/.exec(text);
  if (!m) return null;
  const steps: ReflectStep[] = [];
  for (const s of (m[2] as string).matchAll(STEP_RE)) {
    const ms = Number(s[2]);
    if (ms < 50 || ms > 5000) return null;
    steps.push({ color: s[1] as ReflectColor, ms });
  }
  return { nonce: m[1] as string, steps };
}

/** Total length of the sequence in seconds. */
export const sequenceSeconds = (seq: ReflectSequence): number =>
  seq.steps.reduce((s, x) => s + x.ms, 0) / 1000;

/** Colour shown at `t` seconds after the sequence started, null outside it. */
export function colorAt(seq: ReflectSequence, t: number): ReflectColor | null {
  if (t < 0) return null;
  let end = 0;
  for (const s of seq.steps) {
    end += s.ms / 1000;
    if (t < end) return s.color;
  }
  return null;
}
