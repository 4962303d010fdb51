import {
  CARD_STRUCT_FIELDS,
  NORMAL_STRUCT_FIELDS,
  type CardInfo,
  type CardInfoKey,
  type CardVerifyResult,
  type FileInfo,
  type NormalCardInfo,
  type OCRResult,
} from '@open-ekyc/contract';
import type { DocumentOutcome } from '../services/documents/document-types.js';
import type { StoredFile } from '../services/web-flow/web-flow-service.js';

/**
 * A document read (DocumentOutcome) → the vendor's result structs (spec §8 CardInfo, NormalCardInfo,
 * OCRResult, CardVerifyResult). Fields are emitted field-exact: every key of the struct, null when
 * not read, nothing the spec does not name.
 */

type Fields = Readonly<Record<string, string | null>>;
type Struct = Record<string, string | null>;

const pick = (keys: readonly string[], fields: Fields): Struct =>
  Object.fromEntries(keys.map((k) => [k, fields[k] ?? null]));

/** spec §8 CardInfo: `{ [cardType]: struct }`. */
export function cardInfoOf(cardType: CardInfoKey, fields: Fields): CardInfo {
  return { [cardType]: pick(CARD_STRUCT_FIELDS[cardType], fields) } as CardInfo;
}

const join = (...parts: (string | null | undefined)[]): string | null =>
  parts.filter((p): p is string => !!p).join(' ') || null;

/** CardInfo field names → their NormalCardInfo names, for the four structs that rename (spec §8 Normal*). */
const NORMAL_FROM: Partial<Record<CardInfoKey, (f: Fields) => Struct>> = {
  HKIDCard: (f) => ({
    ChineseName: f.CnName ?? null,
    FullName: f.EnName ?? null,
    RegistrationNumber: f.TelexCode ?? null,
    Sex: f.Sex ?? null,
    Birthday: f.Birthday ?? null,
    Permanent: f.Permanent ?? null,
    LicenseNumber: f.IdNum ?? null,
    Symbol: f.Symbol ?? null,
    IssuedDate: f.FirstIssueDate ?? null,
    CurrentIssueDate: f.CurrentIssueDate ?? null,
    // "HKID-2003" / "HKID-2018": the parser does not tell the editions apart.
    HKIDVersion: null,
  }),
  MLIDCard: (f) => ({
    FullName: f.Name ?? null,
    LicenseNumber: f.ID ?? null,
    Sex: f.Sex ?? null,
    FormattedAddress: f.Address ?? null,
    Type: f.Type ?? null,
    Birthday: f.Birthday ?? null,
  }),
  IndonesiaIDCard: (f) => ({
    LicenseNumber: f.NIK ?? null,
    FullName: f.Nama ?? null,
    Birthday: f.TempatTglLahir ?? null,
    Sex: f.JenisKelamin ?? null,
    BloodType: f.GolDarah ?? null,
    FormattedAddress: f.Alamat ?? null,
    Street: f.RTRW ?? null,
    Village: f.KelDesa ?? null,
    Area: f.Kecamatan ?? null,
    Religion: f.Agama ?? null,
    MaritalStatus: f.StatusPerkawinan ?? null,
    Occupation: f.Perkerjaan ?? null,
    Nationality: f.KewargaNegaraan ?? null,
    DueDate: f.BerlakuHingga ?? null,
    IssuedDate: f.IssuedDate ?? null,
    Province: f.Provinsi ?? null,
    City: f.Kota ?? null,
  }),
  ThailandIDCard: (f) => ({
    LicenseNumber: f.LicenseNumber ?? null,
    FullName: join(f.FirstName, f.LastName),
    LastName: f.LastName ?? null,
    FirstName: f.FirstName ?? null,
    Birthday: f.DateOfBirth ?? null,
    FormattedAddress: null,
    ExpirationDate: f.DateOfExpiry ?? null,
    IssuedDate: f.DateOfIssue ?? null,
    RegistrationNumber: null,
    Religion: null,
    ThaiBirthday: null,
    ThaiExpirationDate: null,
    ThaiIssueDate: null,
  }),
};

