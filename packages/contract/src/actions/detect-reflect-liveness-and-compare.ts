import { Type, type Static } from '@sinclair/typebox';

/**
 * DetectReflectLivenessAndCompare (spec §7.1): the liveness data package recorded while the light
 * sequence of GenerateReflectSequence played (by URL + MD5) and the photo to compare (URL + MD5).
 */
export const DetectReflectLivenessAndCompareRequest = Type.Object({
  LiveDataUrl: Type.String({ description: 'URL of the liveness data package.' }),
  LiveDataMd5: Type.String({ description: 'MD5 of the liveness data package.' }),
  ImageUrl: Type.String({ description: 'URL of the photo to compare.' }),
  ImageMd5: Type.String({ description: 'MD5 of the photo.' }),
});
export type DetectReflectLivenessAndCompareRequest = Static<typeof DetectReflectLivenessAndCompareRequest>;

export const DetectReflectLivenessAndCompareResponse = Type.Object({
  /** "Temporary URL of the best screenshot (.jpg) ... valid for two hours only". */
  BestFrameUrl: Type.Optional(Type.String()),
  BestFrameMd5: Type.Optional(Type.String()),
  Result: Type.Optional(Type.String()),
  Description: Type.Optional(Type.String()),
  Sim: Type.Optional(Type.Number()),
  RequestId: Type.String(),
});
export type DetectReflectLivenessAndCompareResponse = Static<typeof DetectReflectLivenessAndCompareResponse>;
