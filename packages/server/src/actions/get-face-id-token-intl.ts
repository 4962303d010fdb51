import {
  ApiError,
  COMPARE_IMAGE_MAX_BASE64_CHARS,
  GetFaceIdTokenIntlRequest,
  GetFaceIdTokenIntlResponse,
} from '@open-ekyc/contract';
import {
  buildLivenessChallenge,
  levelUsesActions,
  type LivenessAction,
} from '../services/sessions/challenge.js';
import type { SessionsService } from '../services/sessions/sessions-service.js';
import { defineAction } from './action.js';
import { decodeBase64Image } from './image-input.js';

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
  // spec: "Input this parameter only when SecureLevel is 2 or 4 ...; otherwise, the API returns an error."
  if (input.ActionList !== undefined && !levelUsesActions(SecureLevel)) {
    throw new ApiError('InvalidParameterValue', '`ActionList` is only allowed when `SecureLevel` is 2 or 4.');
  }
  const actions = (input.ActionList ?? 'blink').split(',') as LivenessAction[];
  if (actions.length === 2 && actions[0] === actions[1]) {
    throw new ApiError(
      'InvalidParameterValue',
      `The value \`${input.ActionList}\` specified in the parameter \`ActionList\` is invalid.`,
    );
  }
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
      ActionList: levelUsesActions(SecureLevel) ? actions : [],
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
      const session = await deps.sessions.create({
        kind: 'faceid-sdk',
        appId: caller.appId,
        config: { ...config },
        challenge: buildLivenessChallenge({ secureLevel: config.SecureLevel, actions: config.ActionList }),
        extra: input.Extra ?? null,
        referenceImage: image,
        at: caller.receivedAt,
      });
      return { SdkToken: session.token, RequestId: caller.requestId };
    },
  });
}
