import { findLine, type FieldEvidence, type ParseInput, type ParsedDocument } from './types.js';
import { emptyFields } from './fields.js';

/** Thai national ID (13 digits): check = (11 − Σ d_i·(13−i) mod 11) mod 10 over the first 12. */
export function thaiIdValid(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}

const DATE_EN = /\b(\d{1,2})\s?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?\s?(\d{4})\b/gi;

export function parseThailand({ lines }: ParseInput): ParsedDocument {
  const evidence: Record<string, FieldEvidence> = {};
  const fields = emptyFields('ThailandIDCard');
  const id = findLine(lines, /\b(\d)\s?(\d{4})\s?(\d{5})\s?(\d{2})\s?(\d)\b/);
  if (id) {
    const digits = id.match.slice(1, 6).join('');
    fields.LicenseNumber = `${id.match[1]} ${id.match[2]} ${id.match[3]} ${id.match[4]} ${id.match[5]}`;
    evidence.LicenseNumber = { confidence: id.line.confidence, valid: thaiIdValid(digits) };
    fields.IssuedCountry = 'THA';
  }
  const first = findLine(lines, /Name\s+(?:Mr\.|Mrs\.|Miss|Ms\.)?\s*([A-Za-z][A-Za-z' -]+)/);
  if (first) {
    fields.FirstName = first.match[1]?.trim() ?? null;
    evidence.FirstName = { confidence: first.line.confidence };
  }
  const last = findLine(lines, /Last\s?name\s+([A-Za-z][A-Za-z' -]+)/i);
  if (last) {
    fields.LastName = last.match[1]?.trim() ?? null;
    evidence.LastName = { confidence: last.line.confidence };
  }
  // English dates in reading order: birth, then issue, then expiry (layout of the 2010+ card).
  const dates = lines.flatMap((l) => [...l.text.matchAll(DATE_EN)].map((m) => `${m[1]} ${m[2]}. ${m[3]}`));
  fields.DateOfBirth = dates[0] ?? null;
  fields.DateOfIssue = dates[1] ?? null;
  fields.DateOfExpiry = dates[2] ?? null;
  return { type: 'ThailandIDCard', fields, evidence };
}
