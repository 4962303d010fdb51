import { GenerateReflectSequenceRequest, GenerateReflectSequenceResponse } from '@open-ekyc/contract';
import { defineAction } from './action.js';
import { pureApiCall, type VerificationServices } from './pure-api-context.js';

/** GenerateReflectSequence (spec §7.1): device data (URL + MD5) → a light sequence stored here (URL + MD5). */
export function createGenerateReflectSequence(deps: { verification: VerificationServices }) {
  return defineAction({
    name: 'GenerateReflectSequence',
    request: GenerateReflectSequenceRequest,
    response: GenerateReflectSequenceResponse,
    async handle(caller, input) {
      const seq = await deps.verification.reflect.generateSequence(
        pureApiCall(caller, 'GenerateReflectSequence'),
        {
          field: 'DeviceDataUrl',
          url: input.DeviceDataUrl,
          md5: input.DeviceDataMd5,
          md5Field: 'DeviceDataMd5',
        },
        input.SecurityLevel ?? '4', // spec: "4 - blinking + light (default)"
      );
      return { ReflectSequenceUrl: seq.url, ReflectSequenceMd5: seq.md5, RequestId: caller.requestId };
    },
  });
}
