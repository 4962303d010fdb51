import { ApiError } from '@open-ekyc/contract';

/** ApplyCardVerification.Nationality values (spec §7.2). */
export const LEGACY_NATIONALITIES = [
  'IDN',
  'HKG',
  'THA',
  'MYS',
  'SGP',
  'JPN',
  'TWN',
  'BGD',
  'NGA',
  'PAK',
  'AUTO',
] as const;
/** ApplyCardVerification.CardType values (spec §7.2). */
export const LEGACY_CARD_TYPES = ['ID_CARD', 'PASSPORT', 'DRIVING_LICENSE', 'AUTO'] as const;

const PASSPORT = 'InternationalIDPassport';
/** spec §7.2 table of supported cards → the spec §8 CardInfo key their fields come in. */
const ID_CARDS: Readonly<Record<string, string>> = {
  IDN: 'IndonesiaIDCard',
  HKG: 'HKIDCard',
  THA: 'ThailandIDCard',
  MYS: 'MLIDCard',
  SGP: 'SingaporeIDCard',
  JPN: 'JapanIDCard',
  TWN: 'TaiWanIDCard',
  BGD: 'BangladeshIDCard',
  NGA: 'NigeriaIDCard',
  PAK: 'PakistanIDCard',
};
/** Driving licences of the table; those without a struct of their own come as GeneralCard. */
const DRIVING_LICENCES: Readonly<Record<string, string>> = {
  IDN: 'IndonesiaDrivingLicense',
  THA: 'GeneralCard',
  MYS: 'GeneralCard',
  SGP: 'GeneralCard',
  JPN: 'GeneralCard',
  NGA: 'NigeriaDrivingLicense',
  PAK: 'PakistanDrivingLicense',
};

/**
 * The CardInfo keys a request accepts. One key: that document is read (typed, when the engine has
 * its parser). Several (an AUTO): the engine guesses and the read passes only with one of them.
 * null: anything the engine recognises (AUTO + AUTO). Combinations outside the spec's table are refused.
 */
export function acceptedCardKeys(nationality: string, cardType: string): string[] | null {
  if (cardType === 'PASSPORT') return [PASSPORT];
  if (nationality === 'AUTO') {
    if (cardType === 'ID_CARD') return [...new Set(Object.values(ID_CARDS))];
    if (cardType === 'DRIVING_LICENSE') return [...new Set(Object.values(DRIVING_LICENCES))];
    return null;
  }
  const id = ID_CARDS[nationality];
  const licence = DRIVING_LICENCES[nationality];
  if (cardType === 'ID_CARD' && id) return [id];
  if (cardType === 'DRIVING_LICENSE' && licence) return [licence];
  if (cardType === 'AUTO' && id) return [id, ...(licence ? [licence] : []), PASSPORT];
  throw new ApiError(
    'InvalidParameterValue',
    `CardType ${cardType} is not supported for Nationality ${nationality} (see the supported card table).`,
  );
}

/** What GetCardVerificationResult reports for a read key when the request said AUTO. */
export function legacyNamesOf(
  cardKey: string,
  fields: Readonly<Record<string, string | null>>,
): { nationality: string | null; cardType: string } {
  if (cardKey === PASSPORT)
    return { nationality: fields.NationalityCode ?? fields.IssuingCountry ?? null, cardType: 'PASSPORT' };
  const byId = Object.entries(ID_CARDS).find(([, key]) => key === cardKey)?.[0];
  if (byId) return { nationality: byId, cardType: 'ID_CARD' };
  const byLicence = Object.entries(DRIVING_LICENCES).find(([, key]) => key === cardKey)?.[0];
  return { nationality: cardKey === 'GeneralCard' ? null : (byLicence ?? null), cardType: 'DRIVING_LICENSE' };
}
