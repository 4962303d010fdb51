import {
  Type,
  type Static,
  type TObject,
  type TOptional,
  type TNull,
  type TString,
  type TUnion,
} from '@sinclair/typebox';
import type { CardInfoKey } from '../documents/card-types.js';
import { FileInfo } from './sdk-results.js';

/**
 * The document structs of the eKYC results (spec §8 CardInfo, NormalCardInfo, OCRResult,
 * CardVerifyResult, CompareResult, EditDetail and the per-document structs). Every per-document
 * field is a String that may be absent or null (spec: "Always present: No, May be null: Yes");
 * the field lists below are the spec's, in its order, and are what the result mappers emit.
 */

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
type OptionalString = TOptional<TUnion<[TString, TNull]>>;

/** A §8 struct whose fields are all optional nullable Strings. */
function stringStruct<K extends string>(keys: readonly K[]): TObject<Record<K, OptionalString>> {
  return Type.Object(
    Object.fromEntries(keys.map((k) => [k, Type.Optional(nullable(Type.String()))])) as Record<
      K,
      OptionalString
    >,
  );
}

/** Field names of each struct we produce (spec §8, in table order). HKIDCard.Permanent is a String here. */
export const CARD_STRUCT_FIELDS = {
  HKIDCard: [
    'CnName',
    'EnName',
    'TelexCode',
    'Sex',
    'Birthday',
    'Permanent',
    'IdNum',
    'Symbol',
    'FirstIssueDate',
    'CurrentIssueDate',
  ],
  MLIDCard: ['Name', 'ID', 'Sex', 'Address', 'Type', 'Birthday'],
  IndonesiaIDCard: [
    'NIK',
    'Nama',
    'TempatTglLahir',
    'JenisKelamin',
    'GolDarah',
    'Alamat',
    'RTRW',
    'KelDesa',
    'Kecamatan',
    'Agama',
    'StatusPerkawinan',
    'Perkerjaan',
    'KewargaNegaraan',
    'BerlakuHingga',
    'IssuedDate',
    'Provinsi',
    'Kota',
  ],
  PhilippinesVoteID: [
    'VIN',
    'FirstName',
    'LastName',
    'Birthday',
    'CivilStatus',
    'Citizenship',
    'Address',
    'PrecinctNo',
  ],
  PhilippinesDrivingLicense: [
    'Name',
    'LastName',
    'FirstName',
    'MiddleName',
    'Nationality',
    'Sex',
    'Address',
    'LicenseNo',
    'ExpiresDate',
    'AgencyCode',
    'Birthday',
  ],
  PhilippinesTinID: ['LicenseNumber', 'FullName', 'Address', 'Birthday', 'IssueDate'],
  PhilippinesSSSID: ['LicenseNumber', 'FullName', 'Birthday'],
  PhilippinesUMID: ['Surname', 'MiddleName', 'GivenName', 'Sex', 'Birthday', 'Address', 'CRN'],
  InternationalIDPassport: [
    'LicenseNumber',
    'FullName',
    'Surname',
    'GivenName',
    'Birthday',
    'Sex',
    'DateOfExpiration',
    'IssuingCountry',
    'NationalityCode',
    'PassportCodeFirst',
    'PassportCodeSecond',
  ],
  ThailandIDCard: [
    'LastName',
    'FirstName',
    'LicenseNumber',
    'DateOfBirth',
    'DateOfExpiry',
    'DateOfIssue',
    'IssuedCountry',
  ],
  SingaporeIDCard: [
    'ChName',
    'ChineseName',
    'EnName',
    'FullName',
    'ID',
    'LicenseNumber',
    'Sex',
    'CountryOfBirth',
    'Nationality',
    'Birthday',
    'Address',
    'Race',
    'NRICCode',
    'PostCode',
    'DateOfExpiration',
    'DateOfIssue',
  ],
  JapanIDCard: ['FullName', 'LicenseNumber', 'Age', 'Birthday', 'ExpirationDate', 'FormattedAddress'],
  MainlandIDCard: [
    'FullName',
    'Sex',
    'Nation',
    'Birthday',
    'Address',
    'LicenseNumber',
    'FormattedAddress',
    'Authority',
    'ValidDate',
  ],
  HMTPermit: [
    'Name',
    'EnglishName',
    'Number',
    'Sex',
    'ValidDate',
    'IssueAuthority',
    'IssueAddress',
    'Birthday',
  ],
} as const satisfies Record<CardInfoKey, readonly string[]>;

