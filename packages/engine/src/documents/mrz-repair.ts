import { MRZ_ALPHABET } from './mrz-ctc.js';
import { checkValid, type CheckSpec, type MrzLayout, type Span } from './mrz-layout.js';

/** A character changed to make a check digit hold: [line, column, from, to]. */
export type Correction = readonly [number, number, string, string];

/**
 * Check-digit repair ranked by the rec model's own evidence. For a failing check, the cheapest
 * change of at most MAX_CHANGES characters (cost: how much less likely the model found the new
 * character at that position) that makes the check hold, taken only when it is clearly cheaper
 * than any other fix and not implausibly expensive. Individual fields first, then the composite
 * over the characters no other check covers.
 */

const MAX_CHANGES = 2;
/**
 * Most one changed character may cost, in nats: the model gave the new character at least
 * ≈ 2 % of the probability of the one it read. A confidently read character is never changed
 * (a check digit that fails on a clear print is a finding, not an OCR error).
 */
const MAX_CHANGE_COST = 4;
/** Most a whole repair may cost, in nats. */
const MAX_COST = 6;
/** The runner-up fix must cost this much more (nats): otherwise the evidence cannot choose. */
const MIN_MARGIN = 1;

const value = (ch: string): number => {
  const c = ch.charCodeAt(0);
  return c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0;
};

/** Per line and position: log-probability of each MRZ alphabet character (mrz-ctc `charScores`, mean over readings). */
export type Scores = readonly (readonly Float32Array[])[];

interface Fix {
  readonly cost: number;
  readonly changes: readonly [number, number, string][];
}

function positionsOf(spans: readonly Span[]): [number, number][] {
  const out: [number, number][] = [];
  for (const [l, s, e] of spans) for (let c = s; c < e; c++) out.push([l, c]);
  return out;
}

/** Best and runner-up fix of one check over the free positions (DP over weighted sum mod 10 and change count). */
function bestFixes(
  lines: readonly string[],
  spec: CheckSpec,
  free: (l: number, c: number) => boolean,
  allowed: readonly (readonly string[])[],
  scores: Scores,
): Fix[] {
  const cost = (l: number, c: number, ch: string): number => {
    const s = scores[l]?.[c];
    const cur = (lines[l] as string)[c] as string;
    if (!s) return ch === cur ? 0 : Infinity;
    const loss = Math.max(
      0,
      (s[MRZ_ALPHABET.indexOf(cur)] as number) - (s[MRZ_ALPHABET.indexOf(ch)] as number),
    );
    return loss <= MAX_CHANGE_COST ? loss : Infinity;
  };
  // Keep the two cheapest ways into each (residue, changes) state: enough for a runner-up.
  type Path = { cost: number; changes: [number, number, string][] };
  let states: Path[][] = Array.from({ length: 10 * (MAX_CHANGES + 1) }, () => []);
  (states[0] as Path[]).push({ cost: 0, changes: [] });
  const weights = [7, 3, 1];
  positionsOf(spec.spans).forEach(([l, c], i) => {
    const w = weights[i % 3] as number;
    const cur = (lines[l] as string)[c] as string;
    const options = free(l, c) ? [...new Set([cur, ...(allowed[l]?.[c] ?? '')])] : [cur];
    const next: Path[][] = Array.from({ length: states.length }, () => []);
    states.forEach((paths, s) => {
      const r = s % 10,
        k = Math.floor(s / 10);
      for (const p of paths)
        for (const ch of options) {
          const changed = ch !== cur;
          if (changed && k === MAX_CHANGES) continue;
          const cst = p.cost + (changed ? cost(l, c, ch) : 0);
          if (cst > MAX_COST) continue;
          const target = ((r + value(ch) * w) % 10) + 10 * (k + (changed ? 1 : 0));
          const bucket = next[target] as Path[];
          bucket.push({ cost: cst, changes: changed ? [...p.changes, [l, c, ch]] : p.changes });
          bucket.sort((a, b) => a.cost - b.cost);
          if (bucket.length > 2) bucket.pop();
        }
    });
    states = next;
  });
  const [dl, dc] = spec.at;
  const curDigit = (lines[dl] as string)[dc] as string;
  const digitOptions = free(dl, dc) ? [...new Set([curDigit, ...(allowed[dl]?.[dc] ?? '')])] : [curDigit];
  const allFiller = positionsOf(spec.spans).every(([l, c]) => (lines[l] as string)[c] === '<');
  const fixes: Fix[] = [];
  states.forEach((paths, s) => {
    const r = s % 10,
      k = Math.floor(s / 10);
    for (const p of paths)
      for (const d of digitOptions) {
        const changed = d !== curDigit;
        if (changed && k === MAX_CHANGES) continue;
        // 9303 part 4: '<' as check digit only over an all-filler field (personal number).
        const holds =
          d === '<' ? spec.fillerAllowed === true && allFiller && p.changes.length === 0 : value(d) === r;
        if (!holds || !/[0-9<]/.test(d)) continue;
        const cst = p.cost + (changed ? cost(dl, dc, d) : 0);
        if (cst <= MAX_COST)
          fixes.push({ cost: cst, changes: changed ? [...p.changes, [dl, dc, d]] : p.changes });
      }
  });
  return fixes.sort((a, b) => a.cost - b.cost).slice(0, 2);
}

/** Repair failing checks in place; returns the corrections made. */
export function repairChecks(
  lines: string[],
  layout: MrzLayout,
  allowed: readonly (readonly string[])[],
  scores: Scores,
): Correction[] {
  const corrections: Correction[] = [];
  const covered = (spec: CheckSpec) =>
    new Set(
      positionsOf([...spec.spans, [spec.at[0], spec.at[1], spec.at[1] + 1]]).map(([l, c]) => l * 100 + c),
    );
  const composite = layout.checks.filter((s) => s.field === 'composite');
  const fields = layout.checks.filter((s) => s.field !== 'composite');
  const fieldPositions = new Set(fields.flatMap((s) => [...covered(s)]));
  const apply = (spec: CheckSpec, free: (l: number, c: number) => boolean) => {
    if (checkValid(lines, spec)) return;
    const [best, runnerUp] = bestFixes(lines, spec, free, allowed, scores);
    if (!best || (runnerUp && runnerUp.cost - best.cost < MIN_MARGIN)) return;
    for (const [l, c, ch] of best.changes) {
      corrections.push([l, c, (lines[l] as string)[c] as string, ch]);
      lines[l] = (lines[l] as string).slice(0, c) + ch + (lines[l] as string).slice(c + 1);
    }
  };
  for (const spec of fields) apply(spec, () => true);
  for (const spec of composite) apply(spec, (l, c) => !fieldPositions.has(l * 100 + c));
  return corrections;
}
