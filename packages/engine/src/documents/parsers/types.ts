import { CARD_INFO_KEYS, type CardInfoKey } from '@open-ekyc/contract';
import type { MrzRead } from '../mrz.js';
import type { OcrLine } from '../ocr.js';

/** Per-field evidence: OCR confidence of the line it came from, and its validation when one exists. */
export interface FieldEvidence {
  readonly confidence: number;
  /** true/false when the field carries a check (check digit, date, code table); absent otherwise. */
  readonly valid?: boolean;
}

/** A parser's output: `fields` is field-exact to the spec's §8 struct (String or null). */
export interface ParsedDocument {
  readonly type: DocumentType;
  readonly fields: Readonly<Record<string, string | null>>;
  readonly evidence: Readonly<Record<string, FieldEvidence>>;
}

export interface ParseInput {
  readonly lines: readonly OcrLine[];
  readonly mrz: MrzRead | null;
}

/** The documents the engine reads: every §8 CardInfo key (the contract's) but the HMT permit, which has no parser. */
export type DocumentType = Exclude<CardInfoKey, 'HMTPermit'>;
export const DOCUMENT_TYPES: readonly DocumentType[] = CARD_INFO_KEYS.filter(
  (k): k is DocumentType => k !== 'HMTPermit',
);

/** First line matching `re`, with its match. */
export function findLine(
  lines: readonly OcrLine[],
  re: RegExp,
): { line: OcrLine; match: RegExpMatchArray } | null {
  for (const line of lines) {
    const match = line.text.match(re);
    if (match) return { line, match };
  }
  return null;
}

/** A real calendar date (rejects 31-02 etc.). */
export function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** YYMMDD → YYYY-MM-DD; birth dates take the century that puts them in the past. */
export function expandYyMmDd(yymmdd: string, kind: 'birth' | 'expiry', now = new Date()): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2)),
    mm = Number(yymmdd.slice(2, 4)),
    dd = Number(yymmdd.slice(4, 6));
  const cur = now.getUTCFullYear() % 100;
  const century = kind === 'birth' ? (yy > cur ? 1900 : 2000) : yy >= 70 ? 1900 : 2000;
  const year = century + yy;
  if (!isRealDate(year, mm, dd)) return null;
  return `${year}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}
