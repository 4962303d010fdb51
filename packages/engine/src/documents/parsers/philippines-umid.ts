import { fieldSet, findDate, fitTemplate, label, labelled, type StructField } from './fields.js';
import type { ParseInput, ParsedDocument } from './types.js';

/**
 * UMID common reference number "CRN-0111-2345678-9" (4 + 7 + 1 digits). No check-digit rule is
 * published: `valid` means the layout fits. The value keeps the printed "CRN-" prefix, as in the
 * vendor's example "CRN-8884732-0" (spec §9).
 */
export const CRN_TEMPLATE = '9999-9999999-9';
const CRN_RUN = /C\s?R\s?N\s*[-:]?\s*([0-9OIlSB|]{4}\s?-?\s?[0-9OIlSB|]{7}\s?-?\s?[0-9OIlSB|])(?![0-9])/i;

export function parsePhilippinesUmid({ lines }: ParseInput): ParsedDocument {
  const { fields, evidence, put } = fieldSet('PhilippinesUMID');
  for (const line of lines) {
    const crn = fitTemplate(line.text.match(CRN_RUN)?.[1] ?? '', CRN_TEMPLATE);
    if (crn) {
      put('CRN', `CRN-${crn}`, line.confidence, true);
      break;
    }
  }
  // UMID prints a caption above each value ("SURNAME" / "DELA CRUZ").
  const text = (label: RegExp, key: StructField<'PhilippinesUMID'>) => {
    const hit = labelled(lines, label);
    if (hit) put(key, hit.value, hit.confidence);
  };
  text(label('SURNAME'), 'Surname');
  text(label('GIVEN NAME'), 'GivenName');
  text(label('MIDDLE NAME'), 'MiddleName');
  text(label('ADDRESS'), 'Address');
  const sex = labelled(lines, label('SEX'), { accept: (v) => /^(M|F|MALE|FEMALE)\b/i.test(v) });
  if (sex) put('Sex', sex.value.slice(0, 1).toUpperCase(), sex.confidence);
  const birth = labelled(lines, label('DATE OF BIRTH'), { accept: (v) => !!findDate(v) });
  const date = birth ? findDate(birth.value) : null;
  if (birth && date) put('Birthday', date.text, birth.confidence, true);
  return { type: 'PhilippinesUMID', fields, evidence };
}