/** The NormalCardInfo structs whose names differ from their CardInfo sibling (spec §8 Normal*). */
export const NORMAL_STRUCT_FIELDS = {
  HKIDCard: [
    'ChineseName',
    'FullName',
    'RegistrationNumber',
    'Sex',
    'Birthday',
    'Permanent',
    'LicenseNumber',
    'Symbol',
    'IssuedDate',
    'CurrentIssueDate',
    'HKIDVersion',
  ],
  MLIDCard: ['FullName', 'LicenseNumber', 'Sex', 'FormattedAddress', 'Type', 'Birthday'],
  IndonesiaIDCard: [
    'LicenseNumber',
    'FullName',
    'Birthday',
    'Sex',
    'BloodType',
    'FormattedAddress',
    'Street',
    'Village',
    'Area',
    'Religion',
    'MaritalStatus',
    'Occupation',
    'Nationality',
    'DueDate',
    'IssuedDate',
    'Province',
    'City',
  ],
  ThailandIDCard: [
    'LicenseNumber',
    'FullName',
    'LastName',
    'FirstName',
    'Birthday',
    'FormattedAddress',
    'ExpirationDate',
    'IssuedDate',
    'RegistrationNumber',
    'Religion',
    'ThaiBirthday',
    'ThaiExpirationDate',
    'ThaiIssueDate',
  ],
} as const;

const s = CARD_STRUCT_FIELDS;
export const HKIDCard = stringStruct(s.HKIDCard);
export const MLIDCard = stringStruct(s.MLIDCard);
export const IndonesiaIDCard = stringStruct(s.IndonesiaIDCard);
export const PhilippinesVoteID = stringStruct(s.PhilippinesVoteID);
export const PhilippinesDrivingLicense = stringStruct(s.PhilippinesDrivingLicense);
export const PhilippinesTinID = stringStruct(s.PhilippinesTinID);
export const PhilippinesSSSID = stringStruct(s.PhilippinesSSSID);
export const PhilippinesUMID = stringStruct(s.PhilippinesUMID);
export const InternationalIDPassport = stringStruct(s.InternationalIDPassport);
export const ThailandIDCard = stringStruct(s.ThailandIDCard);
export const SingaporeIDCard = stringStruct(s.SingaporeIDCard);
export const JapanIDCard = stringStruct(s.JapanIDCard);
export const MainlandIDCard = stringStruct(s.MainlandIDCard);
export const HMTPermit = stringStruct(s.HMTPermit);

/** §8 Address (GeneralCard.Address). */
export const Address = stringStruct([
  'Country',
  'PostalCode',
  'Subdivision',
  'City',
  'FormattedAddress',
  'LineOne',
  'LineTwo',
  'LineThree',
  'LineFour',
  'LineFive',
]);

