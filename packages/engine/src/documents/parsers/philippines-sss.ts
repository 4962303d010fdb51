import { fieldSet, findDate, findTemplate, label, labelled } from './fields.js';
import type { ParseInput, ParsedDocument } from './types.js';

/**
 * Social Security System number "04-0751449-0" (2 + 7 + 1 digits, the vendor's example, spec §9).
 * SSS publishes no check-digit rule: `valid` means the layout fits.
 */
export const SSS_TEMPLATE = '99-9999999-9';
const SSS_RUN = /(?<![0-9])[0-9OIlSB|]{2}\s?-?\s?[0-9OIlSB|]{7}\s?-?\s?[0-9OIlSB|](?![0-9])/;
const NOT_NAME = /REPUBLIC|PHILIPPINES|SOCIAL|SECURITY|SYSTEM|SSS|BIRTH|\d/i;

export function parsePhilippinesSss({ lines }: ParseInput): ParsedDocument {
  const { fields, evidence, put } = fieldSet('PhilippinesSSSID');
  const number = findTemplate(lines, SSS_RUN, SSS_TEMPLATE);
  if (number) put('LicenseNumber', number.value, number.line.confidence, true);
  // The holder's name is printed without a caption under the number.
  const name =
    labelled(lines, label('Name')) ??
    (() => {
      const line = number
        ? lines.find(
            (l) =>
              l.box.y > number.line.box.y &&
              /^[A-Z][A-Z .,'-]{3,}$/.test(l.text.trim()) &&
              !NOT_NAME.test(l.text),
          )
        : undefined;
      return line ? { value: line.text.trim(), confidence: line.confidence } : null;
    })();
  if (name) put('FullName', name.value, name.confidence);
  const birth = labelled(lines, label('Date of Birth', 'Birth Date', 'Birthday'), {
    accept: (v) => !!findDate(v),
  });
  const date = birth ? findDate(birth.value) : null;
  if (birth && date) put('Birthday', date.text, birth.confidence, true);
  return { type: 'PhilippinesSSSID', fields, evidence };
}
