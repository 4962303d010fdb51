import { findLine, isRealDate, type FieldEvidence, type ParseInput, type ParsedDocument } from './types.js';
import { emptyFields } from './fields.js';

/**
 * HKID check digit (Hong Kong Immigration Department scheme, as published in e.g. the
 * Wikipedia "Hong Kong identity card" article): weights 9..2 over the (space-padded to two)
 * prefix letters (space = 36, A..Z = 10..35) and six digits; check = 11 - sum mod 11,
 * 10 → 'A', 11 → '0'.
 */
export function hkidCheckDigit(prefix: string, digits: string): string {
  const letters =
    prefix.length === 1 ? [36, prefix.charCodeAt(0) - 55] : [...prefix].map((c) => c.charCodeAt(0) - 55);
  let sum = 9 * (letters[0] as number) + 8 * (letters[1] as number);
  for (let i = 0; i < 6; i++) sum += (7 - i) * Number(digits[i]);
  const r = 11 - (sum % 11);
  return r === 11 ? '0' : r === 10 ? 'A' : String(r);
}

const HKID = /\b([A-Z]{1,2})\s?([0-9OIl]{6})\s?[(（]?\s?([0-9A])\s?[)）]?/;
const DMY = /\b(\d{2})[-./](\d{2})[-./](\d{4})\b/;

export function parseHkid({ lines }: ParseInput): ParsedDocument {
  const evidence: Record<string, FieldEvidence> = {};
  const fields = emptyFields('HKIDCard');
  const id = findLine(lines, HKID);
  if (id) {
    const [, prefix = '', rawDigits = '', check = ''] = id.match;
    const digits = rawDigits.replace(/O/g, '0').replace(/[Il]/g, '1');
    fields.IdNum = `${prefix}${digits}(${check})`;
    evidence.IdNum = { confidence: id.line.confidence, valid: hkidCheckDigit(prefix, digits) === check };
  }
  const birth = findLine(lines, DMY);
  if (birth) {
    const [, d = '', m = '', y = ''] = birth.match;
    fields.Birthday = `${d}-${m}-${y}`;
    evidence.Birthday = {
      confidence: birth.line.confidence,
      valid: isRealDate(Number(y), Number(m), Number(d)),
    };
  }
  const sex = findLine(lines, /(?:^|[^A-Z])([MF])(?:$|[^A-Z])/);
  const sexLine = lines.find(
    (l) => /^\s*(男|女)?\s*[MF]\s*$/.test(l.text) || /\b(?:\d{2}-\d{2}-\d{4})\s+[MF]\b/.test(l.text),
  );
  if (sexLine) {
    fields.Sex = /F\s*$|F\b/.test(sexLine.text.replace(/\d{2}-\d{2}-\d{4}/, '')) ? 'F' : 'M';
    evidence.Sex = { confidence: sexLine.confidence };
  } else if (sex && sex.line.text.trim().length <= 3) {
    fields.Sex = sex.match[1] ?? null;
    evidence.Sex = { confidence: sex.line.confidence };
  }
  const symbol = findLine(lines, /(\*{3}[A-Z]{0,3}|\*{1,3}[A-Z]{1,3})/);
  if (symbol) {
    fields.Symbol = symbol.match[1] ?? null;
    evidence.Symbol = { confidence: symbol.line.confidence };
  }
  // First issue "(MM-YY)" and current issue "DD-MM-YY" (printed on the card below the number).
  const first = findLine(lines, /\((\d{2})-(\d{2})\)/);
  if (first) {
    fields.FirstIssueDate = `(${first.match[1]}-${first.match[2]})`;
    evidence.FirstIssueDate = {
      confidence: first.line.confidence,
      valid: Number(first.match[1]) >= 1 && Number(first.match[1]) <= 12,
    };
  }
  const current = findLine(lines, /(?:^|[^\d-])(\d{2})-(\d{2})-(\d{2})(?![\d-])/);
  if (current) {
    const [, d = '', m = '', y = ''] = current.match;
    fields.CurrentIssueDate = `${d}-${m}-${y}`;
    evidence.CurrentIssueDate = {
      confidence: current.line.confidence,
      valid:
        isRealDate(2000 + Number(y), Number(m), Number(d)) ||
        isRealDate(1900 + Number(y), Number(m), Number(d)),
    };
  }
  const en = findLine(lines, /^([A-Z][A-Z'-]+,\s*[A-Z][A-Za-z' -]+)$/);
  if (en) {
    fields.EnName = en.match[1] ?? null;
    evidence.EnName = { confidence: en.line.confidence };
  }
  const cn = findLine(lines, /^\s*([\u4e00-\u9fff]{2,4})\s*$/);
  if (cn && !/香港|身份|永久|居民/.test(cn.match[1] ?? '')) {
    fields.CnName = cn.match[1] ?? null;
    evidence.CnName = { confidence: cn.line.confidence };
  }
  const telex = findLine(lines, /^\s*(\d{4}(?:\s+\d{4}){1,3})\s*$/);
  if (telex) {
    fields.TelexCode = telex.match[1] ?? null;
    evidence.TelexCode = { confidence: telex.line.confidence };
  }
  const all = lines.map((l) => l.text.toUpperCase()).join(' ');
  fields.Permanent = /PERMANENT|永久/.test(all) ? '1' : /IDENTITY CARD|身份證/.test(all) ? '0' : '-1';
  return { type: 'HKIDCard', fields, evidence };
}
