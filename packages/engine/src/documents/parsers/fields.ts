import { CARD_STRUCT_FIELDS } from '@open-ekyc/contract';
import type { OcrLine } from '../ocr.js';
import { isRealDate, type DocumentType, type FieldEvidence } from './types.js';

/** Shared helpers for label-driven card parsers: labelled values, OCR confusions, dates. */

export interface FieldHit {
  readonly value: string;
  readonly confidence: number;
  readonly line: OcrLine;
}

const centreY = (l: OcrLine) => l.box.y + l.box.height / 2;

/**
 * The value printed for a label: the text after the label on the same OCR line; else the next
 * box on the same row to its right (the detector splits "NIK  :  3171…" at wide gaps); else,
 * when `below` allows it, the nearest line under the label that overlaps it horizontally
 * (cards that print a small caption above the value, e.g. UMID, LTO licences).
 */
export function labelled(
  lines: readonly OcrLine[],
  label: RegExp,
  options: { below?: boolean; accept?: (value: string) => boolean } = {},
): FieldHit | null {
  const accept = options.accept ?? (() => true);
  for (const line of lines) {
    const m = line.text.match(label);
    if (!m) continue;
    const rest = clean(line.text.slice((m.index ?? 0) + m[0].length));
    if (rest && accept(rest)) return { value: rest, confidence: line.confidence, line };
    const right = lines
      .filter(
        (l) =>
          l !== line &&
          Math.abs(centreY(l) - centreY(line)) < Math.min(l.box.height, line.box.height) / 2 &&
          l.box.x > line.box.x,
      )
      .sort((a, b) => a.box.x - b.box.x)[0];
    if (right && !rest) {
      const v = clean(right.text);
      if (v && accept(v)) return { value: v, confidence: right.confidence, line: right };
    }
    if (options.below !== false) {
      const under = lines
        .filter(
          (l) =>
            centreY(l) > line.box.y + line.box.height &&
            l.box.x < line.box.x + line.box.width + line.box.height * 4 &&
            l.box.x + l.box.width > line.box.x - line.box.height,
        )
        .sort((a, b) => centreY(a) - centreY(b))[0];
      const v = under ? clean(under.text) : '';
      if (under && v && !looksLikeLabel(v) && accept(v))
        return { value: v, confidence: under.confidence, line: under };
    }
  }
  return null;
}

/**
 * A label regex that tolerates what the recogniser does to printed captions: stray spaces inside
 * words ("Nam e", "Ala mat", the CTC gap heuristic in ocr.ts), case, I/l/1 and O/0. Several
 * spellings may be given; none may start inside a longer word.
 */
export function label(...spellings: string[]): RegExp {
  const one = (words: string) =>
    [...words]
      .map((c) => {
        if (c === ' ') return String.raw`\s*`;
        if (/[Ii]/.test(c)) return String.raw`[Il1|i]\s?`;
        if (/[Oo]/.test(c)) return String.raw`[Oo0]\s?`;
        if (/[A-Za-z]/.test(c)) return `[${c.toUpperCase()}${c.toLowerCase()}]\\s?`;
        return `${c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}?\\s?`;
      })
      .join('');
  return new RegExp(`(?<![A-Za-z])(?:${spellings.map(one).join('|')})`);
}

/** Strip the separators OCR leaves between a label and its value. */
const clean = (s: string) => s.replace(/^[\s:;.,/|-]+/, '').trim();

/** Caption lines ("DATE OF BIRTH", "Sex") are not values: short, no digit, ends like a label. */
const looksLikeLabel = (s: string) => /^[A-Za-z ./']+:$/.test(s);

/** OCR reads of a digit as a letter (PP-OCR on card fonts: O/0, I/1/l, S/5, B/8, Z/2, G/6). */
const AS_DIGIT: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  Q: '0',
  D: '0',
  I: '1',
  l: '1',
  i: '1',
  '|': '1',
  S: '5',
  s: '5',
  B: '8',
  Z: '2',
  z: '2',
  G: '6',
  b: '6',
};
const AS_LETTER: Readonly<Record<string, string>> = {
  '0': 'O',
  '1': 'I',
  '5': 'S',
  '8': 'B',
  '2': 'Z',
  '6': 'G',
};

export const toDigits = (s: string): string => [...s].map((c) => AS_DIGIT[c] ?? c).join('');

/**
 * Fit OCR text to a positional template: `9` a digit, `A` a letter, other characters literal
 * (separators may be missing or be spaces in the OCR text). Confusable characters are mapped to
 * the class the position needs. Null when the character count or a class does not fit.
 */
export function fitTemplate(text: string, template: string): string | null {
  const slots = [...template].filter((c) => c === '9' || c === 'A');
  const chars = [...text.toUpperCase().replace(/[^0-9A-Z|]/g, '')];
  if (chars.length !== slots.length) return null;
  let out = '',
    k = 0;
  for (const t of template) {
    if (t !== '9' && t !== 'A') {
      out += t;
      continue;
    }
    const c = chars[k++] as string;
    const fixed = t === '9' ? (AS_DIGIT[c] ?? c) : (AS_LETTER[c] ?? c);
    if (t === '9' ? !/\d/.test(fixed) : !/[A-Z]/.test(fixed)) return null;
    out += fixed;
  }
  return out;
}

