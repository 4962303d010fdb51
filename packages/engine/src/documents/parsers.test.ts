import { describe, expect, it } from 'vitest';
import { checkDigit } from './mrz-layout.js';
import { isMrzLike, normalizeMrzText, readMrzLines } from './mrz.js';
import { hkidCheckDigit, parseHkid } from './parsers/hkid.js';
import { parseMykad, validPlaceOfBirth } from './parsers/mykad.js';
import { guessType } from './parsers/index.js';
import { parsePassport } from './parsers/passport.js';
import { nricCheckLetter } from './parsers/singapore.js';
import { thaiIdValid } from './parsers/thailand.js';
import type { OcrLine } from './ocr.js';

// Pure tests (no model): MRZ normalisation/correction, check digits, parsers on OCR-like lines.
const SPECIMEN = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];
const line = (text: string, y: number, confidence = 0.95): OcrLine => ({
  text,
  confidence,
  box: { x: 10, y, width: 300, height: 20 },
});

describe('MRZ', () => {
  it('computes ICAO 9303 check digits', () => {
    expect(checkDigit('L898902C3')).toBe(6);
    expect(checkDigit('740812')).toBe(2);
    expect(checkDigit('120415')).toBe(9);
  });

  it('reads the ICAO specimen with every check digit valid', () => {
    const r = readMrzLines(SPECIMEN);
    expect(r?.format).toBe('TD3');
    expect(r?.valid).toBe(true);
    expect(r?.fields).toMatchObject({
      lastName: 'ERIKSSON',
      firstName: 'ANNA MARIA',
      documentNumber: 'L898902C3',
      birthDate: '740812',
      sex: 'F',
    });
  });

  it('undoes OCR confusions by field position and pads dropped trailing fillers', () => {
    const ocr = ['P«UT0ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<', 'L898902C36UTO74O8122F12O4159ZE184226B<<<<<1O'];
    const r = readMrzLines(ocr);
    expect(r?.lines).toEqual(SPECIMEN);
    expect(r?.valid).toBe(true);
  });

  it('corrects a single confusable character that breaks a check digit', () => {
    const ocr = [SPECIMEN[0] as string, 'L898902C36UTO7408122F12041S9ZE184226B<<<<<10']; // 5 read as S in the expiry
    const r = readMrzLines(ocr);
    expect(r?.lines[1]).toBe(SPECIMEN[1]);
    expect(r?.valid).toBe(true);
  });

  it('reports a wrong check digit that no confusion explains', () => {
    const wrong = [SPECIMEN[0] as string, 'L898902C34UTO7408122F1204159ZE184226B<<<<<10']; // document number check 6 → 4
    const r = readMrzLines(wrong);
    expect(r?.valid).toBe(false);
    expect(r?.checks.find((c) => c.field === 'documentNumber')?.valid).toBe(false);
    expect(r?.checks.find((c) => c.field === 'birthDate')?.valid).toBe(true);
  });

  it('tells MRZ-like text from ordinary lines', () => {
    expect(isMrzLike('P<UTOERIKSSON<<ANNA')).toBe(true);
    expect(isMrzLike('NICOLAS COPERNICO URB SANTA PATRICIA')).toBe(false);
    expect(normalizeMrzText('p« uto')).toBe('P<UTO');
  });

  it('parses the passport struct from the MRZ', () => {
    const p = parsePassport({ lines: [], mrz: readMrzLines(SPECIMEN) });
    expect(p.fields).toEqual({
      LicenseNumber: 'L898902C3',
      FullName: 'ERIKSSON ANNA MARIA',
      Surname: 'ERIKSSON',
      GivenName: 'ANNA MARIA',
      Birthday: '1974-08-12',
      Sex: 'F',
      DateOfExpiration: '2012-04-15',
      IssuingCountry: 'UTO',
      NationalityCode: 'UTO',
      PassportCodeFirst: SPECIMEN[0],
      PassportCodeSecond: SPECIMEN[1],
    });
    expect(p.evidence.LicenseNumber?.valid).toBe(true);
  });
});

describe('passport visual zone', () => {
  it('fills the struct from labelled lines when no MRZ was read', () => {
    const lines = [
      line('Surname: ERIKSSON', 10),
      line('Given names: ANNA MARIA', 40),
      line('Date of birth: 12 AUG 1974', 70),
      line('Passport No: L898902C3', 100),
    ];
    const p = parsePassport({ lines, mrz: null });
    expect(p.fields).toMatchObject({
      Surname: 'ERIKSSON',
      GivenName: 'ANNA MARIA',
      FullName: 'ERIKSSON ANNA MARIA',
      Birthday: '1974-08-12',
      LicenseNumber: 'L898902C3',
      PassportCodeFirst: null,
    });
    const bad = parsePassport({ lines: [line('Date of birth: 31 FEB 1974', 70)], mrz: null });
    expect(bad.fields.Birthday).toBeNull();
  });
});

