import { ApplyLivenessTokenRequest, ApplyLivenessTokenResponse } from '@open-ekyc/contract';
import { buildLivenessChallenge } from '../services/sessions/challenge.js';
import type { SessionsService } from '../services/sessions/sessions-service.js';
import { defineAction } from './action.js';

/**
 * ApplyLivenessToken (spec §7.1): an SdkToken for the liveness-only SDK. SecureLevel defaults to
 * "4" (blinking + light); the action of levels 2 and 4 is "blinking", so the challenge asks for a blink.
 */
export function createApplyLivenessToken(deps: { sessions: Pick<SessionsService, 'create'> }) {
  return defineAction({
    name: 'ApplyLivenessToken',
    request: ApplyLivenessTokenRequest,
    response: ApplyLivenessTokenResponse,
    async handle(caller, input) {
      const SecureLevel = input.SecureLevel ?? '4';
      const session = await deps.sessions.create({
        kind: 'liveness-sdk',
        appId: caller.appId,
        config: { SecureLevel },
        challenge: buildLivenessChallenge({ secureLevel: SecureLevel, actions: ['blink'] }),
        at: caller.receivedAt,
      });
      return { SdkToken: session.token, RequestId: caller.requestId };
    },
  });
}
