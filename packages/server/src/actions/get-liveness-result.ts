import { codeInForce, GetLivenessResultRequest, GetLivenessResultResponse } from '@open-ekyc/contract';
import type { WebFlowService } from '../services/web-flow/web-flow-service.js';
import { defineAction } from './action.js';

/**
 * GetLivenessResult (spec §7.1): the liveness-only SDK session's result (readable for 2 h). It has
 * no code table of its own; its example is the selfie-sdk row (billing/billing-entry.ts), so is its
 * "not finished" (-999). Media as FileInfo download links with MD5 and size.
 */
export function createGetLivenessResult(deps: { webFlow: Pick<WebFlowService, 'result'> }) {
  return defineAction({
    name: 'GetLivenessResult',
    request: GetLivenessResultRequest,
    response: GetLivenessResultResponse,
    async handle(caller, input) {
      const r = await deps.webFlow.result(input.SdkToken, caller.appId, caller.receivedAt, ['liveness-sdk']);
      const finished = r.session.state === 'finished' && r.code !== null;
      const code = finished ? (r.code as string) : '-999';
      const description = finished
        ? (r.message ?? code)
        : (codeInForce('selfie-sdk', '-999', caller.receivedAt)?.description ?? '');
      return {
        Result: code,
        Description: description,
        ...(r.bestFrame
          ? { BestFrame: { Url: r.bestFrame.url, MD5: r.bestFrame.md5, Size: r.bestFrame.size } }
          : {}),
        ...(r.video ? { Video: { Url: r.video.url, MD5: r.video.md5, Size: r.video.size } } : {}),
        RequestId: caller.requestId,
      };
    },
  });
}
