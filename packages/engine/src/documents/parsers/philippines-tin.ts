import { fieldSet, findDate, fitTemplate, label, labelled, type StructField } from './fields.js';
import type { OcrLine } from '../ocr.js';
import type { ParseInput, ParsedDocument } from './types.js';

/**
 * BIR taxpayer identification number: 9 digits "123-456-789", on the ID usually with the 3-digit
 * branch code "-000" (12 digits; the vendor's example "497-***-***-000", spec §9). BIR publishes
 * no check digit: `valid` means the layout fits.
 */
export const TIN_TEMPLATES = ['999-999-999-999', '999-999-999'] as const;
const TIN_RUN =
  /(?<![0-9])[0-9OIlSB|]{3}[\s-]?[0-9OIlSB|]{3}[\s-]?[0-9OIlSB|]{3}(?:[\s-]?[0-9OIlSB|]{3})?(?![0-9])/;

export const fitTin = (text: string): string | null => {
  const run = text.match(TIN_RUN)?.[0] ?? '';
  for (const t of TIN_TEMPLATES) {
    const v = fitTemplate(run, t);
    if (v) return v;
  }
  return null;
};

export function parsePhilippinesTin({ lines }: ParseInput): ParsedDocument {
  const { fields, evidence, put } = fieldSet('PhilippinesTinID');
  const tin =
    labelled(lines, label('TIN'), { accept: (v) => fitTin(v) !== null }) ??
    anyLine(lines, (l) => fitTin(l.text) !== null);
  if (tin) put('LicenseNumber', fitTin(tin.value), tin.confidence, true);
  const name = labelled(lines, label('Name'));
  if (name) put('FullName', name.value, name.confidence);
  const address = labelled(lines, label('Address'));
  if (address) put('Address', address.value, address.confidence);
  const dated = (label: RegExp, key: StructField<'PhilippinesTinID'>) => {
    const hit = labelled(lines, label, { accept: (v) => !!findDate(v) });
    const d = hit ? findDate(hit.value) : null;
    if (hit && d) put(key, d.text, hit.confidence, true);
  };
  dated(label('Birth Date', 'Date of Birth', 'Birthday'), 'Birthday');
  dated(label('Date Issued', 'Issue Date', 'Date of Issue'), 'IssueDate');
  return { type: 'PhilippinesTinID', fields, evidence };
}

const anyLine = (lines: readonly OcrLine[], test: (l: OcrLine) => boolean) => {
  const line = lines.find(test);
  return line ? { value: line.text, confidence: line.confidence, line } : null;
};
