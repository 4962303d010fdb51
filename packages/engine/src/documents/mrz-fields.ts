import { parse as parseMrzLines } from 'mrz';
import type { MrzLayout } from './mrz-layout.js';

/** The holder's fields as printed in the MRZ (ICAO 9303 positions per layout). */
export interface MrzFields {
  readonly documentCode: string;
  readonly issuingState: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly documentNumber: string;
  readonly nationality: string;
  /** YYMMDD as printed. */
  readonly birthDate: string;
  readonly sex: string;
  readonly expirationDate: string;
  readonly personalNumber: string;
  /** `mrz` package verdict (it also checks state codes against its list). */
  readonly mrzPackageValid: boolean;
}

function names(text: string): { lastName: string; firstName: string } {
  const [last = '', ...rest] = text.replace(/<+$/, '').split('<<');
  return { lastName: last.replace(/</g, ' ').trim(), firstName: rest.join(' ').replace(/</g, ' ').trim() };
}

export function extractFields(lines: readonly string[], layout: MrzLayout): MrzFields {
  const l0 = lines[0] as string,
    l1 = lines[1] as string;
  const clean = (s: string) => s.replace(/</g, ' ').trim();
  let pkgValid = false;
  try {
    if (layout.format !== 'MRVA' && layout.format !== 'MRVB')
      pkgValid = parseMrzLines(lines, { autocorrect: true }).valid;
  } catch {
    pkgValid = false; // `mrz` throws on lines it cannot lay out; our own layout still applies.
  }
  if (layout.format === 'TD1') {
    return {
      documentCode: clean(l0.slice(0, 2)),
      issuingState: clean(l0.slice(2, 5)),
      ...names(lines[2] as string),
      documentNumber: clean(l0.slice(5, 14)),
      nationality: clean(l1.slice(15, 18)),
      birthDate: l1.slice(0, 6),
      sex: clean(l1.slice(7, 8)),
      expirationDate: l1.slice(8, 14),
      personalNumber: clean(l0.slice(15, 30)),
      mrzPackageValid: pkgValid,
    };
  }
  if (layout.format === 'FRENCH_NATIONAL_ID') {
    return {
      documentCode: 'ID',
      issuingState: 'FRA',
      lastName: clean(l0.slice(5, 30)),
      firstName: clean(l1.slice(13, 27).replace(/<<+/g, ' ')),
      documentNumber: l1.slice(0, 12),
      nationality: 'FRA',
      birthDate: l1.slice(27, 33),
      sex: l1.slice(34, 35),
      expirationDate: '',
      personalNumber: '',
      mrzPackageValid: pkgValid,
    };
  }
  const len = layout.length;
  return {
    documentCode: clean(l0.slice(0, 2)),
    issuingState: clean(l0.slice(2, 5)),
    ...names(l0.slice(5, len)),
    documentNumber: clean(l1.slice(0, 9)),
    nationality: clean(l1.slice(10, 13)),
    birthDate: l1.slice(13, 19),
    sex: clean(l1.slice(20, 21)),
    expirationDate: l1.slice(21, 27),
    personalNumber:
      layout.format === 'TD3'
        ? clean(l1.slice(28, 42))
        : layout.format === 'TD2'
          ? clean(l1.slice(28, 35))
          : clean(l1.slice(28, len)),
    mrzPackageValid: pkgValid,
  };
}
