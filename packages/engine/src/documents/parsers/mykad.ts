import { findLine, isRealDate, type FieldEvidence, type ParseInput, type ParsedDocument } from './types.js';
import { emptyFields } from './fields.js';

/**
 * MyKad number YYMMDD-PB-###G (Jabatan Pendaftaran Negara): PB is the place-of-birth code.
 * Codes in use per JPN's published table: 01–16 and 21–59 (states), 60–68, 71–72, 74–79,
 * 82–93 and 98–99 (abroad / unknown). The last digit is odd for men, even for women.
 */
export function validPlaceOfBirth(code: number): boolean {
  const ranges: [number, number][] = [
    [1, 16],
    [21, 59],
    [60, 68],
    [71, 72],
    [74, 79],
    [82, 93],
    [98, 99],
  ];
  return ranges.some(([a, b]) => code >= a && code <= b);
}

const MYKAD = /\b(\d{2})(\d{2})(\d{2})\s?-\s?(\d{2})\s?-\s?(\d{4})\b/;
const NOT_NAME =
  /WARGANEGARA|LELAKI|PEREMPUAN|ISLAM|KRISTIAN|BUDDHA|HINDU|MYKAD|KAD PENGENALAN|MALAYSIA|IDENTITY CARD/i;

export function parseMykad({ lines }: ParseInput, now = new Date()): ParsedDocument {
  const evidence: Record<string, FieldEvidence> = {};
  const fields = emptyFields('MLIDCard');
  const id = findLine(lines, MYKAD);
  if (id) {
    const [, yy = '', mm = '', dd = '', pb = '', tail = ''] = id.match;
    fields.ID = `${yy}${mm}${dd}-${pb}-${tail}`;
    const year = (Number(yy) > now.getUTCFullYear() % 100 ? 1900 : 2000) + Number(yy);
    const dateOk = isRealDate(year, Number(mm), Number(dd));
    const pbOk = validPlaceOfBirth(Number(pb));
    evidence.ID = { confidence: id.line.confidence, valid: dateOk && pbOk };
    if (dateOk) {
      fields.Birthday = `${year}-${mm}-${dd}`;
      evidence.Birthday = { confidence: id.line.confidence, valid: true };
    }
    fields.Sex = Number(tail.slice(-1)) % 2 === 1 ? 'LELAKI' : 'PEREMPUAN';
    evidence.Sex = { confidence: id.line.confidence };
    // Name then address follow the number, top to bottom, until the citizenship/sex/religion line.
    const after = lines.filter(
      (l) =>
        l.box.y > id.line.box.y + id.line.box.height / 2 && !NOT_NAME.test(l.text) && /[A-Z]/.test(l.text),
    );
    const name = after[0];
    if (name) {
      fields.Name = name.text.trim();
      evidence.Name = { confidence: name.confidence };
    }
    const addr = after.slice(1, 6);
    if (addr.length) {
      fields.Address = addr.map((l) => l.text.trim()).join(' ');
      evidence.Address = {
        confidence: Math.min(...addr.map((l) => l.confidence)),
        valid: addr.some((l) => /\b\d{5}\b/.test(l.text)),
      };
    }
  }
  const printedSex = findLine(lines, /\b(LELAKI|PEREMPUAN)\b/);
  if (printedSex) fields.Sex = printedSex.match[1] ?? fields.Sex ?? null;
  const all = lines.map((l) => l.text).join(' ');
  fields.Type = /MyPR|PEMASTAUTIN TETAP/i.test(all)
    ? 'MyPR'
    : /MyTentera/i.test(all)
      ? 'MyTentera'
      : /MyKAS/i.test(all)
        ? 'MyKAS'
        : id
          ? 'MyKad'
          : null;
  return { type: 'MLIDCard', fields, evidence };
}
