import {
  fieldSet,
  findDate,
  findTemplate,
  fitTemplate,
  label,
  labelled,
  type StructField,
} from './fields.js';
import type { ParseInput, ParsedDocument } from './types.js';

/**
 * Voter's identification number as printed on COMELEC voter's IDs, e.g. the vendor's example
 * "7502-0398B-G0987ANT10000" (spec §9 RecognizePhilippinesVoteIDOCR): 4 digits, the precinct
 * (4 digits + a letter), then a letter, 4 digits, 3 letters, 5 digits. COMELEC publishes no check
 * digit, so `valid` means the layout fits and, when both are read, the precinct in the VIN is
 * the card's precinct number.
 */
export const VIN_TEMPLATE = '9999-9999A-A9999AAA99999';
const VIN_RUN = /[0-9A-Z|]{4}\s?-?\s?[0-9A-Z|]{5}\s?-?\s?[0-9A-Z|]{13}/i;

export function parsePhilippinesVoter({ lines }: ParseInput): ParsedDocument {
  const { fields, evidence, put } = fieldSet('PhilippinesVoteID');
  const labelledVin = labelled(lines, label('VIN'), { accept: (v) => fitTemplate(v, VIN_TEMPLATE) !== null });
  const vinHit = labelledVin
    ? { value: fitTemplate(labelledVin.value, VIN_TEMPLATE) as string, line: labelledVin.line }
    : findTemplate(lines, VIN_RUN, VIN_TEMPLATE);
  const precinct = labelled(lines, label('Precinct No.', 'Precinct Number', 'Precinct'), {
    accept: (v) => fitTemplate(v, '9999A') !== null,
  });
  const precinctNo = precinct ? fitTemplate(precinct.value, '9999A') : null;
  if (precinct) put('PrecinctNo', precinctNo, precinct.confidence, true);
  if (vinHit) {
    const inVin = vinHit.value.slice(5, 10);
    put('VIN', vinHit.value, vinHit.line.confidence, !precinctNo || precinctNo === inVin);
  }
  const text = (label: RegExp, key: StructField<'PhilippinesVoteID'>) => {
    const hit = labelled(lines, label);
    if (hit) put(key, hit.value, hit.confidence);
  };
  text(label('Last Name'), 'LastName');
  text(label('First Name'), 'FirstName');
  text(label('Civil Status'), 'CivilStatus');
  text(label('Citizenship'), 'Citizenship');
  text(label('Address'), 'Address');
  const birth = labelled(lines, label('Date of Birth', 'Birth Date', 'Birthday'), {
    accept: (v) => !!findDate(v),
  });
  const date = birth ? findDate(birth.value) : null;
  if (birth && date) put('Birthday', date.text, birth.confidence, true);
  return { type: 'PhilippinesVoteID', fields, evidence };
}
