import {
  DetectReflectLivenessAndCompareRequest,
  DetectReflectLivenessAndCompareResponse,
} from '@open-ekyc/contract';
import { defineAction } from './action.js';
import { pureApiCall, type VerificationServices } from './pure-api-context.js';

/**
 * DetectReflectLivenessAndCompare (spec §7.1): the LiveData package recorded under a light sequence
 * of GenerateReflectSequence + a photo, both by URL + MD5. Success / CompareLowSimilarity answer with
 * the best frame's temporary URL and MD5; liveness failures are API errors (§5.4).
 */
export function createDetectReflectLivenessAndCompare(deps: { verification: VerificationServices }) {
  return defineAction({
    name: 'DetectReflectLivenessAndCompare',
    request: DetectReflectLivenessAndCompareRequest,
    response: DetectReflectLivenessAndCompareResponse,
    async handle(caller, input) {
      const answer = await deps.verification.reflect.detectAndCompare(
        pureApiCall(caller, 'DetectReflectLivenessAndCompare'),
        { field: 'LiveDataUrl', url: input.LiveDataUrl, md5: input.LiveDataMd5, md5Field: 'LiveDataMd5' },
        { field: 'ImageUrl', url: input.ImageUrl, md5: input.ImageMd5, md5Field: 'ImageMd5' },
      );
      return {
        ...(answer.bestFrameFile
          ? { BestFrameUrl: answer.bestFrameFile.url, BestFrameMd5: answer.bestFrameFile.md5 }
          : {}),
        Result: answer.result,
        Description: answer.description,
        Sim: answer.sim,
        RequestId: caller.requestId,
      };
    },
  });
}
