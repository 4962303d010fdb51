import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from '../analyze-document.js';
import { sharedOcr, type OcrEngine } from '../ocr.js';
import { renderCardOnly, renderOnDesk, toPng, type CardSpec } from '../test-cards.fixture.js';
import type { DocumentType } from './types.js';

// Model tests: each new card type rendered with known fields (DejaVu Sans, no OCR-B needed),
// photographed on the desk, read by the real OCR, parsed with and without the type given.
// Free-text values are compared without spaces: the recogniser's word gaps are a heuristic
// (ocr.ts) that splits or joins some words ("KA WIN", "SITIRAHAYU"); numbers and dates are exact.
// This machine has no CJK font (fc-list :lang=zh is empty), so the Japanese and Chinese cards
// carry only their Latin-script numbers and dates; their Chinese/Japanese labels are covered by
// the pure parser tests.
const CARDS: Record<string, CardSpec> = {
  IndonesiaIDCard: {
    title: 'PROVINSI DKI JAKARTA',
    fontSize: 24,
    linePitch: 36,
    lines: [
      'KOTA JAKARTA SELATAN',
      'NIK : 3174055708900001',
      'Nama : SITI RAHAYU',
      'Tempat/Tgl Lahir : JAKARTA, 17-08-1990',
      'Jenis Kelamin : PEREMPUAN',
      'Alamat : JL. MERDEKA NO. 10',
      'RT/RW : 001/002',
      'Kel/Desa : MENTENG',
      'Kecamatan : MENTENG',
      'Agama : ISLAM',
      'Status Perkawinan : KAWIN',
      'Kewarganegaraan : WNI',
    ],
  },
  PhilippinesVoteID: {
    title: "VOTER'S IDENTIFICATION CARD",
    fontSize: 28,
    linePitch: 44,
    lines: [
      'VIN: 7502-0398B-G0987ANT10000',
      'Last Name: ROYO',
      'First Name: JUAN',
      'Date of Birth: March 13, 1985',
      'Civil Status: Single',
      'Citizenship: Filipino',
      'Address: IPIL, ZAMBOANGA CITY',
      'Precinct No: 0398B',
    ],
  },
  PhilippinesDrivingLicense: {
    title: 'LAND TRANSPORTATION OFFICE',
    fontSize: 26,
    linePitch: 42,
    lines: [
      'Last Name, First Name, Middle Name',
      'DELA CRUZ, JUAN SANTOS',
      'Nationality: PHL  Sex: M',
      'Date of Birth: 1992/05/22',
      'Address: 132 LAKAS NG MAHIRAP',
      'License No: N02-12-123456',
      'Expiration Date: 2027/05/22',
      'Agency Code: N25',
    ],
  },
  PhilippinesTinID: {
    title: 'BUREAU OF INTERNAL REVENUE',
    fontSize: 28,
    linePitch: 48,
    lines: [
      'TIN: 123-456-789-000',
      'Name: JUAN S. DELA CRUZ',
      'Address: 18 A KATIPUNAN ST.',
      'Birth Date: August 12, 1972',
      'Date Issued: January 5, 2015',
    ],
  },
  PhilippinesSSSID: {
    title: 'SOCIAL SECURITY SYSTEM',
    lines: ['SS No. 04-0751449-0', 'PAMELA L OCAMPO', 'Date of Birth: JULY 7, 1980'],
  },
  PhilippinesUMID: {
    title: 'UNIFIED MULTI-PURPOSE ID',
    fontSize: 24,
    linePitch: 38,
    lines: [
      'CRN-0111-2345678-9',
      'SURNAME',
      'DELA CRUZ',
      'GIVEN NAME',
      'JUAN',
      'MIDDLE NAME',
      'SANTOS',
      'SEX    DATE OF BIRTH',
      'M       1996/06/20',
      'ADDRESS',
      '19 MOLAVE ST. QUEZON CITY',
    ],
  },
  JapanIDCard: { title: 'DRIVER LICENSE', lines: ['No. 301234567890'] },
  MainlandIDCard: { title: 'RESIDENT IDENTITY CARD', lines: ['110101199003076632'] },
};

