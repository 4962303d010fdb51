import { Type, type Static } from '@sinclair/typebox';
// §8 FileInfo, shared with the App-SDK result actions.
import { FileInfo } from './sdk-results.js';

/**
 * VideoLivenessCompare (spec §7.1): video and photo by URL (a ResourceUrl of CreateUploadUrl, or an
 * operator-allowed host), each with its 32-hex MD5 checksum.
 */
export const VideoLivenessCompareRequest = Type.Object({
  ImageUrl: Type.String({ description: 'URL of the JPG/PNG photo (≤ 3 MB once Base64-encoded).' }),
  ImageMd5: Type.String({ description: '32-bit MD5 checksum of the photo.' }),
  VideoUrl: Type.String({ description: 'URL of the MP4/AVI/FLV video (≤ 8 MB once Base64-encoded).' }),
  VideoMd5: Type.String({ description: '32-bit MD5 checksum of the video.' }),
  LivenessType: Type.Union([Type.Literal('LIP'), Type.Literal('ACTION'), Type.Literal('SILENT')], {
    description: 'LIP (digits), ACTION (motions) or SILENT.',
  }),
  ValidateData: Type.Optional(
    Type.String({ description: 'LIP: 4 digits. ACTION: "2,1" or "1,2" style codes. SILENT: empty.' }),
  ),
});
export type VideoLivenessCompareRequest = Static<typeof VideoLivenessCompareRequest>;

export const VideoLivenessCompareResponse = Type.Object({
  Sim: Type.Optional(Type.Number()),
  Result: Type.Optional(Type.String()),
  Description: Type.Optional(Type.String()),
  /** spec: "may return null"; a temporary URL of the best frame JPEG on this server. */
  BestFrame: Type.Optional(Type.Union([FileInfo, Type.Null()])),
  RequestId: Type.String(),
});
export type VideoLivenessCompareResponse = Static<typeof VideoLivenessCompareResponse>;
