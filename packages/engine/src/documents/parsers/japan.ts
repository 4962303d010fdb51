import type { OcrLine } from '../ocr.js';
import { ageOn, fieldSet, isoDate, labelled, toDigits, type Ymd } from './fields.js';
import { isRealDate, type ParseInput, type ParsedDocument } from './types.js';

/**
 * JapanIDCard (spec §8: FullName, LicenseNumber, Age, Birthday, ExpirationDate, FormattedAddress)
 * from a driving licence (番号 "第 123456789012 号") or a My Number card (個人番号, 12 digits in
 * 4-4-4). Dates are printed in the Japanese era ("昭和60年 1月 1日生") or, for expiry on
 * licences since 2019, Gregorian with the era in brackets; both come out as YYYY-MM-DD.
 */
const ERAS: Readonly<Record<string, number>> = { 明治: 1868, 大正: 1912, 昭和: 1926, 平成: 1989, 令和: 2019 };

/**
 * My Number check digit (総務省令第85号 第5条): over the 11 digits, P_n the n-th digit from the
 * right, Q_n = n + 1 for n ≤ 6 and n − 5 for n ≥ 7; r = Σ P_n·Q_n mod 11; check = 0 when r ≤ 1,
 * else 11 − r.
 */
export function myNumberCheckDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) return null;
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += Number(first11[11 - n]) * (n <= 6 ? n + 1 : n - 5);
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

/** "昭和60年1月1日", "平成元年 4月 1日", "2030年(令和12年)01月01日", "1985/01/01" → date. */
export function japaneseDate(text: string): Ymd | null {
  const t = toDigits(text.replace(/\s/g, '')).replace(/元年/g, '1年');
  let m = t.match(/(明治|大正|昭和|平成|令和)(\d{1,2})年(\d{1,2})月(\d{1,2})日/);
  if (m) return real((ERAS[m[1] as string] as number) + Number(m[2]) - 1, Number(m[3]), Number(m[4]));
  m = t.match(/(\d{4})年(?:\([^)]*\))?(\d{1,2})月(\d{1,2})日/);
  if (m) return real(Number(m[1]), Number(m[2]), Number(m[3]));
  m = t.match(/(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)/);
  if (m) return real(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}
const real = (y: number, m: number, d: number): Ymd | null => (isRealDate(y, m, d) ? { y, m, d } : null);

const NUMBER = /(?<!\d)(\d{4})\s?(\d{4})\s?(\d{4})(?!\d)/;
/**
 * "まで有効" / "有効期限": the recogniser's dictionary (ppocr_keys_v1, Chinese) has no kana and
 * no Japanese 効, so it reads 有 and at best the Chinese 效.
 */
const EXPIRY = /有[効效]?|まで|期限/;

export function parseJapan({ lines }: ParseInput, now = new Date()): ParsedDocument {
  const { fields, evidence, put } = fieldSet('JapanIDCard');
  const all = lines.map((l) => l.text).join('\n');
  const isMyNumber = /個人番号|マイナンバー|MY\s*NUMBER/i.test(all);
  const numberLine = lines.find((l) => NUMBER.test(toDigits(l.text).replace(/[第号]/g, ' ')));
  if (numberLine) {
    const m = toDigits(numberLine.text).match(NUMBER) as RegExpMatchArray;
    const digits = `${m[1]}${m[2]}${m[3]}`;
    // Licence numbers carry an undisclosed check digit: only the My Number one is verified.
    const valid = isMyNumber ? myNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]) : undefined;
    put('LicenseNumber', digits, numberLine.confidence, valid);
  }
  const name = labelled(lines, /氏\s*名/, { below: false });
  if (name)
    put('FullName', name.value.split(/(?:明治|大正|昭和|平成|令和|\d)/)[0]?.trim() ?? null, name.confidence);
  const birthLine = firstDated(lines, (l) => /生/.test(l.text) && !EXPIRY.test(l.text));
  if (birthLine) {
    put('Birthday', isoDate(birthLine.date), birthLine.line.confidence, true);
    put('Age', String(ageOn(birthLine.date, now)), birthLine.line.confidence);
  }
  const expiry = firstDated(lines, (l) => EXPIRY.test(l.text));
  if (expiry) put('ExpirationDate', isoDate(expiry.date), expiry.line.confidence, true);
  const address = labelled(lines, /住\s*所/, { below: false });
  if (address) put('FormattedAddress', address.value, address.confidence);
  return { type: 'JapanIDCard', fields, evidence };
}

function firstDated(
  lines: readonly OcrLine[],
  test: (l: OcrLine) => boolean,
): { line: OcrLine; date: Ymd } | null {
  for (const line of lines) {
    const date = test(line) ? japaneseDate(line.text) : null;
    if (date) return { line, date };
  }
  return null;
}