/**
 * Find the first run of text on any line that fits `template`, tolerating spaces and missing or
 * extra separators. `candidate` picks the raw run to try from a line (a permissive regex).
 */
export function findTemplate(
  lines: readonly OcrLine[],
  candidate: RegExp,
  template: string,
): { value: string; line: OcrLine } | null {
  for (const line of lines)
    for (const m of line.text.matchAll(
      new RegExp(candidate.source, 'g' + candidate.flags.replace('g', '')),
    )) {
      const value = fitTemplate(m[0], template);
      if (value) return { value, line };
    }
  return null;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** A digit group as OCR may read it (O for 0, I/l for 1, S for 5, B for 8). */
const G = (n: string) => `([0-9OIl|SB]${n})`;
const SEP = String.raw`\s?[/.-]\s?`;
const NUM_YMD = new RegExp(
  `(?<![0-9A-Za-z])${G('{4}')}${SEP}${G('{1,2}')}${SEP}${G('{1,2}')}(?![0-9A-Za-z])`,
);
const NUM_DMY = new RegExp(
  `(?<![0-9A-Za-z])${G('{1,2}')}${SEP}${G('{1,2}')}${SEP}${G('{4}')}(?![0-9A-Za-z])`,
);

/**
 * A date as printed on Philippine / Indonesian cards: "1996/06/20", "17-08-1990", "20.06.1996",
 * "March 13,1985", "JULY 7, 1980", "13 MAR 1985". Null when none is found or it is not a real
 * date; `text` is the date as printed (the struct fields keep the card's format).
 */
export function findDate(text: string): { date: Ymd; text: string } | null {
  const n = (s: string | undefined) => Number(toDigits(s ?? ''));
  // Month names may come with the recogniser's stray spaces ("M arch"): close letter-letter gaps.
  const t = text.replace(/(?<=[A-Za-z]) (?=[A-Za-z]{1,8}\b)/g, '');
  const tries: [RegExpMatchArray | null, (m: RegExpMatchArray) => Ymd | null][] = [
    [text.match(NUM_YMD), (m) => real(n(m[1]), n(m[2]), n(m[3]))],
    [text.match(NUM_DMY), (m) => real(n(m[3]), n(m[2]), n(m[1]))],
    [
      t.match(/\b([A-Z]{3})[A-Z]*\.?\s*(\d{1,2})\s*,\s*(\d{4})\b/i),
      (m) => real(Number(m[3]), month(m[1]), Number(m[2])),
    ],
    [
      t.match(/\b(\d{1,2})\s*([A-Z]{3})[A-Z]*\.?\s*(\d{4})\b/i),
      (m) => real(Number(m[3]), month(m[2]), Number(m[1])),
    ],
  ];
  for (const [m, toDate] of tries) {
    const date = m ? toDate(m) : null;
    if (m && date)
      return { date, text: (m.input ?? '').slice(m.index ?? 0, (m.index ?? 0) + m[0].length).trim() };
  }
  return null;
}

export const parseDate = (text: string): Ymd | null => findDate(text)?.date ?? null;

const month = (name: string | undefined) =>
  MONTHS.indexOf((name ?? '').toUpperCase() as (typeof MONTHS)[number]) + 1;

const real = (y: number, m: number, d: number): Ymd | null =>
  m >= 1 && isRealDate(y, m, d) ? { y, m, d } : null;

export const isoDate = ({ y, m, d }: Ymd): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export const sameDate = (a: Ymd | null, b: Ymd | null): boolean =>
  a !== null && b !== null && a.y === b.y && a.m === b.m && a.d === b.d;

/** Whole years from `birth` to `now` (UTC). */
export function ageOn(birth: Ymd, now: Date): number {
  const y = now.getUTCFullYear() - birth.y;
  const beforeBirthday =
    now.getUTCMonth() + 1 < birth.m || (now.getUTCMonth() + 1 === birth.m && now.getUTCDate() < birth.d);
  return beforeBirthday ? y - 1 : y;
}

/** A field name of the type's §8 struct. */
export type StructField<T extends DocumentType> = (typeof CARD_STRUCT_FIELDS)[T][number];

/**
 * Every field of the type's §8 struct, null: the names and their order are the contract's
 * (CARD_STRUCT_FIELDS), so a parser's output is field-exact to what the result mappers emit.
 */
export function emptyFields<T extends DocumentType>(type: T): Record<StructField<T>, string | null> {
  return Object.fromEntries(CARD_STRUCT_FIELDS[type].map((k) => [k, null])) as Record<
    StructField<T>,
    string | null
  >;
}

/** Builds a parser's `fields` (every struct key, null until set) and `evidence` together. */
export function fieldSet<T extends DocumentType>(
  type: T,
): {
  fields: Record<StructField<T>, string | null>;
  evidence: Record<string, FieldEvidence>;
  put: (key: StructField<T>, value: string | null, confidence: number, valid?: boolean) => void;
} {
  const fields = emptyFields(type);
  const evidence: Record<string, FieldEvidence> = {};
  const put = (key: StructField<T>, value: string | null, confidence: number, valid?: boolean) => {
    if (!(key in fields)) throw new Error(`not a struct field: ${key}`);
    if (value === null || value === '') return;
    fields[key] = value;
    evidence[key] = valid === undefined ? { confidence } : { confidence, valid };
  };
  return { fields, evidence, put };
}