/** Expected fields; strings starting with '~' compare without spaces. */
const EXPECTED: Record<string, Record<string, string>> = {
  IndonesiaIDCard: {
    NIK: '3174055708900001',
    Nama: '~SITIRAHAYU',
    TempatTglLahir: 'JAKARTA, 17-08-1990',
    JenisKelamin: 'PEREMPUAN',
    Alamat: '~JL.MERDEKANO.10',
    RTRW: '001/002',
    KelDesa: 'MENTENG',
    Kecamatan: 'MENTENG',
    Agama: 'ISLAM',
    StatusPerkawinan: '~KAWIN',
    KewargaNegaraan: 'WNI',
    Provinsi: 'DKI JAKARTA',
    Kota: 'JAKARTA SELATAN',
  },
  PhilippinesVoteID: {
    VIN: '7502-0398B-G0987ANT10000',
    LastName: 'ROYO',
    FirstName: 'JUAN',
    Birthday: '~March13,1985',
    CivilStatus: '~Single',
    Citizenship: 'Filipino',
    Address: '~IPIL,ZAMBOANGACITY',
    PrecinctNo: '0398B',
  },
  PhilippinesDrivingLicense: {
    Name: '~DELACRUZ,JUANSANTOS',
    LastName: '~DELACRUZ',
    Nationality: 'PHL',
    Sex: 'M',
    Birthday: '1992/05/22',
    LicenseNo: 'N02-12-123456',
    ExpiresDate: '2027/05/22',
    AgencyCode: 'N25',
  },
  PhilippinesTinID: {
    LicenseNumber: '123-456-789-000',
    FullName: '~JUANS.DELACRUZ',
    Birthday: 'August 12, 1972',
    IssueDate: 'January 5, 2015',
  },
  PhilippinesSSSID: { LicenseNumber: '04-0751449-0', FullName: '~PAMELALOCAMPO', Birthday: 'JULY 7, 1980' },
  PhilippinesUMID: {
    CRN: 'CRN-0111-2345678-9',
    Surname: '~DELACRUZ',
    GivenName: 'JUAN',
    MiddleName: 'SANTOS',
    Sex: 'M',
    Birthday: '1996/06/20',
    Address: '~19MOLAVEST.QUEZONCITY',
  },
  JapanIDCard: { LicenseNumber: '301234567890' },
  MainlandIDCard: { LicenseNumber: '110101199003076632', Birthday: '1990/3/7', Sex: '男' },
};
/** The ID field whose check (digit, embedded date, layout) must pass. */
const ID_FIELD: Record<string, string | null> = {
  IndonesiaIDCard: 'NIK',
  PhilippinesVoteID: 'VIN',
  PhilippinesDrivingLicense: 'LicenseNo',
  PhilippinesTinID: 'LicenseNumber',
  PhilippinesSSSID: 'LicenseNumber',
  PhilippinesUMID: 'CRN',
  JapanIDCard: null, // a licence number has no published check digit
  MainlandIDCard: 'LicenseNumber',
};
/** Japanese cards are only guessed from their Japanese words, which this machine cannot render. */
const GUESSABLE = Object.keys(CARDS).filter((t) => t !== 'JapanIDCard');

describe('new card types on generated photos (real OCR)', () => {
  let ocr: OcrEngine;
  beforeAll(async () => {
    ocr = await sharedOcr();
  }, 60_000);

  it.each(Object.keys(CARDS))(
    '%s: fields, validations and type guess',
    async (type) => {
      const png = await toPng(await renderOnDesk(await renderCardOnly(CARDS[type] as CardSpec)));
      const typed = await analyzeDocument(png, { type: type as DocumentType, deps: { ocr } });
      const fields = typed.parsed?.fields ?? {};
      for (const [key, want] of Object.entries(EXPECTED[type] ?? {})) {
        const got = fields[key];
        if (want.startsWith('~'))
          expect({ key, got: got?.replace(/\s/g, '') }).toEqual({ key, got: want.slice(1) });
        else expect({ key, got }).toEqual({ key, got: want });
      }
      const id = ID_FIELD[type];
      if (id) expect(typed.parsed?.evidence[id]?.valid).toBe(true);
      expect(Object.values(typed.parsed?.evidence ?? {}).every((e) => e.valid !== false)).toBe(true);
      expect(typed.warnings).toEqual([]);
      if (GUESSABLE.includes(type)) {
        const guessed = await analyzeDocument(png, { deps: { ocr } });
        expect(guessed.type).toBe(type);
      }
    },
    60_000,
  );

  it('reports failing checks read off a photo: a wrong check character, a NIK that contradicts the card', async () => {
    const read = async (spec: CardSpec, type: DocumentType) =>
      analyzeDocument(await toPng(await renderOnDesk(await renderCardOnly(spec))), { type, deps: { ocr } });
    const mainland = await read(
      { ...CARDS.MainlandIDCard!, lines: ['110101199003076631'] },
      'MainlandIDCard',
    );
    expect(mainland.parsed?.fields.LicenseNumber).toBe('110101199003076631');
    expect(mainland.parsed?.evidence.LicenseNumber?.valid).toBe(false);
    // A man's NIK (day 17, not 57) on a card that says PEREMPUAN.
    const lines = CARDS.IndonesiaIDCard!.lines.map((l) => l.replace('3174055708900001', '3174051708900001'));
    const ktp = await read({ ...CARDS.IndonesiaIDCard!, lines }, 'IndonesiaIDCard');
    expect(ktp.parsed?.fields.NIK).toBe('3174051708900001');
    expect(ktp.parsed?.evidence.NIK?.valid).toBe(false);
    expect(ktp.parsed?.evidence.JenisKelamin?.valid).toBe(false);
  }, 60_000);
});
