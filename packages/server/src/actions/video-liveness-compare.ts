import { VideoLivenessCompareRequest, VideoLivenessCompareResponse } from '@open-ekyc/contract';
import { defineAction } from './action.js';
import { pureApiCall, type VerificationServices } from './pure-api-context.js';

/**
 * VideoLivenessCompare (spec §7.1): video and photo by URL + MD5. Success and CompareLowSimilarity
 * answer with Result/Sim and the best frame as a FileInfo (a temporary URL on this server); the
 * other FailedOperation.* verdicts are API errors, as §5.4 lists them for this action.
 */
export function createVideoLivenessCompare(deps: { verification: VerificationServices }) {
  return defineAction({
    name: 'VideoLivenessCompare',
    request: VideoLivenessCompareRequest,
    response: VideoLivenessCompareResponse,
    async handle(caller, input) {
      const answer = await deps.verification.pureApi.compareVideo(
        pureApiCall(caller, 'VideoLivenessCompare'),
        {
          video: { field: 'VideoUrl', url: input.VideoUrl, md5: input.VideoMd5, md5Field: 'VideoMd5' },
          image: { field: 'ImageUrl', url: input.ImageUrl, md5: input.ImageMd5, md5Field: 'ImageMd5' },
          livenessType: input.LivenessType,
          validateData: input.ValidateData,
          delivery: 'error',
          bestFrameAsUrl: true,
        },
      );
      const f = answer.bestFrameFile;
      return {
        Sim: answer.sim,
        Result: answer.result,
        Description: answer.description,
        BestFrame: f ? { Url: f.url, MD5: f.md5, Size: f.size } : null,
        RequestId: caller.requestId,
      };
    },
  });
}
