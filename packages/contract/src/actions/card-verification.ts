import { Type, type Static } from '@sinclair/typebox';
import { CardInfo } from './card-info.js';

/**
 * Legacy ApplyCardVerification / GetCardVerificationResult (spec §7.2, removed from the SDKs on
 * 2026-03-09, still called by older merchant code). Nationality and CardType are checked by the
 * action (one vendor-style InvalidParameterValue for values outside the spec's lists and for
 * combinations outside its table of supported cards).
 */

/** spec: "The downloaded image cannot exceed 5M after Base64 encoding." */
export const CARD_VERIFICATION_IMAGE_MAX_BASE64_CHARS = 5 * 1024 * 1024;

export const ApplyCardVerificationRequest = Type.Object({
  /** IDN HKG THA MYS SGP JPN TWN BGD NGA PAK AUTO. */
  Nationality: Type.String({ maxLength: 8 }),
  /** ID_CARD PASSPORT DRIVING_LICENSE AUTO. */
  CardType: Type.String({ maxLength: 32 }),
  ImageBase64Front: Type.Optional(Type.String()),
  ImageBase64Back: Type.Optional(Type.String()),
  /** spec: "If both are provided, only ImageUrlFront will be used." */
  ImageUrlFront: Type.Optional(Type.String({ maxLength: 2048 })),
  ImageUrlBack: Type.Optional(Type.String({ maxLength: 2048 })),
});
export type ApplyCardVerificationRequest = Static<typeof ApplyCardVerificationRequest>;

export const ApplyCardVerificationResponse = Type.Object({
  CardVerificationToken: Type.String(),
  /** uint64 in the spec. */
  AsyncCardVerificationMaxPollingTimes: Type.Integer({ minimum: 0 }),
  /** Seconds between polls. */
  AsyncCardVerificationPollingWaitTime: Type.Integer({ minimum: 0 }),
  RequestId: Type.String(),
});
export type ApplyCardVerificationResponse = Static<typeof ApplyCardVerificationResponse>;

export const GetCardVerificationResultRequest = Type.Object({
  CardVerificationToken: Type.String({ minLength: 1, maxLength: 128 }),
});
export type GetCardVerificationResultRequest = Static<typeof GetCardVerificationResultRequest>;

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const GetCardVerificationResultResponse = Type.Object({
  /** PASSED | WARNING | REJECTED | PROCESSING. */
  Status: Type.String(),
  WarnInfo: Type.Optional(nullable(Type.Array(Type.String()))),
  Nationality: Type.Optional(nullable(Type.String())),
  CardType: Type.Optional(nullable(Type.String())),
  CardSubType: Type.Optional(nullable(Type.String())),
  CardInfo: Type.Optional(nullable(CardInfo)),
  IDVerificationToken: Type.Optional(Type.String()),
  RequestId: Type.String(),
});
export type GetCardVerificationResultResponse = Static<typeof GetCardVerificationResultResponse>;
