import type { OcrLine } from '../ocr.js';
import { fieldSet, labelled, toDigits } from './fields.js';
import { isRealDate, type ParseInput, type ParsedDocument } from './types.js';

/**
 * Resident identity card number (GB 11643-1999): 6-digit region (GB/T 2260), birth date
 * YYYYMMDD, 3-digit sequence (odd for men, even for women), check character by ISO 7064
 * MOD 11-2: weights 2^(17−i) mod 11, check = (12 − Σ mod 11) mod 11, 10 written "X".
 */
export function mainlandCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

/** First two digits of GB/T 2260 region codes (provinces; 71 Taiwan, 81/82/83 HK/Macao/Taiwan residence permits). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

export interface MainlandIdInfo {
  readonly checkOk: boolean;
  readonly regionOk: boolean;
  readonly birth: { y: number; m: number; d: number } | null;
  readonly male: boolean;
}

export function decodeMainlandId(id: string): MainlandIdInfo | null {
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  const y = Number(id.slice(6, 10)),
    m = Number(id.slice(10, 12)),
    d = Number(id.slice(12, 14));
  return {
    checkOk: mainlandCheckChar(id.slice(0, 17)) === id[17],
    regionOk: PROVINCES.has(Number(id.slice(0, 2))),
    birth: isRealDate(y, m, d) ? { y, m, d } : null,
    male: Number(id[16]) % 2 === 1,
  };
}

/** 17 digits (OCR may read 0 as O or D, 1 as I/l) then a digit or X (also read x or ×). */
const ID_RUN = /(?<![0-9A-Za-z])((?:[0-9OIlDSB]\s?){17})([0-9Xx×OIlDSB])(?![0-9A-Za-z])/;

export function parseMainland({ lines }: ParseInput): ParsedDocument {
  const { fields, evidence, put } = fieldSet('MainlandIDCard');
  let idLine: OcrLine | null = null;
  let info: MainlandIdInfo | null = null;
  for (const line of lines) {
    const m = line.text.replace(/公民身份号码/, ' ').match(ID_RUN);
    if (!m) continue;
    const id = toDigits(`${(m[1] ?? '').replace(/\s/g, '')}${/[Xx×]/.test(m[2] ?? '') ? 'X' : m[2]}`);
    info = decodeMainlandId(id);
    if (!info) continue;
    idLine = line;
    put('LicenseNumber', id, line.confidence, info.checkOk && info.regionOk && info.birth !== null);
    break;
  }
  const name = labelled(lines, /姓\s*名/, { below: false });
  if (name) put('FullName', name.value, name.confidence);
  // "性别 男  民族 汉" is one printed row; OCR may return it as one line or two boxes.
  const sex = lines.find((l) => /性\s*别/.test(l.text))?.text.match(/性\s*别\s*[:：]?\s*(男|女)/);
  const printedSex = sex?.[1] ?? null;
  const nation = labelled(lines, /民\s*族/, { below: false });
  if (nation) put('Nation', nation.value.replace(/\s/g, ''), nation.confidence);
  const birthLine = lines.find(
    (l) => /出\s*生/.test(l.text) || /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/.test(l.text),
  );
  const printedBirth = birthLine
    ? toDigits(birthLine.text).match(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/)
    : null;
  const birth = printedBirth
    ? { y: Number(printedBirth[1]), m: Number(printedBirth[2]), d: Number(printedBirth[3]) }
    : null;
  // Birth date and sex are encoded in the number: when the printed ones were not read (e.g. a
  // photo the recogniser reads only the digits of), they come from the number.
  const fromId = info?.birth ?? null;
  const b = birth ?? fromId;
  if (b) {
    const agrees =
      !birth || !fromId || (birth.y === fromId.y && birth.m === fromId.m && birth.d === fromId.d);
    put(
      'Birthday',
      `${b.y}/${b.m}/${b.d}`,
      (birthLine ?? idLine)?.confidence ?? 0,
      agrees && isRealDate(b.y, b.m, b.d),
    );
  }
  const sexFromId = info ? (info.male ? '男' : '女') : null;
  const s = printedSex ?? sexFromId;
  if (s) put('Sex', s, idLine?.confidence ?? 0, !printedSex || !sexFromId || printedSex === sexFromId);
  const address = addressLines(lines, idLine);
  if (address.length) {
    const conf = Math.min(...address.map((l) => l.confidence));
    const text = address.map((l, i) =>
      (i === 0 ? l.text.replace(/^.*?住\s*址\s*[:：]?\s*/, '') : l.text).trim(),
    );
    put('Address', text.join(''), conf);
    put('FormattedAddress', text.join('').replace(/\s+/g, ''), conf);
  }
  const authority = labelled(lines, /签\s*发\s*机\s*关/, { below: false });
  if (authority) put('Authority', authority.value, authority.confidence);
  const valid = labelled(lines, /有\s*效\s*期\s*限/, { below: false });
  if (valid) {
    const ok = /^\d{4}\.\d{2}\.\d{2}\s*-\s*(\d{4}\.\d{2}\.\d{2}|长期)$/.test(toDigits(valid.value));
    put('ValidDate', valid.value, valid.confidence, ok);
  }
  return { type: 'MainlandIDCard', fields, evidence };
}

/** The 住址 line and the lines that continue it, up to the number line. */
function addressLines(lines: readonly OcrLine[], idLine: OcrLine | null): OcrLine[] {
  const start = lines.findIndex((l) => /住\s*址/.test(l.text));
  if (start < 0) return [];
  const out = [lines[start] as OcrLine];
  for (const l of lines.slice(start + 1)) {
    if (l === idLine || /公民身份号码|签发机关|有效期限/.test(l.text)) break;
    out.push(l);
  }
  return out;
}
