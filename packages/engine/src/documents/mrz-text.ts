import {
  checkValid,
  layoutFor,
  type CheckSpec,
  type MrzFormat,
  type MrzLayout,
  type Span,
} from './mrz-layout.js';
import { extractFields, type MrzFields } from './mrz-fields.js';
import { normalizeMrzText } from './mrz-rows.js';

/** MRZ text → read: normalise OCR text, fit the layout, undo confusions, check. */

export interface MrzCheck {
  readonly field: CheckSpec['field'];
  readonly valid: boolean;
}

export interface MrzRead {
  readonly format: MrzFormat;
  readonly lines: readonly string[];
  /** Every check digit of the layout, after correction. */
  readonly checks: readonly MrzCheck[];
  /** All check digits valid. */
  readonly valid: boolean;
  /** Characters changed to make a check digit hold: [line, column, from, to]. */
  readonly corrections: ReadonlyArray<readonly [number, number, string, string]>;
  readonly fields: MrzFields;
  /** Pixel box of the MRZ in the analysed image. */
  readonly box: { x: number; y: number; width: number; height: number };
}

const TO_DIGIT: Readonly<Record<string, string>> = {
  O: '0',
  Q: '0',
  D: '0',
  U: '0',
  I: '1',
  L: '1',
  Z: '2',
  S: '5',
  G: '6',
  T: '7',
  B: '8',
};
const TO_LETTER: Readonly<Record<string, string>> = {
  '0': 'O',
  '1': 'I',
  '2': 'Z',
  '5': 'S',
  '6': 'G',
  '8': 'B',
  '4': 'A',
  '7': 'T',
};
/** Single-character substitutions tried to satisfy a failing check digit, both directions. */
const CONFUSIONS: Readonly<Record<string, string>> = {
  ...TO_DIGIT,
  '0': 'OD',
  '1': 'I7',
  '2': 'Z',
  '5': 'S6',
  '6': 'G58',
  '8': 'B36',
  '7': 'T1',
  '3': '8',
  '9': '0',
  O: '0D',
  D: '0O',
  B: '8',
};

/** Pad with trailing fillers or drop surplus trailing fillers to reach the layout length. */
function fitLength(text: string, length: number): string {
  if (text.length < length) return text + '<'.repeat(length - text.length);
  let t = text;
  while (t.length > length && t.endsWith('<<')) t = t.slice(0, -1);
  return t.length > length ? t.slice(0, length) : t;
}

function mapSpans(lines: string[], spans: readonly Span[], table: Readonly<Record<string, string>>): void {
  for (const [l, s, e] of spans) {
    const line = lines[l] as string;
    lines[l] = line.slice(0, s) + [...line.slice(s, e)].map((c) => table[c] ?? c).join('') + line.slice(e);
  }
}

/** Make each failing check digit hold with one confusable substitution, when exactly one does. */
function correctChecks(
  lines: string[],
  layout: MrzLayout,
  corrections: [number, number, string, string][],
): void {
  for (const spec of layout.checks) {
    if (checkValid(lines, spec)) continue;
    const positions: [number, number][] = [[spec.at[0], spec.at[1]]];
    for (const [l, s, e] of spec.spans) for (let c = s; c < e; c++) positions.push([l, c]);
    const fixes: [number, number, string][] = [];
    for (const [l, c] of positions) {
      const from = (lines[l] as string)[c] as string;
      const numeric = layout.numeric.some(([nl, s, e]) => nl === l && c >= s && c < e);
      for (const to of CONFUSIONS[from] ?? '') {
        if (numeric && !/[0-9]/.test(to)) continue;
        const trial = [...lines];
        trial[l] = (trial[l] as string).slice(0, c) + to + (trial[l] as string).slice(c + 1);
        // The other checks must not break (a composite covers the same characters).
        if (
          checkValid(trial, spec) &&
          layout.checks.every((o) => o === spec || !checkValid(lines, o) || checkValid(trial, o))
        )
          fixes.push([l, c, to]);
      }
    }
    if (fixes.length !== 1) continue;
    const [l, c, to] = fixes[0] as [number, number, string];
    corrections.push([l, c, (lines[l] as string)[c] as string, to]);
    lines[l] = (lines[l] as string).slice(0, c) + to + (lines[l] as string).slice(c + 1);
  }
}

/** Normalise, correct and parse candidate MRZ lines (2 or 3 of them). */
export function readMrzLines(
  raw: readonly string[],
  box: MrzRead['box'] = { x: 0, y: 0, width: 0, height: 0 },
): MrzRead | null {
  const target = raw.length === 3 ? 30 : Math.max(...raw.map((l) => l.length)) > 40 ? 44 : 36;
  // 'K' is worth 20, a multiple of 10 at every weight: check digits cannot tell 'KKK' from the
  // '<<<' it usually is (PP-OCR reads chevron runs as K), and no name or number has three Ks.
  const lines = raw.map((l) =>
    fitLength(
      normalizeMrzText(l).replace(/K{3,}/g, (m) => '<'.repeat(m.length)),
      target,
    ),
  );
  const layout = layoutFor(lines);
  if (!layout) return null;
  // Field-position confusions first (9303: dates/check digits are numeric, names alphabetic).
  mapSpans(lines, layout.numeric, TO_DIGIT);
  mapSpans(lines, layout.alpha, TO_LETTER);
  const corrections: [number, number, string, string][] = [];
  correctChecks(lines, layout, corrections);
  return finishRead(lines, layout, corrections, box);
}

/** The read of lines that already have the layout's length: checks, fields, verdict. */
export function finishRead(
  lines: readonly string[],
  layout: MrzLayout,
  corrections: readonly (readonly [number, number, string, string])[],
  box: MrzRead['box'],
): MrzRead {
  const checks = layout.checks.map((spec) => ({ field: spec.field, valid: checkValid(lines, spec) }));
  return {
    format: layout.format,
    lines,
    checks,
    valid: checks.every((c) => c.valid),
    corrections,
    fields: extractFields(lines, layout),
    box,
  };
}
