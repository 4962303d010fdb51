import { CompareFaceLivenessRequest, CompareFaceLivenessResponse } from '@open-ekyc/contract';
import { defineAction } from './action.js';
import { pureApiCall, type VerificationServices } from './pure-api-context.js';

/**
 * CompareFaceLiveness (spec §7.1): Base64 video + photo → liveness, then comparison. Every verdict
 * about the person is a successful response with `Result` (spec example 3: a failed action is
 * Result "FailedOperation.ActionFirstAction" with Sim 0 and a best frame); input problems are errors.
 */
export function createCompareFaceLiveness(deps: { verification: VerificationServices }) {
  return defineAction({
    name: 'CompareFaceLiveness',
    request: CompareFaceLivenessRequest,
    response: CompareFaceLivenessResponse,
    async handle(caller, input) {
      const answer = await deps.verification.pureApi.compareVideo(
        pureApiCall(caller, 'CompareFaceLiveness'),
        {
          video: { field: 'VideoBase64', base64: input.VideoBase64 },
          image: { field: 'ImageBase64', base64: input.ImageBase64 },
          livenessType: input.LivenessType,
          validateData: input.ValidateData,
          delivery: 'body',
        },
      );
      return {
        Result: answer.result,
        Description: answer.description,
        Sim: answer.sim,
        BestFrameBase64: answer.bestFrameJpeg ? answer.bestFrameJpeg.toString('base64') : null,
        RequestId: caller.requestId,
      };
    },
  });
}