describe('HKID', () => {
  it('validates the check digit', () => {
    expect(hkidCheckDigit('A', '123456')).toBe('3');
    // Hand-computed: 9·10 + 8·11 + 7·9 + 6·8 + 5·7 + 4·6 + 3·5 + 2·4 = 371; 371 mod 11 = 8; 11 − 8 = 3.
    expect(hkidCheckDigit('AB', '987654')).toBe('3');
    // 9·36 + 8·12 + 0 = 420; 420 mod 11 = 2; 11 − 2 = 9 (so the spec's example "C000000(E)" is not a valid number).
    expect(hkidCheckDigit('C', '000000')).toBe('9');
  });

  it('parses the card fields and flags a wrong check digit', () => {
    const lines = [
      line('HONG KONG PERMANENT IDENTITY CARD', 10),
      line('CHAN, Tai Man', 60),
      line('01-01-1980', 110),
      line('M', 130),
      line('***AZ', 160),
      line('(01-79)', 190),
      line('15-09-18', 220),
      line('A123456(3)', 250),
    ];
    const ok = parseHkid({ lines, mrz: null });
    expect(ok.fields).toEqual({
      CnName: null,
      EnName: 'CHAN, Tai Man',
      TelexCode: null,
      Sex: 'M',
      Birthday: '01-01-1980',
      Permanent: '1',
      IdNum: 'A123456(3)',
      Symbol: '***AZ',
      FirstIssueDate: '(01-79)',
      CurrentIssueDate: '15-09-18',
    });
    expect(ok.evidence.IdNum?.valid).toBe(true);
    const bad = parseHkid({
      lines: lines.map((l) => (l.text === 'A123456(3)' ? line('A123456(4)', 250) : l)),
      mrz: null,
    });
    expect(bad.evidence.IdNum?.valid).toBe(false);
  });
});

describe('MyKad', () => {
  it('validates date and place-of-birth code', () => {
    expect(validPlaceOfBirth(14)).toBe(true);
    expect(validPlaceOfBirth(17)).toBe(false);
    expect(validPlaceOfBirth(70)).toBe(false);
    const lines = [
      line('MyKad', 5),
      line('800101-14-5673', 40),
      line('AHMAD BIN ABDULLAH', 80),
      line('NO 12 JALAN MERAH', 120),
      line('50000 KUALA LUMPUR', 150),
      line('WARGANEGARA', 190),
      line('LELAKI', 220),
    ];
    const p = parseMykad({ lines, mrz: null }, new Date('2026-01-01'));
    expect(p.fields).toEqual({
      Name: 'AHMAD BIN ABDULLAH',
      ID: '800101-14-5673',
      Sex: 'LELAKI',
      Address: 'NO 12 JALAN MERAH 50000 KUALA LUMPUR',
      Type: 'MyKad',
      Birthday: '1980-01-01',
    });
    expect(p.evidence.ID?.valid).toBe(true);
    const badDate = parseMykad({ lines: [line('801301-14-5673', 40)], mrz: null });
    expect(badDate.evidence.ID?.valid).toBe(false);
    const badPlace = parseMykad({ lines: [line('800101-17-5673', 40)], mrz: null });
    expect(badPlace.evidence.ID?.valid).toBe(false);
  });
});

describe('other national IDs', () => {
  it('Singapore NRIC check letter', () => {
    // Hand-computed: 2·1+7·2+6·3+5·4+4·5+3·6+2·7 = 106; S: 106 mod 11 = 7 → 'D'; T: 110 mod 11 = 0 → 'J'.
    expect(nricCheckLetter('S', '1234567')).toBe('D');
    expect(nricCheckLetter('T', '1234567')).toBe('J');
  });
  it('Thai ID check digit', () => {
    // Hand-computed: Σ d·(13−i) over 110170023070 = 146; 146 mod 11 = 3; (11 − 3) mod 10 = 8.
    expect(thaiIdValid('1101700230708')).toBe(true);
    expect(thaiIdValid('1101700230705')).toBe(false);
  });
});

describe('type guess without a requested type', () => {
  const stack = (texts: string[]) => texts.map((t, i) => line(t, 10 + i * 40));
  it('picks the type whose number validates, and needs issuer words for bare layouts', () => {
    expect(guessType({ lines: stack(['公民身份号码 110101199003076632']), mrz: null })).toBe(
      'MainlandIDCard',
    );
    expect(guessType({ lines: stack(['110101199003076631']), mrz: null })).toBeNull(); // bad check
    expect(guessType({ lines: stack(['PROVINSI DKI JAKARTA', 'NIK : 3174051708900001']), mrz: null })).toBe(
      'IndonesiaIDCard',
    );
    expect(guessType({ lines: stack(['SOCIAL SECURITY SYSTEM', 'SS No. 04-0751449-0']), mrz: null })).toBe(
      'PhilippinesSSSID',
    );
    expect(
      guessType({ lines: stack(['BUREAU OF INTERNAL REVENUE', 'TIN: 123-456-789-000']), mrz: null }),
    ).toBe('PhilippinesTinID');
    // The same digits without the issuer's words are not enough.
    expect(guessType({ lines: stack(['Ref 123-456-789-000']), mrz: null })).toBeNull();
    expect(guessType({ lines: stack(['CRN-0111-2345678-9']), mrz: null })).toBe('PhilippinesUMID');
  });
});
