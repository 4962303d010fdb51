import {
  GetWebVerificationResultIntlRequest,
  GetWebVerificationResultIntlResponse,
} from '@open-ekyc/contract';
import type { WebFlowService } from '../services/web-flow/web-flow-service.js';
import { defineAction } from './action.js';

const asInt = (code: string | null): number | null =>
  code !== null && /^-?\d+$/.test(code) ? Number(code) : null;

/**
 * GetWebVerificationResultIntl (spec §7.1): repeatable for 3 days. ErrorCode/ErrorMsg null while
 * the user has not finished; one VerificationDetail per attempt; video and best frame of the last
 * attempt as Base64.
 */
export function createGetWebVerificationResultIntl(deps: { webFlow: Pick<WebFlowService, 'result'> }) {
  return defineAction({
    name: 'GetWebVerificationResultIntl',
    request: GetWebVerificationResultIntlRequest,
    response: GetWebVerificationResultIntlResponse,
    async handle(caller, input) {
      const r = await deps.webFlow.result(input.BizToken, caller.appId, caller.receivedAt, ['web']);
      return {
        ErrorCode: asInt(r.code),
        ErrorMsg: r.message,
        VerificationDetailList: r.details,
        VideoBase64: r.video ? r.video.bytes.toString('base64') : null,
        BestFrameBase64: r.bestFrame ? r.bestFrame.bytes.toString('base64') : null,
        OCRResult: null,
        Extra: r.session.extra,
        RequestId: caller.requestId,
      };
    },
  });
}
