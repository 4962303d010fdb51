import {
  expandYyMmDd,
  findLine,
  isRealDate,
  type FieldEvidence,
  type ParseInput,
  type ParsedDocument,
} from './types.js';
import type { OcrLine } from '../ocr.js';
import { emptyFields } from './fields.js';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** "12 AUG 1974" / "12 AUG/AOÛT 1974" → 1974-08-12. */
function vizDate(text: string): string | null {
  const m = text.toUpperCase().match(/\b(\d{1,2})\s*([A-Z]{3})[A-Z/ÛÉ]*\s*(\d{4})\b/);
  const month = m ? MONTHS.indexOf(m[2] as string) + 1 : 0;
  if (!m || !month || !isRealDate(Number(m[3]), month, Number(m[1]))) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(m[1]).padStart(2, '0')}`;
}

/**
 * Visual inspection zone, for passports whose MRZ was not read: labelled lines ("Surname:
 * ERIKSSON"); the value may also be on the line below the label (ICAO 9303 part 4 layout).
 */
function fromViz(lines: readonly OcrLine[]): {
  fields: Record<string, string | null>;
  evidence: Record<string, FieldEvidence>;
} {
  const fields: Record<string, string | null> = {};
  const evidence: Record<string, FieldEvidence> = {};
  const labelled = (label: RegExp): { value: string; confidence: number } | null => {
    const hit = findLine(lines, label);
    if (!hit) return null;
    const rest = hit.line.text
      .slice((hit.match.index ?? 0) + hit.match[0].length)
      .replace(/^[\s:/.-]+/, '')
      .trim();
    if (rest) return { value: rest, confidence: hit.line.confidence };
    const below = lines[lines.indexOf(hit.line) + 1];
    return below ? { value: below.text.trim(), confidence: below.confidence } : null;
  };
  const put = (key: string, v: { value: string; confidence: number } | null, valid?: boolean) => {
    if (!v || !v.value) return;
    fields[key] = v.value;
    evidence[key] = valid === undefined ? { confidence: v.confidence } : { confidence: v.confidence, valid };
  };
  put('Surname', labelled(/\bSurname\b/i));
  put('GivenName', labelled(/\bGiven\s*names?\b/i));
  put('LicenseNumber', labelled(/\bPassport\s*No\.?/i));
  const dob = labelled(/\bDate\s*of\s*birth\b/i);
  const birthday = dob ? vizDate(dob.value) : null;
  put('Birthday', dob && birthday ? { value: birthday, confidence: dob.confidence } : null, true);
  if (fields.Surname || fields.GivenName)
    fields.FullName = [fields.Surname, fields.GivenName].filter(Boolean).join(' ');
  return { fields, evidence };
}

/**
 * InternationalIDPassport (spec §8) from the MRZ: every field but the names is covered by a
 * check digit (ICAO 9303 part 4), so MRZ fields are preferred; the visual zone fills in
 * when no MRZ was read.
 */
export function parsePassport({ mrz, lines }: ParseInput): ParsedDocument {
  if (!mrz) {
    const viz = fromViz(lines);
    return {
      type: 'InternationalIDPassport',
      fields: { ...emptyFields('InternationalIDPassport'), ...viz.fields },
      evidence: viz.evidence,
    };
  }
  const f = mrz.fields;
  const check = (field: string) => mrz.checks.find((c) => c.field === field)?.valid;
  const birthday = expandYyMmDd(f.birthDate, 'birth');
  const expiry = expandYyMmDd(f.expirationDate, 'expiry');
  const conf = mrz.valid ? 1 : 0.5;
  const ev = (valid: boolean | undefined) =>
    valid === undefined ? { confidence: conf } : { confidence: conf, valid };
  return {
    type: 'InternationalIDPassport',
    fields: {
      LicenseNumber: f.documentNumber || null,
      FullName: [f.lastName, f.firstName].filter(Boolean).join(' ') || null,
      Surname: f.lastName || null,
      GivenName: f.firstName || null,
      Birthday: birthday,
      Sex: f.sex === 'M' || f.sex === 'F' ? f.sex : null,
      DateOfExpiration: expiry,
      IssuingCountry: f.issuingState || null,
      NationalityCode: f.nationality || null,
      PassportCodeFirst: mrz.lines[0] ?? null,
      PassportCodeSecond: mrz.lines.slice(1).join('') || null,
    },
    evidence: {
      LicenseNumber: ev(check('documentNumber')),
      Birthday: ev(check('birthDate') !== false && birthday !== null),
      DateOfExpiration: ev(check('expirationDate') !== false && expiry !== null),
      PassportCodeSecond: ev(mrz.valid),
      Surname: ev(undefined),
      GivenName: ev(undefined),
    },
  };
}
