import { Type, type Static } from '@sinclair/typebox';

/** Result actions of the App-SDK flows (spec §7.1 GetFaceIdResultIntl, GetLivenessResult; §8 FileInfo). */

export const SdkTokenRequest = Type.Object({ SdkToken: Type.String({ minLength: 1, maxLength: 128 }) });

export const GetFaceIdResultIntlRequest = SdkTokenRequest;
export type GetFaceIdResultIntlRequest = Static<typeof GetFaceIdResultIntlRequest>;

export const GetFaceIdResultIntlResponse = Type.Object({
  /** Catalog code (selfie-sdk), "-999" while the process is not finished. */
  Result: Type.String(),
  Description: Type.String(),
  /** Base64 JPEG; "" when none. */
  BestFrame: Type.String(),
  /** Base64 of the uploaded video; "" when none. */
  Video: Type.String(),
  ActionVideo: Type.String(),
  /** 0–100; only meaningful in "compare" mode (spec). */
  Similarity: Type.Union([Type.Number(), Type.Null()]),
  Extra: Type.Union([Type.String(), Type.Null()]),
  DeviceInfoLevel: Type.Optional(Type.String()),
  LivenessInfoTag: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  RequestId: Type.String(),
});
export type GetFaceIdResultIntlResponse = Static<typeof GetFaceIdResultIntlResponse>;

export const FileInfo = Type.Object({
  Url: Type.String(),
  MD5: Type.String(),
  Size: Type.Integer({ minimum: 0 }),
});
export type FileInfo = Static<typeof FileInfo>;

export const GetLivenessResultRequest = SdkTokenRequest;
export type GetLivenessResultRequest = Static<typeof GetLivenessResultRequest>;

export const GetLivenessResultResponse = Type.Object({
  Result: Type.Optional(Type.String()),
  Description: Type.Optional(Type.String()),
  BestFrame: Type.Optional(FileInfo),
  Video: Type.Optional(FileInfo),
  RequestId: Type.String(),
});
export type GetLivenessResultResponse = Static<typeof GetLivenessResultResponse>;
