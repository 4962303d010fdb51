import {
  ApiError,
  ApplySdkVerificationTokenRequest,
  ApplySdkVerificationTokenResponse,
  COMPARE_IMAGE_MAX_BASE64_CHARS,
  SDK_ID_CARD_TYPE_DEFAULT,
  SDK_ID_CARD_TYPES,
} from '@open-ekyc/contract';
import type { DocumentSessionConfig } from '../services/documents/document-types.js';
import type { LivenessAction, SecureLevel } from '../services/sessions/challenge.js';
import type { SessionsService } from '../services/sessions/sessions-service.js';
import { defineAction } from './action.js';
import { documentSessionConfig, resolveCardType } from './document-config.js';
import { decodeBase64Image } from './image-input.js';
import { issueSdkToken, sdkActionList } from './sdk-session.js';

/**
 * The stored config of an ekyc-sdk session. Liveness keys are named the way flow-settings.ts reads
 * SDK sessions (SecureLevel, ActionList, RetryLimit); with CheckMode 1 the document keys
 * (DocumentSessionConfig) are there too. The SDK's UI options are kept as given.
 */
export type EkycSdkSessionConfig = Partial<DocumentSessionConfig> & {
  readonly CheckMode: 1 | 2 | 3;
  readonly SecureLevel: SecureLevel;
  readonly ActionList: readonly LivenessAction[];
  readonly RetryLimit: number;
  readonly SdkVersion: 'BASIC' | 'ENHANCED' | 'PRO' | 'PLUS';
  /** As requested ("HK" by default); CardType is its CardInfo key. */
  readonly IdCardType: string;
  /**
   * spec: "Whether ID card authentication is required. If not, only document OCR will be performed."
   * We have no access to the HK government check, so only OCR is ever done; the flag is kept.
   */
  readonly NeedVerifyIdCard: boolean;
  readonly SkipResultPage: boolean;
  readonly SkipLaunchPage: boolean;
  readonly SkipOcrConfirmPage: boolean;
  readonly HideProgressBar: boolean;
  readonly AllowUploadPhoto: boolean;
  /** Multi-image anti-spoofing of the vendor's SDK: stored, not applied (our warning detectors always run). */
  readonly EnableForgeryDetectionImages: boolean;
};

const levelOf = (n: number): SecureLevel => String(n) as SecureLevel;

/**
 * The rules of spec §7.1 ApplySdkVerificationToken the schema cannot express, with its defaults:
 * CheckMode 1, SecurityLevel 4, IdCardType "HK", RetryLimit 5, ActionList "blink" (levels 2/4 only).
 * Returns the config to store and the reference photo (CheckMode 2 only).
 */
export function resolveSdkVerificationRequest(input: ApplySdkVerificationTokenRequest): {
  config: EkycSdkSessionConfig;
  image: Buffer | null;
} {
  const CheckMode = (input.CheckMode ?? 1) as 1 | 2 | 3;
  const SecureLevel = levelOf(input.SecurityLevel ?? 4);
  const ActionList = sdkActionList(input.ActionList, SecureLevel, 'SecurityLevel');
  // Checked whatever the mode, so a typo is reported when it is made, not when OCR is first used.
  const IdCardType = input.IdCardType || SDK_ID_CARD_TYPE_DEFAULT;
  const CardType = resolveCardType(SDK_ID_CARD_TYPES, 'IdCardType', IdCardType, 'HKIDCard');
  let image: Buffer | null = null;
  if (CheckMode === 2) {
    // spec: "required only when `CheckMode` is set to `2`".
    if (input.CompareImage === undefined || input.CompareImage === '') {
      throw new ApiError(
        'MissingParameter',
        'The request is missing a required parameter `CompareImage` (CheckMode is 2).',
      );
    }
    image = decodeBase64Image('CompareImage', input.CompareImage, COMPARE_IMAGE_MAX_BASE64_CHARS);
  }
  const documents =
    CheckMode === 1
      ? documentSessionConfig({
          CheckMode,
          CardType,
          DisableCheckOcrWarnings: input.DisableCheckOcrWarnings,
          SelectedWarningCodes: input.SelectedWarningCodes,
          AllowExpiredDocument: input.AllowExpiredDocument,
          DisableChangeOcrResult: input.DisableChangeOcrResult,
          // The App SDK has no cut-image option; CardImage is the photo as taken.
          IdCardCutReturn: false,
          CardOcrDisplayFields: input.CardOcrDisplayFields,
        })
      : {};
  return {
    config: {
      ...documents,
      CheckMode,
      SecureLevel,
      ActionList,
      RetryLimit: input.RetryLimit ?? 5,
      SdkVersion: input.SdkVersion ?? 'BASIC',
      IdCardType,
      NeedVerifyIdCard: input.NeedVerifyIdCard ?? false,
      SkipResultPage: input.SkipResultPage ?? false,
      SkipLaunchPage: input.SkipLaunchPage ?? false,
      SkipOcrConfirmPage: input.SkipOcrConfirmPage ?? false,
      HideProgressBar: input.HideProgressBar ?? false,
      AllowUploadPhoto: input.AllowUploadPhoto ?? false,
      EnableForgeryDetectionImages: input.EnableForgeryDetectionImages ?? false,
    },
    image,
  };
}

/**
 * ApplySdkVerificationToken (spec §7.1): an SdkToken for the eKYC SDK (OCR + liveness + comparison).
 * The web SDK drives it through the capture API; `/verify/<SdkToken>` works for it too.
 */
export function createApplySdkVerificationToken(deps: { sessions: Pick<SessionsService, 'create'> }) {
  return defineAction({
    name: 'ApplySdkVerificationToken',
    request: ApplySdkVerificationTokenRequest,
    response: ApplySdkVerificationTokenResponse,
    async handle(caller, input) {
      const { config, image } = resolveSdkVerificationRequest(input);
      return issueSdkToken(deps.sessions, caller, 'ekyc-sdk', config, {
        extra: input.Extra,
        referenceImage: image,
      });
    },
  });
}
