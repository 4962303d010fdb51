import { parse as parseMrzLines } from 'mrz';
import type { RgbImage } from '../types.js';
import {
  checkValid,
  layoutFor,
  type CheckSpec,
  type MrzFormat,
  type MrzLayout,
  type Span,
} from './mrz-layout.js';
import { crop, resizeRaw, type OcrEngine, type OcrLine } from './ocr.js';
import { mrzRows, normalizeMrzText, withMissingRows, type Row } from './mrz-rows.js';

export { isMrzLike, normalizeMrzText } from './mrz-rows.js';

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

export interface MrzFields {
  readonly documentCode: string;
  readonly issuingState: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly documentNumber: string;
  readonly nationality: string;
  /** YYMMDD as printed. */
  readonly birthDate: string;
  readonly sex: string;
  readonly expirationDate: string;
  readonly personalNumber: string;
  /** `mrz` package verdict (it also checks state codes against its list). */
  readonly mrzPackageValid: boolean;
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

function names(text: string): { lastName: string; firstName: string } {
  const [last = '', ...rest] = text.replace(/<+$/, '').split('<<');
  return { lastName: last.replace(/</g, ' ').trim(), firstName: rest.join(' ').replace(/</g, ' ').trim() };
}

function extractFields(lines: readonly string[], layout: MrzLayout): MrzFields {
  const l0 = lines[0] as string,
    l1 = lines[1] as string;
  const clean = (s: string) => s.replace(/</g, ' ').trim();
  let pkgValid = false;
  try {
    if (layout.format !== 'MRVA' && layout.format !== 'MRVB')
      pkgValid = parseMrzLines(lines, { autocorrect: true }).valid;
  } catch {
    pkgValid = false; // `mrz` throws on lines it cannot lay out; our own layout still applies.
  }
  if (layout.format === 'TD1') {
    return {
      documentCode: clean(l0.slice(0, 2)),
      issuingState: clean(l0.slice(2, 5)),
      ...names(lines[2] as string),
      documentNumber: clean(l0.slice(5, 14)),
      nationality: clean(l1.slice(15, 18)),
      birthDate: l1.slice(0, 6),
      sex: clean(l1.slice(7, 8)),
      expirationDate: l1.slice(8, 14),
      personalNumber: clean(l0.slice(15, 30)),
      mrzPackageValid: pkgValid,
    };
  }
  if (layout.format === 'FRENCH_NATIONAL_ID') {
    return {
      documentCode: 'ID',
      issuingState: 'FRA',
      lastName: clean(l0.slice(5, 30)),
      firstName: clean(l1.slice(13, 27).replace(/<<+/g, ' ')),
      documentNumber: l1.slice(0, 12),
      nationality: 'FRA',
      birthDate: l1.slice(27, 33),
      sex: l1.slice(34, 35),
      expirationDate: '',
      personalNumber: '',
      mrzPackageValid: pkgValid,
    };
  }
  const len = layout.length;
  return {
    documentCode: clean(l0.slice(0, 2)),
    issuingState: clean(l0.slice(2, 5)),
    ...names(l0.slice(5, len)),
    documentNumber: clean(l1.slice(0, 9)),
    nationality: clean(l1.slice(10, 13)),
    birthDate: l1.slice(13, 19),
    sex: clean(l1.slice(20, 21)),
    expirationDate: l1.slice(21, 27),
    personalNumber:
      layout.format === 'TD3'
        ? clean(l1.slice(28, 42))
        : layout.format === 'TD2'
          ? clean(l1.slice(28, 35))
          : clean(l1.slice(28, len)),
    mrzPackageValid: pkgValid,
  };
}

/** 'K' touching a filler in the name zone: usually a misread '<' (ml-stack-probe §5); a soft tie-break only. */
function fillerConfusions(r: MrzRead): number {
  // 'K' (value 20) adds a multiple of 10 at every weight, so check digits cannot tell it from '<';
  // a lone character after a run of fillers is a stain or a misread chevron.
  let n = 0;
  for (const l of r.lines) {
    for (let i = 0; i < l.length; i++)
      if (l[i] === 'K' && ('<K'.includes(l[i - 1] ?? '-') || '<K'.includes(l[i + 1] ?? '-'))) n++;
    if (/<<<[A-Z0-9]<*$/.test(l)) n++;
  }
  return n;
}

const score = (r: MrzRead): number =>
  r.checks.filter((c) => c.valid).length / r.checks.length + (r.valid ? 1 : 0) - r.corrections.length * 0.01;

function union(boxes: readonly Row['box'][]): Row['box'] {
  const x = Math.min(...boxes.map((b) => b.x)),
    y = Math.min(...boxes.map((b) => b.y));
  return {
    x,
    y,
    width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - y,
  };
}

/**
 * Horizontal stretches for re-reading an MRZ row. OCR-B MRZ glyphs are narrower than the text
 * PP-OCRv4 rec was trained on, so at its 48 px height a 44-character row gets too few CTC steps
 * per character and drops letters ("MAENNIK" → "MENK"). Measured on the dev specimens (row
 * exact-read counts, 34 rows): stretch 1.0 → 6, 1.5 → 10, 2.0 → 15; 2.5 kept as an alternative.
 */
export const ROW_STRETCHES = [2, 1.5, 2.5] as const;
/** Vertical padding around a row crop, share of its height. */
const ROW_PAD = 0.15;

interface RowCandidate {
  readonly texts: string[];
  readonly box: Row['box'];
}

/** Re-read one MRZ row on its own crop over the MRZ's full width [x0, x1), at each stretch. */
async function rereadRow(
  image: RgbImage,
  ocr: OcrEngine,
  row: Row,
  x0: number,
  x1: number,
  stretches: readonly number[],
): Promise<string[]> {
  const pad = Math.round(row.box.height * ROW_PAD);
  const y0 = Math.max(0, Math.floor(row.box.y) - pad),
    y1 = Math.min(image.height, Math.ceil(row.box.y + row.box.height) + pad);
  const c = crop(image, x0, y0, x1 - x0, y1 - y0);
  const texts: string[] = [];
  for (const k of stretches) {
    const w = Math.round(((c.width * 48) / c.height) * k);
    texts.push(
      normalizeMrzText(
        (await ocr.recognizeLine({ width: w, height: 48, data: await resizeRaw(c, w, 48) })).text,
      ),
    );
  }
  return texts;
}

/** Best reading over the combinations of per-row candidates (≤ 4³ parses, each microseconds). */
function bestCombination(rows: readonly RowCandidate[]): MrzRead | null {
  const target =
    rows.length === 3 ? 30 : Math.max(...rows.flatMap((r) => r.texts.map((t) => t.length))) > 40 ? 44 : 36;
  let best: MrzRead | null = null,
    bestScore = -Infinity;
  const visit = (i: number, picked: string[], lengthHits: number): void => {
    if (i === rows.length) {
      const read = readMrzLines(picked, union(rows.map((r) => r.box)));
      if (!read) return;
      const s =
        score(read) +
        lengthHits * 0.05 +
        (read.fields.mrzPackageValid ? 0.1 : 0) -
        fillerConfusions(read) * 0.02;
      if (s > bestScore) {
        bestScore = s;
        best = read;
      }
      return;
    }
    const seen = new Set<string>();
    for (const t of (rows[i] as RowCandidate).texts) {
      if (seen.has(t) || t.length < 10) continue;
      seen.add(t);
      visit(i + 1, [...picked, t], lengthHits + (t.length === target ? 1 : 0));
    }
  };
  visit(0, [], 0);
  return best;
}

/**
 * MRZ from an image: find the MRZ-like rows in the whole-image OCR, then re-read each row on
 * its own stretched crop (ROW_STRETCHES) and keep the combination whose check digits hold.
 */
export async function readMrz(
  image: RgbImage,
  ocr: OcrEngine,
  lines: readonly OcrLine[],
): Promise<MrzRead | null> {
  const found = mrzRows(lines).slice(-4);
  if (!found.length) return null;
  const filled = withMissingRows(found).slice(-4);
  // All MRZ rows share their left/right extent (ICAO 9303 fixed positions): crop over the union.
  const x0 = Math.max(0, Math.floor(Math.min(...found.map((r) => r.box.x)) - 2));
  const x1 = Math.min(image.width, Math.ceil(Math.max(...found.map((r) => r.box.x + r.box.width)) + 2));
  const cache = new Map<Row, string[][]>();
  const reread = async (row: Row, tier: 0 | 1): Promise<string[]> => {
    const tiers = cache.get(row) ?? [];
    cache.set(row, tiers);
    tiers[tier] ??= await rereadRow(
      image,
      ocr,
      row,
      x0,
      x1,
      tier === 0 ? ROW_STRETCHES.slice(0, 1) : ROW_STRETCHES.slice(1),
    );
    return tiers[tier];
  };
  const candidate = async (row: Row, tiers: readonly (0 | 1)[]): Promise<RowCandidate> => {
    const texts: string[] = [];
    for (const t of tiers) texts.push(...(await reread(row, t)));
    return {
      texts: [...texts, row.text],
      box: { x: x0, y: row.box.y, width: x1 - x0, height: row.box.height },
    };
  };
  let best: MrzRead | null = null;
  // Lines of 36/44 characters mean a 2-line MRZ; try the likelier count first, and the bottom
  // window before those above it (a stray fragment row may sit below the MRZ); with and without
  // the gap-filling rows.
  const order = Math.max(0, ...found.slice(-2).map((r) => r.text.length)) >= 34 ? [2, 3] : [3, 2];
  for (const n of order) {
    for (const rows of filled.length === found.length ? [found] : [found, filled]) {
      for (let end = rows.length; end >= n; end--) {
        const group = rows.slice(end - n, end);
        // Stretch 2 alone first (the best single reading); the others only when check digits fail.
        let read = bestCombination(await Promise.all(group.map((r) => candidate(r, [0]))));
        if (!read?.valid) read = bestCombination(await Promise.all(group.map((r) => candidate(r, [0, 1]))));
        if (read && (!best || score(read) > score(best))) best = read;
        if (best?.valid) return best;
      }
    }
  }
  return best;
}
