import { ApplyLivenessTokenRequest, ApplyLivenessTokenResponse } from '@open-ekyc/contract';
import type { SessionsService } from '../services/sessions/sessions-service.js';
import { defineAction } from './action.js';
import { issueSdkToken } from './sdk-session.js';

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
      return issueSdkToken(deps.sessions, caller, 'liveness-sdk', { SecureLevel: input.SecureLevel ?? '4' });
    },
  });
}
