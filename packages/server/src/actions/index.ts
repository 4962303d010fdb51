import type { BillingService } from '../services/billing/billing-service.js';
import type { SessionsService } from '../services/sessions/sessions-service.js';
import type { AnyAction } from './action.js';
import { createApplyLivenessToken } from './apply-liveness-token.js';
import type { CardVerificationService } from '../services/documents/card-verification-service.js';
import { createApplyCardVerification } from './apply-card-verification.js';
import { createGetCardVerificationResult } from './get-card-verification-result.js';
import { createApplySdkVerificationToken } from './apply-sdk-verification-token.js';
import { createGetSdkVerificationResult } from './get-sdk-verification-result.js';
import { createGetFaceIdTokenIntl } from './get-face-id-token-intl.js';
import { createCompareFaceLiveness } from './compare-face-liveness.js';
import { createCreateUploadUrl } from './create-upload-url.js';
import { createDetectReflectLivenessAndCompare } from './detect-reflect-liveness-and-compare.js';
import { createGenerateReflectSequence } from './generate-reflect-sequence.js';
import { createLivenessCompare } from './liveness-compare.js';
import type { VerificationServices } from './pure-api-context.js';
import { createVideoLivenessCompare } from './video-liveness-compare.js';
import type { WebFlowService } from '../services/web-flow/web-flow-service.js';
import { createApplyWebVerificationBizTokenIntl } from './apply-web-verification-biz-token-intl.js';
import { createApplyWebVerificationToken } from './apply-web-verification-token.js';
import { createGetFaceIdResultIntl } from './get-face-id-result-intl.js';
import { createGetLivenessResult } from './get-liveness-result.js';
import { createGetWebVerificationResult } from './get-web-verification-result.js';
import { createGetWebVerificationResultIntl } from './get-web-verification-result-intl.js';

/** The services actions may call; each action takes only what it uses. */
export interface ActionServices {
  readonly sessions: SessionsService;
  /** The pure-API liveness/compare actions (engine + media store); absent = those actions are not served. */
  readonly verification?: VerificationServices;
  /** Web flow + SDK results (capture API sessions); absent = those actions are not served. */
  readonly webFlow?: WebFlowService;
  /** ChargeCount of GetSdkVerificationResult; absent = that action is not served. */
  readonly billing?: BillingService;
  /** Legacy card OCR (ApplyCardVerification / GetCardVerificationResult); absent = not served. */
  readonly cardVerification?: CardVerificationService;
}

/** Every action the gateway serves. Adding one: its file in this folder and one line here. */
export function createActions(services: ActionServices): AnyAction[] {
  const pureApi = services.verification
    ? [
        createCompareFaceLiveness({ verification: services.verification }),
        createVideoLivenessCompare({ verification: services.verification }),
        createLivenessCompare({ verification: services.verification }),
        createGenerateReflectSequence({ verification: services.verification }),
        createDetectReflectLivenessAndCompare({ verification: services.verification }),
        createCreateUploadUrl({ verification: services.verification }),
      ]
    : [];
  const webFlow = services.webFlow
    ? [
        createApplyWebVerificationBizTokenIntl({ webFlow: services.webFlow }),
        createGetWebVerificationResultIntl({ webFlow: services.webFlow }),
        createGetWebVerificationResult({ webFlow: services.webFlow }),
        createGetFaceIdResultIntl({ webFlow: services.webFlow }),
        createGetLivenessResult({ webFlow: services.webFlow }),
        ...(services.billing
          ? [createGetSdkVerificationResult({ webFlow: services.webFlow, billing: services.billing })]
          : []),
        // The legacy token takes its photo by URL, which needs the media input of the verification services.
        ...(services.verification
          ? [
              createApplyWebVerificationToken({
                webFlow: services.webFlow,
                verification: services.verification,
              }),
            ]
          : []),
      ]
    : [];
  const cards = services.cardVerification;
  const legacyCards = cards
    ? [
        // Images by URL need the pure API's media input (our ResourceUrls, operator-allowed hosts).
        ...(services.verification
          ? [createApplyCardVerification({ cards, verification: services.verification })]
          : []),
        createGetCardVerificationResult({ cards }),
      ]
    : [];
  return [
    createGetFaceIdTokenIntl(services),
    createApplyLivenessToken(services),
    createApplySdkVerificationToken(services),
    ...pureApi,
    ...webFlow,
    ...legacyCards,
  ];
}
