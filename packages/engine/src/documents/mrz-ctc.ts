import type { CharFolding, CtcSteps } from './ocr.js';

/**
 * Decoding an MRZ row from the rec model's per-step probabilities under what ICAO 9303 fixes:
 * the row's exact length and which characters each position may hold. Greedy CTC decoding drops
 * or doubles characters (a narrow 'I' between two 'L's, a chevron run read one short); the best
 * path with exactly N characters cannot, and a digit-only position cannot come out as 'O'.
 */

export const MRZ_ALPHABET = '<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Rec dictionary characters the model uses for the MRZ filler (ml-stack-probe §5). */
const FILLER_LOOKALIKES = '<＜«‹≤〈〔（(《く';

/** Dictionary → MRZ alphabet: full-width and lower-case forms fold onto A–Z/0–9, chevron look-alikes onto '<'. */
export const MRZ_FOLDING: CharFolding = {
  alphabet: MRZ_ALPHABET,
  fold(ch) {
    if (FILLER_LOOKALIKES.includes(ch)) return 0;
    const n = ch.normalize('NFKC').toUpperCase();
    return n.length === 1 ? MRZ_ALPHABET.indexOf(n) : -1;
  },
};

const A = MRZ_ALPHABET.length;
/** Probability floor: log(0) would make one unseen character veto a whole row. */
const FLOOR = 1e-7;

export interface ConstrainedRead {
  readonly text: string;
  /** Log-probability of the best path. */
  readonly logp: number;
  /**
   * Per position and alphabet character, the best log-probability of that character over the
   * time steps the position was aligned to: what a substitution there would cost.
   */
  readonly charScores: readonly Float32Array[];
  /** Per position, the mean time step it was aligned to (where the glyph is along the line). */
  readonly centres: Float32Array;
}

/** Allowed characters per position as a 0/1 table, positions × alphabet. */
export function allowedTable(allowed: readonly string[]): Uint8Array {
  const t = new Uint8Array(allowed.length * A);
  allowed.forEach((chars, j) => {
    for (const ch of chars) {
      const k = MRZ_ALPHABET.indexOf(ch);
      if (k >= 0) t[j * A + k] = 1;
    }
  });
  return t;
}

/**
 * Viterbi over CTC states (j characters emitted; in a blank, or in character c as the j-th),
 * forced to emit exactly `allowed.length` characters, each from its position's set. A repeated
 * character needs a blank between its two emissions (CTC collapse rule).
 */
