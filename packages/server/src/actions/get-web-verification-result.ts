import { GetWebVerificationResultRequest, GetWebVerificationResultResponse } from '@open-ekyc/contract';
import type { WebFlowService } from '../services/web-flow/web-flow-service.js';
import { defineAction } from './action.js';

const asInt = (code: string | null): number | null =>
  code !== null && /^-?\d+$/.test(code) ? Number(code) : null;

/** GetWebVerificationResult (spec §7.2, legacy): like the Intl action, media as 10-minute URLs + MD5. */
export function createGetWebVerificationResult(deps: { webFlow: Pick<WebFlowService, 'result'> }) {
  return defineAction({
    name: 'GetWebVerificationResult',
    request: GetWebVerificationResultRequest,
    response: GetWebVerificationResultResponse,
    async handle(caller, input) {
      const r = await deps.webFlow.result(input.BizToken, caller.appId, caller.receivedAt, ['web']);
      return {
        ErrorCode: asInt(r.code),
        ErrorMsg: r.message,
        VideoBestFrameUrl: r.bestFrame?.url ?? null,
        VideoBestFrameMd5: r.bestFrame?.md5 ?? null,
        VerificationDetailList: r.details,
        VideoUrl: r.video?.url ?? null,
        VideoMd5: r.video?.md5 ?? null,
        RequestId: caller.requestId,
      };
    },
  });
}
