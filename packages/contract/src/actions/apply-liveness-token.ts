import { Type, type Static } from '@sinclair/typebox';

/** ApplyLivenessToken (spec §7.1): an SdkToken for the liveness-only SDK. */
export const ApplyLivenessTokenRequest = Type.Object({
  SecureLevel: Type.Optional(
    Type.Union([Type.Literal('1'), Type.Literal('2'), Type.Literal('3'), Type.Literal('4')], {
      description: '"1" silent, "2" blinking, "3" light, "4" blinking + light (default).',
      default: '4',
    }),
  ),
});
export type ApplyLivenessTokenRequest = Static<typeof ApplyLivenessTokenRequest>;

export const ApplyLivenessTokenResponse = Type.Object({
  /** spec: not "always present" in the metadata, but every successful answer carries it; "valid for 10 minutes". */
  SdkToken: Type.Optional(Type.String()),
  RequestId: Type.String(),
});
export type ApplyLivenessTokenResponse = Static<typeof ApplyLivenessTokenResponse>;
