import {
  ApiError,
  COMPARE_IMAGE_MAX_BASE64_CHARS,
  GetFaceIdTokenIntlRequest,
  GetFaceIdTokenIntlResponse,
} from '@open-ekyc/contract';
import type { LivenessAction } from '../services/sessions/challenge.js';
import type { SessionsService } from '../services/sessions/sessions-service.js';
import { defineAction } from './action.js';
import { decodeBase64Image } from './image-input.js';
import { issueSdkToken, sdkActionList } from './sdk-session.js';

/** The session config of a faceid-sdk session: the request with its documented defaults applied. */
export interface FaceIdSessionConfig {
  readonly CheckMode: 'liveness' | 'compare';
  readonly SecureLevel: '1' | '2' | '3' | '4';
  readonly ActionList: readonly LivenessAction[];
  readonly SdkVersion: 'BASIC' | 'ENHANCED' | 'PRO' | 'PLUS';
  readonly RetryLimit: number;
}

/**
 * The rules the schema cannot express (spec §7 GetFaceIdTokenIntl), with defaults applied.
 * Returns the config to store and the decoded reference image (compare mode only).
 */
export function resolveFaceIdRequest(input: GetFaceIdTokenIntlRequest): {
  config: FaceIdSessionConfig;
  image: Buffer | null;
} {
  const CheckMode = input.CheckMode ?? 'liveness';
  const SecureLevel = input.SecureLevel ?? '4';
  const ActionList = sdkActionList(input.ActionList, SecureLevel, 'SecureLevel');
  let image: Buffer | null = null;
  if (CheckMode === 'compare') {
    // spec: "This parameter is required when CheckMode is "compare"."
    if (input.Image === undefined || input.Image === '') {
      throw new ApiError(
        'MissingParameter',
        'The request is missing a required parameter `Image` (CheckMode is compare).',
      );
    }
    image = decodeBase64Image('Image', input.Image, COMPARE_IMAGE_MAX_BASE64_CHARS);
  }
  return {
    config: {
      CheckMode,
      SecureLevel,
      ActionList,
      SdkVersion: input.SdkVersion ?? 'BASIC',
      RetryLimit: input.RetryLimit ?? 5,
    },
    image,
  };
}

export function createGetFaceIdTokenIntl(deps: { sessions: Pick<SessionsService, 'create'> }) {
  return defineAction({
    name: 'GetFaceIdTokenIntl',
    request: GetFaceIdTokenIntlRequest,
    response: GetFaceIdTokenIntlResponse,
    async handle(caller, input) {
      const { config, image } = resolveFaceIdRequest(input);
      return issueSdkToken(deps.sessions, caller, 'faceid-sdk', config, {
        extra: input.Extra,
        referenceImage: image,
      });
    },
  });
}
