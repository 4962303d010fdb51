import { Type, type Static } from '@sinclair/typebox';
import { OCRResult } from './card-info.js';
import { EXTRA_MAX_CHARS, FACE_ID_ACTION_LIST_PATTERN } from './get-face-id-token-intl.js';

/**
 * The web verification actions (spec §7.1 ApplyWebVerificationBizTokenIntl /
 * GetWebVerificationResultIntl, §7.2 legacy ApplyWebVerificationToken / GetWebVerificationResult)
 * and their structs (§8 WebVerificationConfigIntl, VerificationDetail). Field names and types as in
 * the spec; rules needing catalog codes (CheckMode 1/4, RedirectURL safety, ActionList with the
 * level) are checked by the action.
 */

/** Longest RedirectURL accepted (the spec gives none; browsers and proxies handle 2 KiB safely). */
export const REDIRECT_URL_MAX_CHARS = 2048;

/** §8 WebVerificationConfigIntl. */
export const WebVerificationConfigIntl = Type.Object({
  AutoSkipStartPage: Type.Optional(Type.Boolean()),
  AutoSkip: Type.Optional(Type.Boolean()),
  /** 1 OCR+liveness+compare, 2 liveness+compare (default), 3 liveness, 4 OCR. */
  CheckMode: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  IDCardType: Type.Optional(Type.String({ maxLength: 64 })),
  DisableCheckOcrWarnings: Type.Optional(Type.Boolean()),
  /** 1 silent, 2 action, 3 light, 4 action + light; default 3. */
  SecurityLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  SkipPrivacyPolicy: Type.Optional(Type.Boolean()),
  IdCardCutReturn: Type.Optional(Type.Boolean()),
  /** spec: "Uses default values if the format is incorrect", so any string is accepted. */
  ThemeColor: Type.Optional(Type.String({ maxLength: 32 })),
  Language: Type.Optional(Type.String({ maxLength: 16 })),
  /** 1 downgrade to silent (default), 2 no downgrade. */
  AutoDowngrade: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
  ActionList: Type.Optional(Type.String({ pattern: FACE_ID_ACTION_LIST_PATTERN })),
  /** 1–99, default 99. */
  LivenessRetryLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
  /** Seconds, 0–600, default 45. */
  LivenessTimeout: Type.Optional(Type.Integer({ minimum: 0, maximum: 600 })),
  SelectedWarningCodes: Type.Optional(Type.String({ maxLength: 256 })),
  AllowExpiredDocument: Type.Optional(Type.Boolean()),
  Version: Type.Optional(Type.String({ maxLength: 16 })),
});
export type WebVerificationConfigIntl = Static<typeof WebVerificationConfigIntl>;

export const ApplyWebVerificationBizTokenIntlRequest = Type.Object({
  RedirectURL: Type.String({ minLength: 1, maxLength: REDIRECT_URL_MAX_CHARS }),
  /** spec: "max 8 MB in size" of the Base64 string (checked by the action for its error code). */
  CompareImageBase64: Type.Optional(Type.String()),
  Extra: Type.Optional(Type.String({ maxLength: EXTRA_MAX_CHARS })),
  RuleId: Type.Optional(Type.String({ maxLength: 64 })),
  Config: Type.Optional(WebVerificationConfigIntl),
});
export type ApplyWebVerificationBizTokenIntlRequest = Static<typeof ApplyWebVerificationBizTokenIntlRequest>;

export const ApplyWebVerificationBizTokenIntlResponse = Type.Object({
  /** spec §0.9: the legacy casing is the always-present one; both carry the same URL. */
  VerificationUrl: Type.String(),
  BizToken: Type.String(),
  VerificationURL: Type.String(),
  RequestId: Type.String(),
});
export type ApplyWebVerificationBizTokenIntlResponse = Static<
  typeof ApplyWebVerificationBizTokenIntlResponse
>;

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** §8 VerificationDetail: one entry per attempt (retries allowed). Every field may be null. */
export const VerificationDetail = Type.Object({
  ErrorCode: nullable(Type.Integer()),
  ErrorMsg: nullable(Type.String()),
  LivenessErrorCode: nullable(Type.Integer()),
  LivenessErrorMsg: nullable(Type.String()),
  CompareErrorCode: nullable(Type.Integer()),
  CompareErrorMsg: nullable(Type.String()),
  /** Timestamp (ms) of this attempt. */
  ReqTimestamp: nullable(Type.Integer({ minimum: 0 })),
  /** 0.00–100.00. */
  Similarity: nullable(Type.Number()),
  /** Unique ID of this attempt. */
  Seq: nullable(Type.String()),
});
export type VerificationDetail = Static<typeof VerificationDetail>;

export const GetWebVerificationResultIntlRequest = Type.Object({
  BizToken: Type.String({ minLength: 1, maxLength: 128 }),
});
export type GetWebVerificationResultIntlRequest = Static<typeof GetWebVerificationResultIntlRequest>;

export const GetWebVerificationResultIntlResponse = Type.Object({
  ErrorCode: nullable(Type.Integer()),
  ErrorMsg: nullable(Type.String()),
  VerificationDetailList: nullable(Type.Array(VerificationDetail)),
  /** Only the last attempt's video / best frame (spec). */
  VideoBase64: nullable(Type.String()),
  BestFrameBase64: nullable(Type.String()),
  /** One per document read (CheckMode 1 and 4); null when the session has no document step. */
  OCRResult: nullable(Type.Array(OCRResult)),
  Extra: nullable(Type.String()),
  RequestId: Type.String(),
});
export type GetWebVerificationResultIntlResponse = Static<typeof GetWebVerificationResultIntlResponse>;

export const ApplyWebVerificationTokenRequest = Type.Object({
  RedirectUrl: Type.String({ minLength: 1, maxLength: REDIRECT_URL_MAX_CHARS }),
  CompareImageUrl: Type.String({ minLength: 1, maxLength: 4096 }),
  CompareImageMd5: Type.String({ minLength: 1, maxLength: 64 }),
});
export type ApplyWebVerificationTokenRequest = Static<typeof ApplyWebVerificationTokenRequest>;

export const ApplyWebVerificationTokenResponse = Type.Object({
  VerificationUrl: Type.Optional(Type.String()),
  BizToken: Type.Optional(Type.String()),
  RequestId: Type.String(),
});
export type ApplyWebVerificationTokenResponse = Static<typeof ApplyWebVerificationTokenResponse>;

export const GetWebVerificationResultRequest = GetWebVerificationResultIntlRequest;
export type GetWebVerificationResultRequest = GetWebVerificationResultIntlRequest;

export const GetWebVerificationResultResponse = Type.Object({
  ErrorCode: nullable(Type.Integer()),
  ErrorMsg: nullable(Type.String()),
  /** Temporary URLs ("valid for 10 minutes") with the MD5 of the file. */
  VideoBestFrameUrl: nullable(Type.String()),
  VideoBestFrameMd5: nullable(Type.String()),
  VerificationDetailList: nullable(Type.Array(VerificationDetail)),
  VideoUrl: nullable(Type.String()),
  VideoMd5: nullable(Type.String()),
  RequestId: Type.String(),
});
export type GetWebVerificationResultResponse = Static<typeof GetWebVerificationResultResponse>;
