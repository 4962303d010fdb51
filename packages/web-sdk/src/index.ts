/**
 * open-ekyc web SDK. Vendor-App-SDK style:
 *   init({ container, assetsBase })  →  start(token, config, callbacks)  →  release()
 * Talks to the capture API (packages/contract/src/capture/capture-api.ts) with the session token.
 */
import type { AttemptResult, ExitResponse } from '@open-ekyc/contract';
import type { Callbacks, InitOptions, StartConfig } from './types.js';
import { WebSdk } from './web-sdk.js';

export { WebSdk } from './web-sdk.js';
export { CaptureApi, failureFromBody } from './api-client.js';
export { CLIENT_CODES, CaptureFailure, cameraErrorCode, type ClientCode } from './client-codes.js';
export { canCaptureLive, cameraConstraints, type VideoSize } from './camera.js';
export { GUIDANCE_STATUSES, guidanceFor, type GuidanceStatus } from './guidance.js';
export { rgbHex, type PromptEvent } from './challenge.js';
export { encodeTimeline, decodeTimeline, TimelineRecorder } from './timeline.js';
export type { Callbacks, GuidanceEvent, InitOptions, ProgressEvent, SdkState, StartConfig } from './types.js';

const sdk = new WebSdk();

export function init(options: InitOptions): void {
  sdk.init(options);
}

export function start(
  token: string,
  config?: StartConfig,
  callbacks?: Callbacks,
): Promise<AttemptResult | undefined> {
  return sdk.start(token, config, callbacks);
}

export function giveUp(reason?: string, token?: string): Promise<ExitResponse | undefined> {
  return sdk.giveUp(reason, token);
}

export function release(): void {
  sdk.release();
}
