/**
 * ICAO Doc 9303 machine-readable-zone layouts: where each check digit sits and what it covers.
 * Part 4 (TD3, passports), part 5 (TD1), part 6 (TD2), part 7 (MRV-A / MRV-B visas, no
 * composite check), and the French national ID card (2×36, pre-2021), which `mrz` also parses.
 */

export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB' | 'FRENCH_NATIONAL_ID';

/** A span of one line: [line, start, end). */
export type Span = readonly [number, number, number];

export interface CheckSpec {
  readonly field:
    'documentNumber' | 'birthDate' | 'expirationDate' | 'personalNumber' | 'composite' | 'issueAndDocument';
  /** Characters covered, concatenated in order. */
  readonly spans: readonly Span[];
  /** Position of the check digit. */
  readonly at: readonly [number, number];
  /** An all-filler field may carry '<' as its check digit (9303 part 4 §4.2.2, personal number). */
  readonly fillerAllowed?: boolean;
}

export interface MrzLayout {
  readonly format: MrzFormat;
  readonly lines: number;
  readonly length: number;
  readonly checks: readonly CheckSpec[];
  /** Spans holding only digits (dates, check digits): letters there are OCR confusions. */
  readonly numeric: readonly Span[];
  /** Spans holding only letters and fillers (names, state codes). */
  readonly alpha: readonly Span[];
  /** Sex: 'M', 'F', or '<'/'X' unspecified (9303 part 4 §4.2.2). */
  readonly sex: readonly [number, number];
  /** Name fields (primary and secondary identifiers): what the check digits do not cover. */
  readonly names: readonly Span[];
}

const td3Like = (format: 'TD3' | 'MRVA', composite: boolean): MrzLayout => ({
  format,
  lines: 2,
  length: 44,
  checks: [
    { field: 'documentNumber', spans: [[1, 0, 9]], at: [1, 9] },
    { field: 'birthDate', spans: [[1, 13, 19]], at: [1, 19] },
    { field: 'expirationDate', spans: [[1, 21, 27]], at: [1, 27] },
    ...(composite
      ? [
          { field: 'personalNumber', spans: [[1, 28, 42]], at: [1, 42], fillerAllowed: true } as const,
          {
            field: 'composite',
            spans: [
              [1, 0, 10],
              [1, 13, 20],
              [1, 21, 43],
            ],
            at: [1, 43],
          } as const,
        ]
      : []),
  ],
  numeric: [[1, 13, 20], [1, 21, 28], [1, 9, 10], ...(composite ? ([[1, 43, 44]] as const) : [])],
  alpha: [
    [0, 0, 1],
    [0, 2, 44],
    [1, 10, 13],
    [1, 20, 21],
  ],
  sex: [1, 20],
  names: [[0, 5, 44]],
});

const td2Like = (format: 'TD2' | 'MRVB', composite: boolean): MrzLayout => ({
  format,
  lines: 2,
  length: 36,
  checks: [
    { field: 'documentNumber', spans: [[1, 0, 9]], at: [1, 9] },
    { field: 'birthDate', spans: [[1, 13, 19]], at: [1, 19] },
    { field: 'expirationDate', spans: [[1, 21, 27]], at: [1, 27] },
    ...(composite
      ? [
          {
            field: 'composite',
            spans: [
              [1, 0, 10],
              [1, 13, 20],
              [1, 21, 35],
            ],
            at: [1, 35],
          } as const,
        ]
      : []),
  ],
  numeric: [
    [1, 13, 20],
    [1, 21, 28],
    [1, 9, 10],
  ],
  alpha: [
    [0, 0, 1],
    [0, 2, 36],
    [1, 10, 13],
    [1, 20, 21],
  ],
  sex: [1, 20],
  names: [[0, 5, 36]],
});

