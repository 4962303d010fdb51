import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../ocr.js';
import { parsePhilippinesDriving } from './philippines-driving.js';
import { parsePhilippinesSss } from './philippines-sss.js';
import { fitTin, parsePhilippinesTin } from './philippines-tin.js';
import { parsePhilippinesUmid } from './philippines-umid.js';
import { parsePhilippinesVoter } from './philippines-voter.js';

const line = (text: string, y: number, x = 10): OcrLine => ({
  text,
  confidence: 0.9,
  box: { x, y, width: 500, height: 30 },
});
const stack = (texts: string[]) => texts.map((t, i) => line(t, 10 + i * 40));
const parse = <T>(fn: (i: { lines: OcrLine[]; mrz: null }) => T, texts: string[]) =>
  fn({ lines: stack(texts), mrz: null });

describe("Philippine voter's ID", () => {
  const card = (vin: string, precinct = '0398B') => [
    "VOTER'S IDENTIFICATION CARD",
    `VIN: ${vin}`,
    'Last Name: ROYO',
    'First Name: JUAN',
    'Date of Birth: March 13, 1985',
    'Civil Status: Single',
    'Citizenship: Filipino',
    'Address: IPIL, ZAMBOANGA CITY',
    `Precinct No: ${precinct}`,
  ];
  it('parses the struct and checks the precinct inside the VIN', () => {
    const p = parse(parsePhilippinesVoter, card('7502-0398B-G0987ANT10000'));
    expect(p.fields).toEqual({
      VIN: '7502-0398B-G0987ANT10000',
      FirstName: 'JUAN',
      LastName: 'ROYO',
      Birthday: 'March 13, 1985',
      CivilStatus: 'Single',
      Citizenship: 'Filipino',
      Address: 'IPIL, ZAMBOANGA CITY',
      PrecinctNo: '0398B',
    });
    expect(p.evidence.VIN?.valid).toBe(true);
    expect(parse(parsePhilippinesVoter, card('7502-0398B-G0987ANT10000', '0399B')).evidence.VIN?.valid).toBe(
      false,
    );
  });
  it('fits O/0 and I/1 confusions to the VIN layout', () => {
    const p = parse(parsePhilippinesVoter, card('75O2-O398B-GO987ANTI0000'));
    expect(p.fields.VIN).toBe('7502-0398B-G0987ANT10000');
  });
  it('rejects text that does not fit the VIN layout', () => {
    expect(parse(parsePhilippinesVoter, card('7502-0398B-G0987AN')).fields.VIN).toBeNull();
  });
});

describe('Philippine driving licence', () => {
  const card = (no: string, expiry = '2027/05/22') => [
    'LAND TRANSPORTATION OFFICE',
    'Last Name, First Name, Middle Name',
    'DELA CRUZ, JUAN SANTOS',
    'Nationality: PHL Sex: M',
    'Date of Birth: 1992/05/22',
    'Address: 132 LAKAS NG MAHIRAP QUEZON CITY',
    `License No: ${no}`,
    `Expiration Date: ${expiry}`,
    'Agency Code: N25',
  ];
  it('parses the struct', () => {
    const p = parse(parsePhilippinesDriving, card('N02-12-123456'));
    expect(p.fields).toEqual({
      Name: 'DELA CRUZ, JUAN SANTOS',
      LastName: 'DELA CRUZ',
      FirstName: 'JUAN',
      MiddleName: 'SANTOS',
      Nationality: 'PHL',
      Sex: 'M',
      Address: '132 LAKAS NG MAHIRAP QUEZON CITY',
      LicenseNo: 'N02-12-123456',
      ExpiresDate: '2027/05/22',
      AgencyCode: 'N25',
      Birthday: '1992/05/22',
    });
    expect(p.evidence.LicenseNo?.valid).toBe(true);
    expect(p.evidence.ExpiresDate?.valid).toBe(true);
  });
  it('undoes confusions by position (letter first, then digits) and checks dates', () => {
    expect(parse(parsePhilippinesDriving, card('NO2-I2-I23456')).fields.LicenseNo).toBe('N02-12-123456');
    const p = parse(parsePhilippinesDriving, card('N02-12-123456', '1990/05/22'));
    expect(p.evidence.ExpiresDate?.valid).toBe(false); // expires before birth
    expect(parse(parsePhilippinesDriving, card('N02-12-123456', '2027/02/30')).fields.ExpiresDate).toBeNull();
  });
});

describe('Philippine TIN, SSS and UMID cards', () => {
  it('TIN: 9 or 12 digits', () => {
    expect(fitTin('123-456-789')).toBe('123-456-789');
    expect(fitTin('123 456 789 000')).toBe('123-456-789-000');
    expect(fitTin('I23-456-789-OOO')).toBe('123-456-789-000');
    expect(fitTin('123-456-78')).toBeNull();
    const p = parse(parsePhilippinesTin, [
      'BUREAU OF INTERNAL REVENUE',
      'TIN: 123-456-789-000',
      'Name: JUAN S. DELA CRUZ',
      'Address: 18 A KATIPUNAN ST. CAINTA RIZAL',
      'Birth Date: August 12, 1972',
      'Date Issued: January 5, 2015',
    ]);
    expect(p.fields).toEqual({
      LicenseNumber: '123-456-789-000',
      FullName: 'JUAN S. DELA CRUZ',
      Address: '18 A KATIPUNAN ST. CAINTA RIZAL',
      Birthday: 'August 12, 1972',
      IssueDate: 'January 5, 2015',
    });
  });
  it('SSS: NN-NNNNNNN-N, the name under it', () => {
    const p = parse(parsePhilippinesSss, [
      'SOCIAL SECURITY SYSTEM',
      'SS No. O4-0751449-0',
      'PAMELA L OCAMPO',
      'Date of Birth: JULY 7, 1980',
    ]);
    expect(p.fields).toEqual({
      LicenseNumber: '04-0751449-0',
      FullName: 'PAMELA L OCAMPO',
      Birthday: 'JULY 7, 1980',
    });
    expect(parse(parsePhilippinesSss, ['SS No. 04-075144-0']).fields.LicenseNumber).toBeNull();
  });
  it('UMID: captions above values, CRN with its prefix', () => {
    const p = parse(parsePhilippinesUmid, [
      'UNIFIED MULTI-PURPOSE ID',
      'CRN-0111-2345678-9',
      'SURNAME',
      'DELA CRUZ',
      'GIVEN NAME',
      'JUAN',
      'MIDDLE NAME',
      'SANTOS',
      'SEX DATE OF BIRTH',
      'M 1996/06/20',
      'ADDRESS',
      '19 MOLAVE ST. QUEZON CITY',
    ]);
    expect(p.fields).toEqual({
      Surname: 'DELA CRUZ',
      MiddleName: 'SANTOS',
      GivenName: 'JUAN',
      Sex: 'M',
      Birthday: '1996/06/20',
      Address: '19 MOLAVE ST. QUEZON CITY',
      CRN: 'CRN-0111-2345678-9',
    });
    expect(parse(parsePhilippinesUmid, ['CRN-0111-2345678']).fields.CRN).toBeNull();
    expect(parse(parsePhilippinesUmid, ['CRN-OIII-2345678-9']).fields.CRN).toBe('CRN-0111-2345678-9');
  });
});
