import type { CardInfoKey } from '@open-ekyc/contract';

/**
 * What the document step checks per document (spec §8 struct field names). Data, not logic:
 * - required: a read without these fields does not pass (the ID number and a name: what a
 *   merchant's KYC record cannot do without);
 * - advisory: checks that only highlight a field (a MyKad address without a postcode is still a MyKad);
 * - expiry: the field AllowExpiredDocument looks at (HKID has none: its struct carries no expiry);
 * - display: ApplySdkVerificationToken.CardOcrDisplayFields names (spec §7.1) → struct fields.
 */
export interface CardRules {
  readonly required: readonly string[];
  readonly advisory: readonly string[];
  readonly expiry: string | null;
  readonly display: Readonly<Record<string, readonly string[]>>;
}

export const CARD_RULES: Readonly<Record<CardInfoKey, CardRules>> = {
  HKIDCard: {
    required: ['IdNum', 'EnName'],
    advisory: [],
    expiry: null,
    display: {
      ChineseName: ['CnName'],
      FullName: ['EnName'],
      LicenseNumber: ['IdNum'],
      IssuedDate: ['FirstIssueDate'],
    },
  },
  MLIDCard: {
    required: ['ID', 'Name'],
    advisory: ['Address'],
    expiry: null,
    display: { FullName: ['Name'], LicenseNumber: ['ID'], FormattedAddress: ['Address'] },
  },
  IndonesiaIDCard: {
    required: ['NIK', 'Nama'],
    advisory: [],
    expiry: 'BerlakuHingga',
    display: {
      LicenseNumber: ['NIK'],
      FullName: ['Nama'],
      Sex: ['JenisKelamin'],
      Birthday: ['TempatTglLahir'],
      FormattedAddress: ['Alamat'],
      Nationality: ['KewargaNegaraan'],
      DueDate: ['BerlakuHingga'],
      Street: ['RTRW'],
      Village: ['KelDesa'],
      Area: ['Kecamatan'],
      Province: ['Provinsi'],
      City: ['Kota'],
      MaritalStatus: ['StatusPerkawinan'],
      BloodType: ['GolDarah'],
      Religion: ['Agama'],
      Occupation: ['Perkerjaan'],
    },
  },
  PhilippinesVoteID: { required: ['VIN', 'LastName'], advisory: [], expiry: null, display: {} },
  PhilippinesDrivingLicense: {
    required: ['LicenseNo', 'LastName'],
    advisory: [],
    expiry: 'ExpiresDate',
    display: {},
  },
  PhilippinesTinID: { required: ['LicenseNumber', 'FullName'], advisory: [], expiry: null, display: {} },
  PhilippinesSSSID: { required: ['LicenseNumber', 'FullName'], advisory: [], expiry: null, display: {} },
  PhilippinesUMID: { required: ['CRN', 'Surname'], advisory: [], expiry: null, display: {} },
  InternationalIDPassport: {
    required: ['LicenseNumber', 'FullName'],
    advisory: [],
    expiry: 'DateOfExpiration',
    display: {},
  },
  ThailandIDCard: {
    required: ['LicenseNumber', 'FirstName'],
    advisory: [],
    expiry: 'DateOfExpiry',
    display: {
      FullName: ['FirstName', 'LastName'],
      Birthday: ['DateOfBirth'],
      ExpirationDate: ['DateOfExpiry'],
      IssuedDate: ['DateOfIssue'],
    },
  },
  SingaporeIDCard: {
    required: ['ID', 'EnName'],
    advisory: [],
    expiry: 'DateOfExpiration',
    display: {
      ChineseName: ['ChName', 'ChineseName'],
      FullName: ['EnName', 'FullName'],
      LicenseNumber: ['ID', 'LicenseNumber', 'NRICCode'],
    },
  },
  JapanIDCard: {
    required: ['LicenseNumber', 'FullName'],
    advisory: [],
    expiry: 'ExpirationDate',
    display: {},
  },
  MainlandIDCard: { required: ['LicenseNumber', 'FullName'], advisory: [], expiry: 'ValidDate', display: {} },
  HMTPermit: { required: ['Number', 'Name'], advisory: [], expiry: 'ValidDate', display: {} },
};

/**
 * CardOcrDisplayFields → struct fields of `key`, in the struct's order. A name the table does not
 * map is taken as a struct field when it is one (most SDK names are); unknown names are dropped.
 * Empty result = show every field (spec: "If no fields are specified, all identified fields will be displayed").
 */
export function displayStructFields(
  key: CardInfoKey,
  names: readonly string[],
  structFields: readonly string[],
): string[] {
  const wanted = new Set(
    names.flatMap((n) => CARD_RULES[key].display[n] ?? (structFields.includes(n) ? [n] : [])),
  );
  return structFields.filter((f) => wanted.has(f));
}