export const LAYOUTS: Readonly<Record<MrzFormat, MrzLayout>> = {
  TD3: td3Like('TD3', true),
  MRVA: td3Like('MRVA', false),
  TD2: td2Like('TD2', true),
  MRVB: td2Like('MRVB', false),
  TD1: {
    format: 'TD1',
    lines: 3,
    length: 30,
    checks: [
      { field: 'documentNumber', spans: [[0, 5, 14]], at: [0, 14] },
      { field: 'birthDate', spans: [[1, 0, 6]], at: [1, 6] },
      { field: 'expirationDate', spans: [[1, 8, 14]], at: [1, 14] },
      {
        field: 'composite',
        spans: [
          [0, 5, 30],
          [1, 0, 7],
          [1, 8, 15],
          [1, 18, 29],
        ],
        at: [1, 29],
      },
    ],
    numeric: [
      [1, 0, 7],
      [1, 8, 15],
      [1, 29, 30],
    ],
    alpha: [
      [0, 0, 1],
      [0, 2, 5],
      [1, 7, 8],
      [1, 15, 18],
      [2, 0, 30],
    ],
    sex: [1, 7],
    names: [[2, 0, 30]],
  },
  FRENCH_NATIONAL_ID: {
    format: 'FRENCH_NATIONAL_ID',
    lines: 2,
    length: 36,
    checks: [
      { field: 'documentNumber', spans: [[1, 0, 12]], at: [1, 12] },
      { field: 'birthDate', spans: [[1, 27, 33]], at: [1, 33] },
      {
        field: 'composite',
        spans: [
          [0, 0, 36],
          [1, 0, 35],
        ],
        at: [1, 35],
      },
    ],
    numeric: [
      [1, 0, 4],
      [1, 27, 34],
      [1, 35, 36],
    ],
    alpha: [
      [0, 0, 30],
      [1, 13, 27],
      [1, 34, 35],
    ],
    sex: [1, 34],
    names: [
      [0, 5, 30],
      [1, 13, 27],
    ],
  },
};

/** ICAO 9303 part 3 §4.9: weights 7,3,1; digits as is, A–Z = 10–35, '<' = 0. */
export function checkDigit(text: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0;
    sum += v * (weights[i % 3] as number);
  }
  return sum % 10;
}

export function spanText(lines: readonly string[], spans: readonly Span[]): string {
  return spans.map(([l, s, e]) => (lines[l] ?? '').slice(s, e)).join('');
}

export function checkValid(lines: readonly string[], spec: CheckSpec): boolean {
  const digit = (lines[spec.at[0]] ?? '')[spec.at[1]];
  const covered = spanText(lines, spec.spans);
  if (digit === '<') return spec.fillerAllowed === true && /^<*$/.test(covered);
  return digit !== undefined && /[0-9]/.test(digit) && Number(digit) === checkDigit(covered);
}

/** Which layout two or three lines of one length follow. */
export function layoutFor(lines: readonly string[]): MrzLayout | null {
  const first = lines[0] ?? '';
  const n = lines.length,
    len = first.length;
  if (n === 3 && len === 30) return LAYOUTS.TD1;
  if (n !== 2) return null;
  if (len === 44) return first.startsWith('V') ? LAYOUTS.MRVA : LAYOUTS.TD3;
  if (len === 36) {
    if (first.startsWith('V')) return LAYOUTS.MRVB;
    if (first.startsWith('IDFRA')) return LAYOUTS.FRENCH_NATIONAL_ID;
    return LAYOUTS.TD2;
  }
  return null;
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ANY = '<' + DIGITS + LETTERS;

/**
 * The characters each position of the layout may hold (per line): digits in dates and check
 * digits, letters and fillers in names and codes, M/F/X/< for sex, and calendar-possible first
 * digits of month and day in YYMMDD dates.
 */
export function positionCharsets(layout: MrzLayout): string[][] {
  const sets = Array.from({ length: layout.lines }, () => new Array<string>(layout.length).fill(ANY));
  const put = ([l, s, e]: Span, chars: string) => {
    for (let c = s; c < e; c++) (sets[l] as string[])[c] = chars;
  };
  for (const span of layout.alpha) put(span, '<' + LETTERS);
  for (const span of layout.numeric) put(span, DIGITS);
  for (const spec of layout.checks) {
    const [l, c] = spec.at;
    put([l, c, c + 1], spec.fillerAllowed ? '<' + DIGITS : DIGITS);
    if (spec.field === 'birthDate' || spec.field === 'expirationDate') {
      // 9303 part 3: an unknown part of the date of birth is filled with '<'.
      const unknown = spec.field === 'birthDate' ? '<' : '';
      const [dl, ds, de] = spec.spans[0] as Span;
      put([dl, ds, de], DIGITS + unknown);
      put([dl, ds + 2, ds + 3], '01' + unknown);
      put([dl, ds + 4, ds + 5], '0123' + unknown);
    }
  }
  const [sl, sc] = layout.sex;
  put([sl, sc, sc + 1], 'MFX<');
  return sets;
}
