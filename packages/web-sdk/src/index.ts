/**
 * open-ekyc web SDK. Vendor-App-SDK style:
 *   init({ container, assetsBase })  →  start(token, config, callbacks)  →  release()
 * and, for the document step (CheckMode 1 / 4), before start():
 *   captureDocument(token, { container, side, mode, autoTimeoutMs, cardType }, callbacks)  →  confirmDocument(token, readId, fields)
 * Talks to the capture API (packages/contract/src/capture/capture-api.ts) with the session token.
 */
import type { AttemptResult, ExitResponse } from '@open-ekyc/contract';
import type { Callbacks, InitOptions, StartConfig } from './types.js';
import { WebSdk } from './web-sdk.js';

export { WebSdk } from './web-sdk.js';
export { CaptureApi, failureFromBody } from './api-client.js';
export { CLIENT_CODES, CaptureFailure, cameraErrorCode, type ClientCode } from './client-codes.js';
export {
  canCaptureLive,
  canUseCamera,
  cameraConstraints,
  type CameraFacing,
  type VideoSize,
} from './camera.js';
export {
  captureDocument,
  confirmDocument,
  prepareDocumentFile,
  takeDocumentPhoto,
} from './document-capture.js';
export {
  DOCUMENT_GUIDANCE,
  DOCUMENT_LIMITS,
  assessDocumentFrame,
  cardAspect,
  clampAutoTimeout,
  type DocumentGuidance,
} from './document-quality.js';
export { DOCUMENT_MESSAGES } from './document-ui.js';
export { GUIDANCE_STATUSES, guidanceFor, type GuidanceStatus } from './guidance.js';
export { rgbHex, type PromptEvent } from './challenge.js';
export { encodeTimeline, decodeTimeline, TimelineRecorder } from './timeline.js';
export type {
  Callbacks,
  DocumentCallbacks,
  DocumentCaptureOptions,
  DocumentCaptureState,
  GuidanceEvent,
  InitOptions,
  OcrMode,
  ProgressEvent,
  SdkState,
  StartConfig,
} from './types.js';

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
