import { fieldSet, findDate, fitTemplate, label, labelled } from './fields.js';
import type { ParseInput, ParsedDocument } from './types.js';

/**
 * LTO driver's licence number "N02-12-123456" (office code: a letter and 2 digits; 2-digit
 * year; 6-digit serial; the vendor's example "N02-**-****44", spec §9). LTO publishes no check
 * digit: `valid` means the layout fits. Agency code: a letter and 2 digits ("N25").
 */
export const LTO_LICENSE_TEMPLATE = 'A99-99-999999';

export function parsePhilippinesDriving({ lines }: ParseInput): ParsedDocument {
  const { fields, evidence, put } = fieldSet('PhilippinesDrivingLicense');
  const license = labelled(lines, label('License No.', 'Licence No.'), {
    accept: (v) => fitTemplate(v, LTO_LICENSE_TEMPLATE) !== null,
  });
  if (license) put('LicenseNo', fitTemplate(license.value, LTO_LICENSE_TEMPLATE), license.confidence, true);
  // "Last Name, First Name, Middle Name" caption above "DELA CRUZ, JUAN SANTOS".
  const name = labelled(lines, label('Last Name, First Name, Middle Name'), {
    accept: (v) => v.includes(','),
  });
  if (name) {
    put('Name', name.value, name.confidence);
    const [last = '', rest = ''] = name.value.split(/\s*,\s*/);
    const given = rest.split(/\s+/).filter(Boolean);
    put('LastName', last, name.confidence);
    // The middle name (mother's maiden surname) is the last word; a two-word one is not told apart.
    put('FirstName', given.length > 1 ? given.slice(0, -1).join(' ') : (given[0] ?? null), name.confidence);
    if (given.length > 1) put('MiddleName', given.at(-1) ?? null, name.confidence);
  }
  const nationality = labelled(lines, label('Nationality'));
  if (nationality)
    put('Nationality', nationality.value.split(/\s+S\s?e\s?x\b/i)[0] ?? null, nationality.confidence);
  const sex = labelled(lines, label('Sex'), { accept: (v) => /^(M|F)\b/i.test(v) });
  if (sex) put('Sex', sex.value.slice(0, 1).toUpperCase(), sex.confidence);
  const address = labelled(lines, label('Address'));
  if (address) put('Address', address.value, address.confidence);
  const agency = labelled(lines, label('Agency Code'), { accept: (v) => fitTemplate(v, 'A99') !== null });
  if (agency) put('AgencyCode', fitTemplate(agency.value, 'A99'), agency.confidence, true);
  const dated = (label: RegExp) => {
    const hit = labelled(lines, label, { accept: (v) => !!findDate(v) });
    const d = hit ? findDate(hit.value) : null;
    return hit && d ? { ...d, confidence: hit.confidence } : null;
  };
  const birth = dated(label('Date of Birth', 'Birth Date'));
  const expiry = dated(label('Expiration Date', 'Expiry Date', 'Expires'));
  const order = (a: { y: number; m: number; d: number }) => a.y * 10000 + a.m * 100 + a.d;
  const ordered = !birth || !expiry || order(expiry.date) > order(birth.date);
  if (birth) put('Birthday', birth.text, birth.confidence, ordered);
  if (expiry) put('ExpiresDate', expiry.text, expiry.confidence, ordered);
  return { type: 'PhilippinesDrivingLicense', fields, evidence };
}
