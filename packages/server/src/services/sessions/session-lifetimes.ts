import type { SessionKind } from '../../store/database.js';

export interface SessionLifetime {
  /** How long the user has to complete the capture after the token is issued. */
  readonly captureMs: number;
  /** How long the result can be read after the token is issued. */
  readonly resultMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Vendor lifetimes (spec §7):
 * - web: "The BizToken is valid for 10 minutes" (ApplyWebVerificationBizTokenIntl); result "valid for
 *   three days (259,200s)" (GetWebVerificationResultIntl).
 * - ekyc-sdk: SdkToken "validity time is 10 minutes" (ApplySdkVerificationToken); result "three days"
 *   (GetSdkVerificationResult).
 * - faceid-sdk: "Each SdkToken has a validity of 10 minutes" (GetFaceIdTokenIntl); result "72 hours"
 *   (GetFaceIdResultIntl).
 * - liveness-sdk: "valid for 10 minutes" (ApplyLivenessToken); result "valid for two hours after
 *   issuance" (GetLivenessResult).
 */
export const SESSION_LIFETIMES: Readonly<Record<SessionKind, SessionLifetime>> = Object.freeze({
  web: { captureMs: 10 * MINUTE, resultMs: 72 * HOUR },
  'ekyc-sdk': { captureMs: 10 * MINUTE, resultMs: 72 * HOUR },
  'faceid-sdk': { captureMs: 10 * MINUTE, resultMs: 72 * HOUR },
  'liveness-sdk': { captureMs: 10 * MINUTE, resultMs: 2 * HOUR },
});
