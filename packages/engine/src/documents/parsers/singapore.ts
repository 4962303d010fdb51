import { findLine, isRealDate, type FieldEvidence, type ParseInput, type ParsedDocument } from './types.js';
import { emptyFields } from './fields.js';

/**
 * NRIC/FIN check letter (ICA scheme, widely documented): weights 2,7,6,5,4,3,2 over the seven
 * digits, +4 for T/G, +3 for M (2022 FINs); mod 11 indexes a per-prefix letter table.
 */
export function nricCheckLetter(prefix: string, digits: string): string | null {
  if (!/^[STFGM]$/.test(prefix) || !/^\d{7}$/.test(digits)) return null;
  const weights = [2, 7, 6, 5, 4, 3, 2];
  let sum = [...digits].reduce((s, d, i) => s + Number(d) * (weights[i] as number), 0);
  if (prefix === 'T' || prefix === 'G') sum += 4;
  if (prefix === 'M') sum += 3;
  const table =
    prefix === 'S' || prefix === 'T' ? 'JZIHGFEDCBA' : prefix === 'M' ? 'KLJNPQRTUWX' : 'XWUTRQPNMLK';
  return table[sum % 11] ?? null;
}

export function parseSingapore({ lines }: ParseInput): ParsedDocument {
  const evidence: Record<string, FieldEvidence> = {};
  const fields = emptyFields('SingaporeIDCard');
  const id = findLine(lines, /\b([STFGM])\s?(\d{7})\s?([A-Z])\b/);
  if (id) {
    const [, p = '', d = '', c = ''] = id.match;
    fields.ID = fields.LicenseNumber = fields.NRICCode = `${p}${d}${c}`;
    evidence.ID = { confidence: id.line.confidence, valid: nricCheckLetter(p, d) === c };
  }
  const dob = findLine(lines, /\b(\d{2})[-/](\d{2})[-/](\d{4})\b/);
  if (dob) {
    const [, dd = '', mm = '', yyyy = ''] = dob.match;
    fields.Birthday = `${dd}-${mm}-${yyyy}`;
    evidence.Birthday = {
      confidence: dob.line.confidence,
      valid: isRealDate(Number(yyyy), Number(mm), Number(dd)),
    };
  }
  const sex = findLine(lines, /^\s*(M|F)\s*$/);
  if (sex) fields.Sex = sex.match[1] ?? null;
  const race = findLine(lines, /\b(CHINESE|MALAY|INDIAN|EURASIAN)\b/);
  if (race) fields.Race = race.match[1] ?? null;
  const cob = findLine(lines, /\b(SINGAPORE|MALAYSIA|CHINA|INDIA)\b/);
  if (cob) fields.CountryOfBirth = cob.match[1] ?? null;
  const post = findLine(lines, /\bSINGAPORE\s+(\d{6})\b/);
  if (post) fields.PostCode = post.match[1] ?? null;
  const nameLine = id
    ? lines.find(
        (l) =>
          l.box.y > id.line.box.y &&
          /^[A-Z][A-Z ,.'-]{3,}$/.test(l.text.trim()) &&
          !/SINGAPORE|REPUBLIC|IDENTITY|CARD|NAME|RACE|SEX/.test(l.text),
      )
    : undefined;
  if (nameLine) {
    fields.EnName = fields.FullName = nameLine.text.trim();
    evidence.FullName = { confidence: nameLine.confidence };
  }
  return { type: 'SingaporeIDCard', fields, evidence };
}
