import { ApiError } from '@open-ekyc/contract';
import {
  buildLivenessChallenge,
  levelUsesActions,
  type LivenessAction,
  type SecureLevel,
} from '../services/sessions/challenge.js';
import type { CreateSessionInput, SessionsService } from '../services/sessions/sessions-service.js';
import type { CallerContext } from './action.js';

/**
 * What the SDK token actions (GetFaceIdTokenIntl, ApplySdkVerificationToken, ApplyLivenessToken)
 * share: the ActionList rule of their liveness levels and the session behind the SdkToken.
 */

/**
 * The SDK's ActionList (default "blink"): spec §7 "take effect only when the SecurityLevel is 2 or
 * 4; otherwise, the interface reports an error", and never the same action twice. Empty for the
 * levels without actions. `levelParam` is how the action spells its level parameter.
 */
export function sdkActionList(
  actionList: string | undefined,
  level: SecureLevel,
  levelParam: 'SecureLevel' | 'SecurityLevel',
): LivenessAction[] {
  if (actionList !== undefined && !levelUsesActions(level)) {
    throw new ApiError(
      'InvalidParameterValue',
      `\`ActionList\` is only allowed when \`${levelParam}\` is 2 or 4.`,
    );
  }
  const actions = (actionList ?? 'blink').split(',') as LivenessAction[];
  if (actions.length === 2 && actions[0] === actions[1]) {
    throw new ApiError(
      'InvalidParameterValue',
      `The value \`${actionList}\` specified in the parameter \`ActionList\` is invalid.`,
    );
  }
  return levelUsesActions(level) ? actions : [];
}

/**
 * A session of `kind` storing `config`, with the liveness challenge of its SecureLevel and
 * ActionList (none: the documented "blink"), answered as the SdkToken.
 */
export async function issueSdkToken(
  sessions: Pick<SessionsService, 'create'>,
  caller: CallerContext,
  kind: CreateSessionInput['kind'],
  config: { readonly SecureLevel: SecureLevel; readonly ActionList?: readonly LivenessAction[] },
  more: { readonly extra?: string | undefined; readonly referenceImage?: Buffer | null } = {},
): Promise<{ SdkToken: string; RequestId: string }> {
  const session = await sessions.create({
    kind,
    appId: caller.appId,
    config: { ...config },
    challenge: buildLivenessChallenge({ secureLevel: config.SecureLevel, actions: config.ActionList }),
    extra: more.extra ?? null,
    referenceImage: more.referenceImage ?? null,
    at: caller.receivedAt,
  });
  return { SdkToken: session.token, RequestId: caller.requestId };
}
