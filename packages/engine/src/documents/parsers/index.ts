import { parseHkid } from './hkid.js';
import { parseMykad } from './mykad.js';
import { parsePassport } from './passport.js';
import { parseSingapore } from './singapore.js';
import { parseThailand } from './thailand.js';
import type { DocumentType, ParseInput, ParsedDocument } from './types.js';

export const PARSERS: Readonly<Record<DocumentType, (input: ParseInput) => ParsedDocument>> = {
  InternationalIDPassport: parsePassport,
  HKIDCard: parseHkid,
  MLIDCard: parseMykad,
  SingaporeIDCard: parseSingapore,
  ThailandIDCard: parseThailand,
};

/** Without a requested type: a valid MRZ means passport-like; else the first parser whose ID validates. */
export function guessType(input: ParseInput): DocumentType | null {
  if (input.mrz) return 'InternationalIDPassport';
  const order: DocumentType[] = ['HKIDCard', 'MLIDCard', 'SingaporeIDCard', 'ThailandIDCard'];
  const idKey: Record<string, string> = {
    HKIDCard: 'IdNum',
    MLIDCard: 'ID',
    SingaporeIDCard: 'ID',
    ThailandIDCard: 'LicenseNumber',
  };
  for (const t of order) if (PARSERS[t](input).evidence[idKey[t] as string]?.valid) return t;
  return null;
}

export { DOCUMENT_TYPES, type DocumentType, type ParsedDocument, type ParseInput } from './types.js';