export function decodeConstrained(m: CtcSteps, allowed: readonly string[]): ConstrainedRead | null {
  const N = allowed.length,
    T = m.steps,
    K = A + 1;
  if (T < N) return null;
  const ok = allowedTable(allowed);
  const lp = new Float32Array(T * K);
  for (let i = 0; i < lp.length; i++) lp[i] = Math.log(Math.max(FLOOR, m.probs[i] as number));
  // Scores of the previous step: blank[j] (j = 0..N), chr[j * A + c] (j = 1..N, 0-based j - 1).
  let blank = new Float64Array(N + 1).fill(-Infinity),
    chr = new Float64Array((N + 1) * A).fill(-Infinity);
  blank[0] = 0;
  // Back-pointers per step: blank state: -1 from blank, c from char c; char state: -2 stay,
  // -1 from blank[j - 1], c' from char c' at j - 1.
  const backB = new Int8Array(T * (N + 1)),
    backC = new Int8Array(T * (N + 1) * A);
  let nb = new Float64Array(N + 1),
    nc = new Float64Array((N + 1) * A);
  // Per j: best and runner-up character state (a repeat must not follow itself, CTC collapse).
  const b1 = new Float64Array(N + 1),
    b2 = new Float64Array(N + 1),
    c1 = new Int8Array(N + 1),
    c2 = new Int8Array(N + 1);
  for (let t = 0; t < T; t++) {
    const row = t * K;
    const lpBlank = lp[row] as number;
    // Never more characters than steps so far, never too few to finish.
    const jMin = Math.max(0, N - (T - t)),
      jMax = Math.min(N, t + 1);
    for (let j = Math.max(1, jMin - 1); j <= jMax; j++) {
      let v1 = -Infinity,
        v2 = -Infinity,
        i1 = -1,
        i2 = -1;
      for (let c = 0; c < A; c++) {
        const v = chr[j * A + c] as number;
        if (v > v1) {
          v2 = v1;
          i2 = i1;
          v1 = v;
          i1 = c;
        } else if (v > v2) {
          v2 = v;
          i2 = c;
        }
      }
      b1[j] = v1;
      b2[j] = v2;
      c1[j] = i1;
      c2[j] = i2;
    }
    nb.fill(-Infinity);
    nc.fill(-Infinity);
    for (let j = jMin; j <= jMax; j++) {
      // Blank after j characters: from itself or from the j-th character.
      const fromChar = j > 0 ? (b1[j] as number) : -Infinity;
      const stayBlank = blank[j] as number;
      nb[j] = Math.max(stayBlank, fromChar) + lpBlank;
      backB[t * (N + 1) + j] = fromChar > stayBlank ? (c1[j] as number) : -1;
      if (j === 0) continue;
      const viaBlank = blank[j - 1] as number;
      const p1 = j > 1 ? (b1[j - 1] as number) : -Infinity,
        p2 = j > 1 ? (b2[j - 1] as number) : -Infinity;
      const q1 = c1[j - 1] as number,
        q2 = c2[j - 1] as number;
      const okRow = (j - 1) * A;
      for (let c = 0; c < A; c++) {
        if (!ok[okRow + c]) continue;
        let v = chr[j * A + c] as number,
          back = -2;
        if (viaBlank > v) {
          v = viaBlank;
          back = -1;
        }
        const prevChar = c === q1 ? p2 : p1;
        if (prevChar > v) {
          v = prevChar;
          back = c === q1 ? q2 : q1;
        }
        if (v === -Infinity) continue;
        nc[j * A + c] = v + (lp[row + c + 1] as number);
        backC[(t * (N + 1) + j) * A + c] = back;
      }
    }
    [blank, nb] = [nb, blank];
    [chr, nc] = [nc, chr];
  }
  // End in the blank after N or in the N-th character.
  let state = -1,
    end = blank[N] as number;
  for (let c = 0; c < A; c++) {
    const v = chr[N * A + c] as number;
    if (v > end) {
      end = v;
      state = c;
    }
  }
  if (end === -Infinity) return null;
  // Trace back: which character at each position and the steps it was aligned to.
  const chars: number[] = new Array<number>(N).fill(0);
  const steps: number[][] = Array.from({ length: N }, () => []);
  let j = N;
  for (let t = T - 1; t >= 0; t--) {
    if (state === -1) {
      state = backB[t * (N + 1) + j] as number;
      continue;
    }
    chars[j - 1] = state;
    (steps[j - 1] as number[]).push(t);
    const back = backC[(t * (N + 1) + j) * A + state] as number;
    if (back === -2) continue;
    j--;
    state = back;
  }
  const charScores = steps.map((ts) => {
    const s = new Float32Array(A).fill(-Infinity);
    for (const t of ts)
      for (let c = 0; c < A; c++) s[c] = Math.max(s[c] as number, lp[t * K + c + 1] as number);
    return s;
  });
  const centres = Float32Array.from(steps, (ts) => ts.reduce((a, b) => a + b, 0) / ts.length);
  return { text: chars.map((c) => MRZ_ALPHABET[c]).join(''), logp: end, charScores, centres };
}

/** Greedy CTC decoding of folded steps (best class per step, repeats and blanks collapsed). */
export function greedyText(m: CtcSteps): string {
  const K = m.alphabet.length + 1;
  let text = '',
    prev = 0;
  for (let t = 0; t < m.steps; t++) {
    let best = 0;
    for (let k = 1; k < K; k++)
      if ((m.probs[t * K + k] as number) > (m.probs[t * K + best] as number)) best = k;
    if (best !== 0 && best !== prev) text += m.alphabet[best - 1];
    prev = best;
  }
  return text;
}
