import { Type, type Static } from '@sinclair/typebox';

/**
 * GetFaceIdTokenIntl (spec §7.1): an SdkToken for the selfie verification SDK
 * (liveness, or liveness + face comparison). Field names, types and enums as in the spec;
 * cross-field rules (Image required for "compare", ActionList only with SecureLevel 2/4,
 * Image size) are checked by the action, because they need catalog error codes.
 */

/** spec: "Choose 1-2 actions from the four", comma-separated, e.g. "blink,mouth". */
export const FACE_ID_ACTION_LIST_PATTERN = '^(blink|mouth|nod|shake)(,(blink|mouth|nod|shake))?$';

/** spec (ApplyWebVerificationBizTokenIntl, the same photo field): "max 8 MB in size" of the Base64 string. */
export const COMPARE_IMAGE_MAX_BASE64_CHARS = 8 * 1024 * 1024;

/** spec is silent for this action; its web sibling documents "max 1,000 characters". */
export const EXTRA_MAX_CHARS = 1000;

export const GetFaceIdTokenIntlRequest = Type.Object({
  CheckMode: Type.Optional(
    Type.Union([Type.Literal('liveness'), Type.Literal('compare')], {
      description: '"liveness": liveness only; "compare": liveness + face comparison. Default "liveness".',
      default: 'liveness',
    }),
  ),
  SecureLevel: Type.Optional(
    Type.Union([Type.Literal('1'), Type.Literal('2'), Type.Literal('3'), Type.Literal('4')], {
      description: '"1" silent, "2" action, "3" light, "4" action + light. Default "4".',
      default: '4',
    }),
  ),
  Image: Type.Optional(
    Type.String({ description: 'Base64 photo for comparison; required when CheckMode is "compare".' }),
  ),
  Extra: Type.Optional(
    Type.String({
      maxLength: EXTRA_MAX_CHARS,
      description: 'Business pass-through, returned with the result.',
    }),
  ),
  ActionList: Type.Optional(
    Type.String({
      pattern: FACE_ID_ACTION_LIST_PATTERN,
      description:
        '1-2 of blink, mouth, nod, shake, comma-separated. Default "blink". Only with SecureLevel 2 or 4.',
    }),
  ),
  SdkVersion: Type.Optional(
    Type.Union([Type.Literal('BASIC'), Type.Literal('ENHANCED'), Type.Literal('PRO'), Type.Literal('PLUS')], {
      description: 'BASIC (default), ENHANCED, PRO, PLUS.',
      default: 'BASIC',
    }),
  ),
  RetryLimit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 5,
      default: 5,
      description: 'Liveness retry count, 1-5. Default 5.',
    }),
  ),
});
export type GetFaceIdTokenIntlRequest = Static<typeof GetFaceIdTokenIntlRequest>;

export const GetFaceIdTokenIntlResponse = Type.Object({
  /** spec: "Each SdkToken has a validity of 10 minutes." */
  SdkToken: Type.String(),
  RequestId: Type.String(),
});
export type GetFaceIdTokenIntlResponse = Static<typeof GetFaceIdTokenIntlResponse>;
