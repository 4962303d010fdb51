import {
  GetCardVerificationResultRequest,
  GetCardVerificationResultResponse,
  type CardInfo,
} from '@open-ekyc/contract';
import type { CardVerificationService } from '../services/documents/card-verification-service.js';
import { defineAction } from './action.js';

/**
 * GetCardVerificationResult (spec §7.2, legacy): PROCESSING until the read is done, then PASSED,
 * WARNING (WarnInfo: the warning codes as strings, e.g. "-9102") or REJECTED (WarnInfo also names
 * the reason: IMAGE_INVALID or OCR_FAILED, our codes: the vendor publishes none). CardInfo holds the
 * read document under its §8 key. Only the app that applied may read it.
 */
export function createGetCardVerificationResult(deps: { cards: Pick<CardVerificationService, 'result'> }) {
  return defineAction({
    name: 'GetCardVerificationResult',
    request: GetCardVerificationResultRequest,
    response: GetCardVerificationResultResponse,
    async handle(caller, input) {
      const view = await deps.cards.result(input.CardVerificationToken, caller.appId, caller.receivedAt);
      const r = view.result;
      if (view.status === 'PROCESSING' || !r) {
        return {
          Status: 'PROCESSING',
          Nationality: view.record.nationality,
          CardType: view.record.cardType,
          RequestId: caller.requestId,
        };
      }
      const warnInfo = [...r.warnings.map(String), ...(view.status === 'REJECTED' ? [r.code] : [])];
      return {
        Status: view.status,
        WarnInfo: warnInfo,
        Nationality: r.nationality,
        CardType: r.cardType,
        CardInfo: r.cardKey && r.fields ? ({ [r.cardKey]: { ...r.fields } } as CardInfo) : null,
        RequestId: caller.requestId,
      };
    },
  });
}
