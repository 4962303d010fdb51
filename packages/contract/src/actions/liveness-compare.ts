import { Type, type Static } from '@sinclair/typebox';

/**
 * LivenessCompare (spec §7.1, legacy): like VideoLivenessCompare, with Base64 or URL inputs
 * ("If both are provided, only ...Base64 will be used") and `Optional` = {"BestFrameNum": 2..10}.
 */
export const LivenessCompareRequest = Type.Object({
  LivenessType: Type.Union([Type.Literal('LIP'), Type.Literal('ACTION'), Type.Literal('SILENT')], {
    description: 'LIP (digits), ACTION (motions) or SILENT.',
  }),
  ImageBase64: Type.Optional(Type.String({ description: 'Base64 JPG/PNG photo, up to 3 MB of Base64.' })),
  ImageUrl: Type.Optional(
    Type.String({ description: 'URL of the photo; ImageBase64 wins when both are given.' }),
  ),
  ValidateData: Type.Optional(
    Type.String({ description: 'LIP: 4 digits. ACTION: action codes such as "2,1". SILENT: omit.' }),
  ),
  Optional: Type.Optional(Type.String({ description: 'JSON string, e.g. {"BestFrameNum":2} (2–10).' })),
  VideoBase64: Type.Optional(Type.String({ description: 'Base64 MP4/AVI/FLV video, up to 8 MB of Base64.' })),
  VideoUrl: Type.Optional(
    Type.String({ description: 'URL of the video; VideoBase64 wins when both are given.' }),
  ),
});
export type LivenessCompareRequest = Static<typeof LivenessCompareRequest>;

export const LivenessCompareResponse = Type.Object({
  BestFrameBase64: Type.Union([Type.String(), Type.Null()]),
  Sim: Type.Number(),
  Result: Type.String(),
  Description: Type.String(),
  /** "Returned only when multiple best screenshots are configured"; null otherwise. */
  BestFrameList: Type.Union([Type.Array(Type.String()), Type.Null()]),
  RequestId: Type.String(),
});
export type LivenessCompareResponse = Static<typeof LivenessCompareResponse>;
