import { codeInForce, GetFaceIdResultIntlRequest, GetFaceIdResultIntlResponse } from '@open-ekyc/contract';
import type { WebFlowService } from '../services/web-flow/web-flow-service.js';
import { defineAction } from './action.js';

/** spec §7.1 GetFaceIdResultIntl: "-999: The verification process wasn't finished." */
const NOT_FINISHED = '-999';

/**
 * GetFaceIdResultIntl (spec §7.1): the selfie SDK session's result (readable for 72 h). Codes are
 * the selfie-sdk catalog's; an exited or expired session reports -999 (the SDK table has no code
 * for either). Similarity only in "compare" mode.
 */
export function createGetFaceIdResultIntl(deps: { webFlow: Pick<WebFlowService, 'result'> }) {
  return defineAction({
    name: 'GetFaceIdResultIntl',
    request: GetFaceIdResultIntlRequest,
    response: GetFaceIdResultIntlResponse,
    async handle(caller, input) {
      const r = await deps.webFlow.result(input.SdkToken, caller.appId, caller.receivedAt, ['faceid-sdk']);
      const finished = r.session.state === 'finished' && r.code !== null;
      const code = finished ? (r.code as string) : NOT_FINISHED;
      const description = finished
        ? (r.message ?? code)
        : (codeInForce('selfie-sdk', NOT_FINISHED, caller.receivedAt)?.description ?? '');
      const compare = r.session.config.CheckMode === 'compare';
      return {
        Result: code,
        Description: description,
        BestFrame: r.bestFrame ? r.bestFrame.bytes.toString('base64') : '',
        Video: r.video ? r.video.bytes.toString('base64') : '',
        // One recording holds the actions too (the web SDK records a single clip).
        ActionVideo: r.video ? r.video.bytes.toString('base64') : '',
        Similarity: compare ? (r.similarity ?? 0) : 0,
        Extra: r.session.extra,
        DeviceInfoLevel: '',
        LivenessInfoTag: null,
        RequestId: caller.requestId,
      };
    },
  });
}