// Structs of documents we never read: accepted field-exact so the schema stays the vendor's.
/** §8 GeneralCard. */
export const GeneralCard = Type.Object({
  ...stringStruct([
    'LicenseNumber',
    'PersonalNumber',
    'PassportCodeFirst',
    'PassportCodeSecond',
    'ExpirationDate',
    'DueDate',
    'IssuedDate',
    'IssuedAuthority',
    'IssuedCountry',
    'FullName',
    'FirstName',
    'LastName',
    'Sex',
    'Age',
    'Birthday',
    'BirthPlace',
    'Nationality',
    'RegistrationNumber',
    'FullNameLocal',
    'FirstNameLocal',
    'LastNameLocal',
  ]).properties,
  Address: Type.Optional(nullable(Address)),
});
const licence = ['LastName', 'FirstName', 'LicenseNumber', 'Age', 'Birthday', 'IssuedCountry'] as const;
export const IndonesiaDrivingLicense = stringStruct([
  'LastName',
  'FirstName',
  'LicenseNumber',
  'Birthday',
  'Address',
  'ExpirationDate',
  'IssuedDate',
  'IssuedCountry',
]);
export const MacaoIDCard = stringStruct([
  'FirstName',
  'LastName',
  'Birthday',
  'ExpirationDate',
  'LicenseNumber',
  'Sex',
  'Age',
  'IssuedCountry',
  'Field1',
  'Field2',
]);
export const TaiWanIDCard = stringStruct([
  'FullName',
  'LicenseNumber',
  'Sex',
  'IssuedCountry',
  'RegistrationNumber',
]);
export const BangladeshIDCard = stringStruct(licence);
export const NigeriaIDCard = stringStruct([...licence, 'Sex']);
export const NigeriaDrivingLicense = stringStruct([...licence, 'ExpirationDate', 'IssuedDate', 'Sex']);
export const PakistanIDCard = stringStruct(licence);
export const PakistanDrivingLicense = stringStruct(licence);

const opt = <T extends TObject>(t: T) => Type.Optional(nullable(t));

/** §8 CardInfo: one key per document type, the read document's key set, the others absent. */
export const CardInfo = Type.Object({
  HKIDCard: opt(HKIDCard),
  MLIDCard: opt(MLIDCard),
  PhilippinesVoteID: opt(PhilippinesVoteID),
  IndonesiaIDCard: opt(IndonesiaIDCard),
  PhilippinesDrivingLicense: opt(PhilippinesDrivingLicense),
  PhilippinesTinID: opt(PhilippinesTinID),
  PhilippinesSSSID: opt(PhilippinesSSSID),
  PhilippinesUMID: opt(PhilippinesUMID),
  InternationalIDPassport: opt(InternationalIDPassport),
  GeneralCard: opt(GeneralCard),
  IndonesiaDrivingLicense: opt(IndonesiaDrivingLicense),
  ThailandIDCard: opt(ThailandIDCard),
  SingaporeIDCard: opt(SingaporeIDCard),
  MacaoIDCard: opt(MacaoIDCard),
  TaiWanIDCard: opt(TaiWanIDCard),
  JapanIDCard: opt(JapanIDCard),
  BangladeshIDCard: opt(BangladeshIDCard),
  NigeriaIDCard: opt(NigeriaIDCard),
  NigeriaDrivingLicense: opt(NigeriaDrivingLicense),
  PakistanIDCard: opt(PakistanIDCard),
  PakistanDrivingLicense: opt(PakistanDrivingLicense),
  // Not in the §8 CardInfo table (only in NormalCardInfo), but both flows accept these documents and
  // CardInfo is where every read is reported; SDKs ignore unknown output keys (spec §0.6).
  MainlandIDCard: opt(MainlandIDCard),
  HMTPermit: opt(HMTPermit),
});
export type CardInfo = Static<typeof CardInfo>;

/** §8 NormalCardInfo (the HMT permit is `HMTPermitCard` here). */
export const NormalCardInfo = Type.Object({
  HKIDCard: opt(stringStruct(NORMAL_STRUCT_FIELDS.HKIDCard)),
  MLIDCard: opt(stringStruct(NORMAL_STRUCT_FIELDS.MLIDCard)),
  PhilippinesVoteID: opt(PhilippinesVoteID),
  IndonesiaIDCard: opt(stringStruct(NORMAL_STRUCT_FIELDS.IndonesiaIDCard)),
  PhilippinesDrivingLicense: opt(PhilippinesDrivingLicense),
  PhilippinesTinID: opt(PhilippinesTinID),
  PhilippinesSSSID: opt(PhilippinesSSSID),
  PhilippinesUMID: opt(PhilippinesUMID),
  InternationalIDPassport: opt(InternationalIDPassport),
  GeneralCard: opt(GeneralCard),
  IndonesiaDrivingLicense: opt(IndonesiaDrivingLicense),
  ThailandIDCard: opt(stringStruct(NORMAL_STRUCT_FIELDS.ThailandIDCard)),
  SingaporeIDCard: opt(SingaporeIDCard),
  MacaoIDCard: opt(MacaoIDCard),
  MainlandIDCard: opt(MainlandIDCard),
  JapanIDCard: opt(JapanIDCard),
  TaiWanIDCard: opt(TaiWanIDCard),
  HMTPermitCard: opt(HMTPermit),
});
export type NormalCardInfo = Static<typeof NormalCardInfo>;

