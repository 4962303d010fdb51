import type { SessionsService } from '../services/sessions/sessions-service.js';
import type { AnyAction } from './action.js';
import { createApplyLivenessToken } from './apply-liveness-token.js';
import { createGetFaceIdTokenIntl } from './get-face-id-token-intl.js';

/** The services actions may call; each action takes only what it uses. */
export interface ActionServices {
  readonly sessions: SessionsService;
}

/** Every action the gateway serves. Adding one: its file in this folder and one line here. */
export function createActions(services: ActionServices): AnyAction[] {
  return [createGetFaceIdTokenIntl(services), createApplyLivenessToken(services)];
}
