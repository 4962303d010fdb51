import {
  ApiError,
  ApplyWebVerificationTokenRequest,
  ApplyWebVerificationTokenResponse,
  PURE_API_IMAGE_MAX_BASE64_CHARS,
} from '@open-ekyc/contract';
import type { VerificationServices } from '../services/verification/verification-services.js';
import { WEB_DEFAULTS } from '../services/web-flow/flow-settings.js';
import { validateRedirectUrl } from '../services/web-flow/redirect-url.js';
import type { WebFlowService } from '../services/web-flow/web-flow-service.js';
import { defineAction } from './action.js';

/**
 * ApplyWebVerificationToken (spec §7.2, legacy): the photo comes as a URL + MD5 (CreateUploadUrl's
 * ResourceUrl, or an operator-allowed host); no Config, so the documented web defaults apply
 * (light liveness + comparison).
 */
export function createApplyWebVerificationToken(deps: {
  webFlow: Pick<WebFlowService, 'createWebSession'>;
  verification: Pick<VerificationServices, 'pureApi'>;
}) {
  return defineAction({
    name: 'ApplyWebVerificationToken',
    request: ApplyWebVerificationTokenRequest,
    response: ApplyWebVerificationTokenResponse,
    async handle(caller, input) {
      const redirectUrl = validateRedirectUrl(input.RedirectUrl, 'RedirectUrl');
      if (!/^[0-9a-fA-F]{32}$/.test(input.CompareImageMd5)) {
        throw new ApiError(
          'InvalidParameterValue',
          'Parameter `CompareImageMd5` must be a 32-digit hex MD5.',
        );
      }
      const image = await deps.verification.pureApi.media.read(
        {
          field: 'CompareImageUrl',
          url: input.CompareImageUrl,
          md5: input.CompareImageMd5,
          md5Field: 'CompareImageMd5',
        },
        {
          maxBase64Chars: PURE_API_IMAGE_MAX_BASE64_CHARS,
          tooLarge: 'image_too_large',
          empty: 'image_empty',
        },
        caller.receivedAt,
        caller.signal,
      );
      const { token, url } = await deps.webFlow.createWebSession({
        appId: caller.appId,
        at: caller.receivedAt,
        config: {
          CheckMode: 2,
          SecurityLevel: WEB_DEFAULTS.SecurityLevel,
          ActionList: [],
          AutoDowngrade: WEB_DEFAULTS.AutoDowngrade,
          LivenessRetryLimit: WEB_DEFAULTS.LivenessRetryLimit,
          LivenessTimeout: WEB_DEFAULTS.LivenessTimeout,
          Language: WEB_DEFAULTS.Language,
          ThemeColor: WEB_DEFAULTS.ThemeColor,
          SkipPrivacyPolicy: false,
          AutoSkipStartPage: false,
          AutoSkip: false,
        },
        redirectUrl,
        referenceImage: image,
        extra: null,
      });
      return { VerificationUrl: url, BizToken: token, RequestId: caller.requestId };
    },
  });
}