/** §8 EditDetail: one field the user corrected. */
export const EditDetail = Type.Object({
  FieldName: Type.Optional(nullable(Type.String())),
  OriginalFieldValue: Type.Optional(nullable(Type.String())),
  RevisedFieldValue: Type.Optional(nullable(Type.String())),
});
export type EditDetail = Static<typeof EditDetail>;

/** §8 OCRResult (GetWebVerificationResultIntl.OCRResult entries). */
export const OCRResult = Type.Object({
  IsPass: Type.Optional(nullable(Type.Boolean())),
  CardImageBase64: Type.Optional(nullable(Type.String())),
  CardInfo: Type.Optional(nullable(CardInfo)),
  NormalCardInfo: Type.Optional(nullable(NormalCardInfo)),
  RequestId: Type.Optional(nullable(Type.String())),
  CardCutImageBase64: Type.Optional(nullable(Type.String())),
  CardBackCutImageBase64: Type.Optional(nullable(Type.String())),
  WarnCardInfos: Type.Optional(nullable(Type.Array(Type.Integer()))),
  /** spec: returned (as a JSON string) when CheckMode is 4, NormalCardInfo otherwise. */
  OriginalCardInfo: Type.Optional(nullable(Type.String())),
  HeadImageBase64: Type.Optional(nullable(Type.String())),
  CardBackImageBase64: Type.Optional(nullable(Type.String())),
});
export type OCRResult = Static<typeof OCRResult>;

/** §8 CardVerifyResult (GetSdkVerificationResult.CardVerifyResults entries). */
export const CardVerifyResult = Type.Object({
  IsPass: Type.Boolean(),
  IsEdit: Type.Optional(nullable(Type.Boolean())),
  CardVideo: nullable(FileInfo),
  CardImage: nullable(FileInfo),
  CardInfoOcrJson: nullable(FileInfo),
  RequestId: Type.String(),
  CardInfo: Type.Optional(nullable(CardInfo)),
  NormalCardInfo: Type.Optional(nullable(NormalCardInfo)),
  WarnCardInfos: Type.Optional(nullable(Type.Array(Type.Integer()))),
  EditDetails: Type.Optional(nullable(Type.Array(EditDetail))),
});
export type CardVerifyResult = Static<typeof CardVerifyResult>;

/**
 * §8 CompareResult (GetSdkVerificationResult.CompareResults entries). Codes are Strings here. The
 * FileInfo fields the spec marks never-null are never null: an empty FileInfo when there is no file.
 */
export const CompareResult = Type.Object({
  ErrorCode: Type.String(),
  ErrorMsg: Type.String(),
  LiveData: FileInfo,
  LiveVideo: FileInfo,
  ActionVideo: FileInfo,
  LiveErrorCode: Type.String(),
  LiveErrorMsg: Type.String(),
  BestFrame: nullable(FileInfo),
  ProfileImage: FileInfo,
  CompareErrorCode: nullable(Type.String()),
  CompareErrorMsg: nullable(Type.String()),
  Sim: nullable(Type.Number()),
  /** spec: "This parameter is disused." */
  IsNeedCharge: Type.Boolean(),
  CardInfoInputJson: nullable(FileInfo),
  RequestId: Type.String(),
  LivenessInfoTag: Type.Optional(nullable(Type.Array(Type.String()))),
});
export type CompareResult = Static<typeof CompareResult>;
