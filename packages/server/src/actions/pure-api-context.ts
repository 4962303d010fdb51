import type { CallerContext } from './action.js';

export type { VerificationServices } from '../services/verification/verification-services.js';

/** The service's view of a call: who, which request (RequestId keys the result and the bill), and its abort signal. */
export function pureApiCall(caller: CallerContext, action: string) {
  return { appId: caller.appId, requestId: caller.requestId, action, signal: caller.signal };
}
