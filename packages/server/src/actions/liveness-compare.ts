import { LivenessCompareRequest, LivenessCompareResponse } from '@open-ekyc/contract';
import { bestFrameNum } from '../services/verification/liveness-request.js';
import { defineAction } from './action.js';
import { pureApiCall, type VerificationServices } from './pure-api-context.js';

/**
 * LivenessCompare (spec §7.1, legacy): LIP / ACTION / SILENT with ValidateData; photo and video as
 * Base64 or URL ("If both are provided, only ...Base64 will be used"). Verdicts are delivered like
 * VideoLivenessCompare. `Optional.BestFrameNum` asks for a best-frame list: the engine keeps one
 * best frame, so the list holds that one frame (never copies of it).
 */
export function createLivenessCompare(deps: { verification: VerificationServices }) {
  return defineAction({
    name: 'LivenessCompare',
    request: LivenessCompareRequest,
    response: LivenessCompareResponse,
    async handle(caller, input) {
      const listWanted = bestFrameNum(input.Optional);
      const answer = await deps.verification.pureApi.compareVideo(pureApiCall(caller, 'LivenessCompare'), {
        video: {
          field: input.VideoBase64 ? 'VideoBase64' : 'VideoUrl',
          base64: input.VideoBase64,
          url: input.VideoUrl,
        },
        image: {
          field: input.ImageBase64 ? 'ImageBase64' : 'ImageUrl',
          base64: input.ImageBase64,
          url: input.ImageUrl,
        },
        livenessType: input.LivenessType,
        validateData: input.ValidateData,
        delivery: 'error',
      });
      const best = answer.bestFrameJpeg ? answer.bestFrameJpeg.toString('base64') : null;
      return {
        BestFrameBase64: best,
        Sim: answer.sim,
        Result: answer.result,
        Description: answer.description,
        // spec: "Returned only when multiple best screenshots are configured to be returned."
        BestFrameList: listWanted !== null && listWanted > 1 && best !== null ? [best] : null,
        RequestId: caller.requestId,
      };
    },
  });
}
