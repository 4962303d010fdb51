/**
 * Identity document type names. Every flow names documents its own way; internally a document is
 * always its spec §8 CardInfo key (the struct its fields come in). Sources:
 * - web: WebVerificationConfigIntl.IDCardType (spec §8) — already CardInfo keys;
 * - ekyc-sdk: ApplySdkVerificationToken.IdCardType (spec §7.1; "HK" default, "ML", "MLIDPassport", ...);
 * - legacy: ApplyCardVerification Nationality + CardType (spec §7.2).
 */
export const CARD_INFO_KEYS = [
  'HKIDCard',
  'MLIDCard',
  'IndonesiaIDCard',
  'PhilippinesVoteID',
  'PhilippinesDrivingLicense',
  'PhilippinesTinID',
  'PhilippinesSSSID',
  'PhilippinesUMID',
  'InternationalIDPassport',
  'ThailandIDCard',
  'SingaporeIDCard',
  'JapanIDCard',
  'MainlandIDCard',
  'HMTPermit',
] as const;
export type CardInfoKey = (typeof CARD_INFO_KEYS)[number];

/** WebVerificationConfigIntl.IDCardType values (spec §8 lists 12; JapanIDCard and HMTPermit are SDK-only). */
export const WEB_ID_CARD_TYPES: Readonly<Record<string, CardInfoKey>> = {
  HKIDCard: 'HKIDCard',
  MLIDCard: 'MLIDCard',
  IndonesiaIDCard: 'IndonesiaIDCard',
  PhilippinesVoteID: 'PhilippinesVoteID',
  PhilippinesDrivingLicense: 'PhilippinesDrivingLicense',
  PhilippinesTinID: 'PhilippinesTinID',
  PhilippinesSSSID: 'PhilippinesSSSID',
  PhilippinesUMID: 'PhilippinesUMID',
  InternationalIDPassport: 'InternationalIDPassport',
  ThailandIDCard: 'ThailandIDCard',
  SingaporeIDCard: 'SingaporeIDCard',
  MainlandIDCard: 'MainlandIDCard',
};
/** The web config has no documented default; the vendor's own example and the SDK default are Hong Kong. */
export const WEB_ID_CARD_TYPE_DEFAULT: CardInfoKey = 'HKIDCard';

/** ApplySdkVerificationToken.IdCardType values (spec §7.1, items 1–13). */
export const SDK_ID_CARD_TYPES: Readonly<Record<string, CardInfoKey>> = {
  HK: 'HKIDCard',
  ML: 'MLIDCard',
  IndonesiaIDCard: 'IndonesiaIDCard',
  PhilippinesVoteID: 'PhilippinesVoteID',
  PhilippinesDrivingLicense: 'PhilippinesDrivingLicense',
  PhilippinesTinID: 'PhilippinesTinID',
  PhilippinesSSSID: 'PhilippinesSSSID',
  PhilippinesUMID: 'PhilippinesUMID',
  MLIDPassport: 'InternationalIDPassport',
  ThailandIDCard: 'ThailandIDCard',
  MainlandIDCard: 'MainlandIDCard',
  SingaporeIDCard: 'SingaporeIDCard',
  HMTPermit: 'HMTPermit',
};
export const SDK_ID_CARD_TYPE_DEFAULT = 'HK';

/**
 * Sides the user photographs. The vendor's ApplyCardVerification table says which cards need the
 * back; we read the front (portrait + fields) and keep the back image as evidence only.
 */
export const CARD_SIDES: Readonly<Record<CardInfoKey, readonly ('front' | 'back')[]>> = {
  HKIDCard: ['front'],
  MLIDCard: ['front', 'back'],
  IndonesiaIDCard: ['front'],
  PhilippinesVoteID: ['front'],
  PhilippinesDrivingLicense: ['front'],
  PhilippinesTinID: ['front'],
  PhilippinesSSSID: ['front'],
  PhilippinesUMID: ['front'],
  InternationalIDPassport: ['front'],
  ThailandIDCard: ['front'],
  SingaporeIDCard: ['front', 'back'],
  JapanIDCard: ['front'],
  MainlandIDCard: ['front', 'back'],
  HMTPermit: ['front'],
};

/** Warning codes a merchant may select (spec §7.1 SelectedWarningCodes, §8 WebVerificationConfigIntl). */
export const DOCUMENT_WARNING_CODES = [-9101, -9102, -9103, -9104, -9107, -9108, -9901] as const;
/** spec OCRResult.WarnCardInfos / CardVerifyResult.WarnCardInfos: "-9109 This capability is not enabled". */
export const WARNING_NOT_ENABLED = -9109;

/**
 * "-9101,-9104" (web, a String) or [-9101] (SDK, an Array) → the codes; empty = every code
 * (spec: "If left blank, all alarm codes will be blocked by default"). Unknown codes are ignored.
 */
export function selectedWarningCodes(value: string | readonly number[] | undefined | null): number[] {
  const raw = typeof value === 'string' ? value.split(',').map((s) => Number(s.trim())) : [...(value ?? [])];
  const known = raw.filter((c) => (DOCUMENT_WARNING_CODES as readonly number[]).includes(c));
  return known.length > 0 ? [...new Set(known)] : [...DOCUMENT_WARNING_CODES];
}
