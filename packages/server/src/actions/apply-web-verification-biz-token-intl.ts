import {
  ApiError,
  ApplyWebVerificationBizTokenIntlRequest,
  ApplyWebVerificationBizTokenIntlResponse,
  COMPARE_IMAGE_MAX_BASE64_CHARS,
  WEB_ID_CARD_TYPE_DEFAULT,
  WEB_ID_CARD_TYPES,
} from '@open-ekyc/contract';
import type { DocumentSessionConfig } from '../services/documents/document-types.js';
import { WEB_DEFAULTS, type WebSessionConfig } from '../services/web-flow/flow-settings.js';
import { validateRedirectUrl } from '../services/web-flow/redirect-url.js';
import { parseActionList, type WebFlowService } from '../services/web-flow/web-flow-service.js';
import { defineAction } from './action.js';
import { documentSessionConfig, resolveCardType } from './document-config.js';
import { decodeBase64Image } from './image-input.js';

/** A web session's stored config: CheckMode 1 and 4 (document step) add the document keys. */
export type WebConfig = WebSessionConfig & Partial<DocumentSessionConfig>;

/**
 * The rules of spec §7 ApplyWebVerificationBizTokenIntl / §8 WebVerificationConfigIntl the schema
 * cannot express, with the documented defaults applied.
 */
export function resolveWebConfig(input: ApplyWebVerificationBizTokenIntlRequest): WebConfig {
  const c = input.Config ?? {};
  const CheckMode = (c.CheckMode ?? WEB_DEFAULTS.CheckMode) as 1 | 2 | 3 | 4;
  // Checked whatever the mode, so a typo is reported when it is made.
  const CardType = resolveCardType(
    WEB_ID_CARD_TYPES,
    'Config.IDCardType',
    c.IDCardType,
    WEB_ID_CARD_TYPE_DEFAULT,
  );
  const SecurityLevel = (c.SecurityLevel ?? WEB_DEFAULTS.SecurityLevel) as 1 | 2 | 3 | 4;
  // spec: "Input this parameter only when SecurityLevel is 2, 4, or 5 ...; otherwise, an API error occurs."
  if (c.ActionList !== undefined && SecurityLevel !== 2 && SecurityLevel !== 4) {
    throw new ApiError(
      'InvalidParameterValue',
      '`Config.ActionList` is only allowed when `Config.SecurityLevel` is 2 or 4.',
    );
  }
  const ActionList = parseActionList(c.ActionList);
  if (ActionList.length === 2 && ActionList[0] === ActionList[1]) {
    throw new ApiError(
      'InvalidParameterValue',
      `The value \`${c.ActionList}\` specified in the parameter \`Config.ActionList\` is invalid.`,
    );
  }
  // CheckMode 1 (OCR + liveness + compare) and 4 (OCR only) have a document step.
  const documents =
    CheckMode === 1 || CheckMode === 4
      ? documentSessionConfig({
          CheckMode,
          CardType,
          DisableCheckOcrWarnings: c.DisableCheckOcrWarnings,
          SelectedWarningCodes: c.SelectedWarningCodes,
          AllowExpiredDocument: c.AllowExpiredDocument,
          // The web config has no such option: the page lets the user correct a misread field.
          DisableChangeOcrResult: false,
          IdCardCutReturn: c.IdCardCutReturn,
        })
      : {};
  return {
    ...documents,
    CheckMode,
    SecurityLevel,
    ActionList,
    AutoDowngrade: (c.AutoDowngrade ?? WEB_DEFAULTS.AutoDowngrade) as 1 | 2,
    LivenessRetryLimit: c.LivenessRetryLimit ?? WEB_DEFAULTS.LivenessRetryLimit,
    LivenessTimeout: c.LivenessTimeout ?? WEB_DEFAULTS.LivenessTimeout,
    Language: c.Language ?? WEB_DEFAULTS.Language,
    // spec: "Uses default values if the format is incorrect" (the page validates it too).
    ThemeColor:
      c.ThemeColor && /^#[0-9a-fA-F]{6}$/.test(c.ThemeColor) ? c.ThemeColor : WEB_DEFAULTS.ThemeColor,
    SkipPrivacyPolicy: c.SkipPrivacyPolicy ?? false,
    AutoSkipStartPage: c.AutoSkipStartPage ?? false,
    AutoSkip: c.AutoSkip ?? false,
  };
}

/** ApplyWebVerificationBizTokenIntl (spec §7.1): a BizToken and the hosted page's URL. */
export function createApplyWebVerificationBizTokenIntl(deps: {
  webFlow: Pick<WebFlowService, 'createWebSession'>;
}) {
  return defineAction({
    name: 'ApplyWebVerificationBizTokenIntl',
    request: ApplyWebVerificationBizTokenIntlRequest,
    response: ApplyWebVerificationBizTokenIntlResponse,
    async handle(caller, input) {
      const redirectUrl = validateRedirectUrl(input.RedirectURL);
      const config = resolveWebConfig(input);
      let image: Buffer | null = null;
      if (input.CompareImageBase64 !== undefined && input.CompareImageBase64 !== '') {
        image = decodeBase64Image(
          'CompareImageBase64',
          input.CompareImageBase64,
          COMPARE_IMAGE_MAX_BASE64_CHARS,
        );
      } else if (config.CheckMode === 2) {
        // CheckMode 2 is "liveness detection + face comparison": there is nothing to compare without the photo.
        throw new ApiError(
          'MissingParameter',
          'The request is missing a required parameter `CompareImageBase64` (Config.CheckMode is 2).',
        );
      }
      const { token, url } = await deps.webFlow.createWebSession({
        appId: caller.appId,
        at: caller.receivedAt,
        config: { ...config, ...(input.RuleId ? { RuleId: input.RuleId } : {}) },
        redirectUrl,
        // Only CheckMode 2 uses the photo: 1 compares with the document's portrait, 3 and 4 compare nothing.
        referenceImage: config.CheckMode === 2 ? image : null,
        extra: input.Extra ?? null,
      });
      // spec §0.9: both casings, same URL.
      return { VerificationUrl: url, BizToken: token, VerificationURL: url, RequestId: caller.requestId };
    },
  });
}
