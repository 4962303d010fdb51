import {
  GetWebVerificationResultIntlRequest,
  GetWebVerificationResultIntlResponse,
} from '@open-ekyc/contract';
import type { WebFlowService } from '../services/web-flow/web-flow-service.js';
import { defineAction } from './action.js';
import { ocrResultOf } from './document-results.js';

const asInt = (code: string | null): number | null =>
  code !== null && /^-?\d+$/.test(code) ? Number(code) : null;

/**
 * GetWebVerificationResultIntl (spec §7.1): repeatable for 3 days. ErrorCode/ErrorMsg null while
 * the user has not finished; one VerificationDetail per attempt; video and best frame of the last
 * attempt as Base64; with a document step (Config.CheckMode 1 or 4) one OCRResult per document read,
 * otherwise OCRResult null.
 */
export function createGetWebVerificationResultIntl(deps: { webFlow: Pick<WebFlowService, 'result'> }) {
  return defineAction({
    name: 'GetWebVerificationResultIntl',
    request: GetWebVerificationResultIntlRequest,
    response: GetWebVerificationResultIntlResponse,
    async handle(caller, input) {
      const r = await deps.webFlow.result(input.BizToken, caller.appId, caller.receivedAt, ['web']);
      const checkMode = Number(r.session.config.CheckMode);
      const ocr =
        checkMode === 1 || checkMode === 4
          ? r.documents.map((o) =>
              ocrResultOf(o, { checkMode, idCardCutReturn: r.session.config.IdCardCutReturn === true }),
            )
          : null;
      return {
        ErrorCode: asInt(r.code),
        ErrorMsg: r.message,
        VerificationDetailList: r.details,
        VideoBase64: r.video ? r.video.bytes.toString('base64') : null,
        BestFrameBase64: r.bestFrame ? r.bestFrame.bytes.toString('base64') : null,
        OCRResult: ocr,
        Extra: r.session.extra,
        RequestId: caller.requestId,
      };
    },
  });
}
