import { parseHkid } from './hkid.js';
import { parseIndonesia } from './indonesia.js';
import { parseJapan } from './japan.js';
import { parseMainland } from './mainland.js';
import { parseMykad } from './mykad.js';
import { parsePassport } from './passport.js';
import { parsePhilippinesDriving } from './philippines-driving.js';
import { parsePhilippinesSss } from './philippines-sss.js';
import { parsePhilippinesTin } from './philippines-tin.js';
import { parsePhilippinesUmid } from './philippines-umid.js';
import { parsePhilippinesVoter } from './philippines-voter.js';
import { parseSingapore } from './singapore.js';
import { parseThailand } from './thailand.js';
import type { DocumentType, ParseInput, ParsedDocument } from './types.js';

export const PARSERS: Readonly<Record<DocumentType, (input: ParseInput) => ParsedDocument>> = {
  InternationalIDPassport: parsePassport,
  HKIDCard: parseHkid,
  MLIDCard: parseMykad,
  SingaporeIDCard: parseSingapore,
  ThailandIDCard: parseThailand,
  IndonesiaIDCard: parseIndonesia,
  PhilippinesVoteID: parsePhilippinesVoter,
  PhilippinesDrivingLicense: parsePhilippinesDriving,
  PhilippinesTinID: parsePhilippinesTin,
  PhilippinesSSSID: parsePhilippinesSss,
  PhilippinesUMID: parsePhilippinesUmid,
  JapanIDCard: parseJapan,
  MainlandIDCard: parseMainland,
};

/**
 * Guessing order and what must hold: the ID field validates, and for types whose number is a
 * bare layout (no check digit, no embedded date) the issuer's words must be on the card too, so
 * that any "123-456-789" on another document does not make it a TIN card.
 */
const GUESSES: readonly { type: DocumentType; id: string; words?: RegExp }[] = [
  { type: 'HKIDCard', id: 'IdNum' },
  { type: 'MLIDCard', id: 'ID' },
  { type: 'SingaporeIDCard', id: 'ID' },
  { type: 'ThailandIDCard', id: 'LicenseNumber' },
  { type: 'MainlandIDCard', id: 'LicenseNumber' },
  { type: 'IndonesiaIDCard', id: 'NIK', words: /\bN[I1l]K\b|PROVINSI|KEPENDUDUKAN/i },
  { type: 'PhilippinesUMID', id: 'CRN' },
  { type: 'PhilippinesVoteID', id: 'VIN', words: /VOTER|COMELEC|ELECTIONS|\bVIN\b/i },
  { type: 'PhilippinesSSSID', id: 'LicenseNumber', words: /SOCIAL\s*SECURITY|\bSSS\b|\bSS\s*No/i },
  { type: 'PhilippinesTinID', id: 'LicenseNumber', words: /INTERNAL\s*REVENUE|\bBIR\b|\bTIN\b/i },
  { type: 'PhilippinesDrivingLicense', id: 'LicenseNo', words: /LAND\s*TRANSPORTATION|DRIVER|LICEN[CS]E/i },
  // 転, 証 and kana are not in the recogniser's dictionary: match what it can read.
  { type: 'JapanIDCard', id: 'LicenseNumber', words: /運.?免許|個人番号|日本国|公安委員会/ },
];

/** Without a requested type: a valid MRZ means passport-like; else the first type whose ID validates. */
export function guessType(input: ParseInput): DocumentType | null {
  if (input.mrz) return 'InternationalIDPassport';
  const text = input.lines.map((l) => l.text).join('\n');
  for (const g of GUESSES) {
    if (g.words && !g.words.test(text)) continue;
    const parsed = PARSERS[g.type](input);
    if (
      parsed.evidence[g.id]?.valid !== false &&
      parsed.fields[g.id] &&
      (g.words || parsed.evidence[g.id]?.valid)
    )
      return g.type;
  }
  return null;
}

export { DOCUMENT_TYPES, type DocumentType, type ParsedDocument, type ParseInput } from './types.js';