/** spec §8 NormalCardInfo: the same read in the normalised names (the HMT permit's key is HMTPermitCard). */
export function normalCardInfoOf(cardType: CardInfoKey, fields: Fields): NormalCardInfo {
  const rename = NORMAL_FROM[cardType];
  const struct = rename
    ? pick(NORMAL_STRUCT_FIELDS[cardType as keyof typeof NORMAL_STRUCT_FIELDS], rename(fields))
    : pick(CARD_STRUCT_FIELDS[cardType], fields);
  return { [cardType === 'HMTPermit' ? 'HMTPermitCard' : cardType]: struct } as NormalCardInfo;
}

/**
 * The CardInfoOcrJson file's content (spec §8 CardVerifyResult.CardInfoOcrJson): the struct's
 * fields, where the HKID's Permanent is an int (0 non-permanent, 1 permanent, -1 unknown).
 */
export function cardInfoOcrJson(
  cardType: CardInfoKey,
  fields: Fields,
): Record<string, string | number | null> {
  const struct: Record<string, string | number | null> = pick(CARD_STRUCT_FIELDS[cardType], fields);
  if (cardType === 'HKIDCard') {
    const p = fields.Permanent;
    struct.Permanent = p === '0' ? 0 : p === '1' ? 1 : -1;
  }
  return struct;
}

/** The front read passed, and so did the back when one was taken. */
export const outcomePassed = (o: DocumentOutcome): boolean =>
  o.front.state === 'passed' && (o.back === null || o.back.state === 'passed');

/** Warning codes the detectors raised on either side, in order, once each. */
export const warnCardInfos = (o: DocumentOutcome): number[] => [
  ...new Set([...o.front.warnings, ...(o.back?.warnings ?? [])]),
];

const base64 = (f: StoredFile | null): string | null => (f ? f.bytes.toString('base64') : null);

/** A stored file as spec §8 FileInfo (a signed link valid 10 minutes), null when there is none. */
export const fileInfoOf = (f: StoredFile | null): FileInfo | null =>
  f ? { Url: f.url, MD5: f.md5, Size: f.size } : null;

/**
 * spec §8 OCRResult (GetWebVerificationResultIntl). CardImageBase64 is the cut card when the merchant
 * set IdCardCutReturn ("When true, show the split document image"), the photo as taken otherwise.
 * NormalCardInfo is returned, except with CheckMode 4, where the spec returns OriginalCardInfo: we
 * give the un-corrected read there, as a JSON string of the NormalCardInfo shape.
 */
export function ocrResultOf(
  o: DocumentOutcome,
  opts: { readonly idCardCutReturn: boolean; readonly checkMode: number },
): OCRResult {
  const type = o.front.cardType;
  const ocrOnly = opts.checkMode === 4;
  return {
    IsPass: outcomePassed(o),
    CardImageBase64: base64(opts.idCardCutReturn ? (o.cut ?? o.image) : o.image),
    CardInfo: cardInfoOf(type, o.fields),
    NormalCardInfo: ocrOnly ? null : normalCardInfoOf(type, o.fields),
    RequestId: o.front.id,
    CardCutImageBase64: base64(o.cut),
    CardBackCutImageBase64: base64(o.backCut),
    WarnCardInfos: warnCardInfos(o),
    OriginalCardInfo: ocrOnly ? JSON.stringify(normalCardInfoOf(type, o.front.fields)) : null,
    HeadImageBase64: base64(o.portrait),
    CardBackImageBase64: base64(o.backImage),
  };
}

/**
 * spec §8 CardVerifyResult (GetSdkVerificationResult). `ocrJson` is the link to the
 * cardInfoOcrJson() file ("If verification or OCR fails, this parameter is left empty").
 * There is no card video (the SDK photographs the card).
 */
export function cardVerifyResultOf(o: DocumentOutcome, ocrJson: FileInfo | null): CardVerifyResult {
  const type = o.front.cardType;
  const passed = outcomePassed(o);
  const edits = o.front.edits ?? [];
  return {
    IsPass: passed,
    IsEdit: edits.length > 0,
    CardVideo: null,
    CardImage: fileInfoOf(o.image),
    CardInfoOcrJson: passed ? ocrJson : null,
    RequestId: o.front.id,
    CardInfo: cardInfoOf(type, o.fields),
    NormalCardInfo: normalCardInfoOf(type, o.fields),
    WarnCardInfos: warnCardInfos(o),
    EditDetails: edits.map((e) => ({
      FieldName: e.FieldName,
      OriginalFieldValue: e.OriginalFieldValue,
      RevisedFieldValue: e.RevisedFieldValue,
    })),
  };
}
