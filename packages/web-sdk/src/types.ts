import type { AttemptResult, CaptureChallenge, DocumentSide } from '@open-ekyc/contract';
import type { PromptEvent } from './challenge.js';
import type { CaptureFailure } from './client-codes.js';
import type { VideoSize } from './camera.js';
import type { DocumentGuidance } from './document-quality.js';
import type { GuidanceStatus } from './guidance.js';

export interface InitOptions {
  /** Where the SDK renders its preview circle, flash layer, countdown and dialog. */
  container: HTMLElement;
  /** Capture API base URL, default `/capture/v1` on this origin. */
  apiBase?: string;
  /** URL of the folder holding `human/`, `models/` and `wasm/` (the build's dist/assets). */
  assetsBase: string;
  /** Start loading the face models now (recommended: it overlaps with the start page). Default true. */
  preload?: boolean;
}

export interface StartConfig {
  /** Whole liveness step, from camera start to the end of the challenge (vendor LivenessTimeout, default 45 s). */
  livenessTimeoutMs?: number;
  /** How long silent mode records. Default 4000 ms. */
  silentRecordMs?: number;
  language?: string;
  colorStyle?: 'light' | 'dark';
  /** Preferred camera size; whatever the camera delivers is accepted. */
  videoSize?: VideoSize;
  /** Show the seconds left of the liveness timeout under the preview. */
  showCountdown?: boolean;
  /** Show the SDK's own error dialog before onError. Default false. */
  errorDialog?: boolean;
  /** Translations for the SDK's strings (`sdk.*`) and error messages (`code.<CODE>`). */
  messages?: Record<string, string>;
  /** Force recording mode (file input) even when live capture works. */
  recordingMode?: boolean;
}

export type SdkState =
  | 'starting_camera'
  | 'aligning'
  | 'recording'
  | 'uploading'
  | 'processing'
  | 'finished'
  | 'failed'
  | 'fallback';

export type GuidanceEvent =
  | { kind: 'face'; status: GuidanceStatus }
  | { kind: 'instructions'; challenge: CaptureChallenge }
  | PromptEvent;

export type ProgressEvent =
  | { phase: 'camera'; previewMs: number; width: number; height: number; fps: number }
  | { phase: 'models'; ready: boolean }
  | { phase: 'liveness'; secondsLeft: number }
  | { phase: 'upload'; loaded: number; total: number };

export interface Callbacks {
  onStateChange?: (state: SdkState) => void;
  onGuidance?: (event: GuidanceEvent) => void;
  onProgress?: (event: ProgressEvent) => void;
  onResult?: (result: AttemptResult) => void;
  onError?: (failure: CaptureFailure) => void;
}

/** vendor-docs 003_* OcrModeType: OCR_DETECT_MANUAL, OCR_DETECT_AUTO, OCR_DETECT_AUTO_MANUAL. */
export type OcrMode = 'manual' | 'auto' | 'auto+manual';

export interface DocumentCaptureOptions {
  /** Where the SDK renders the rear-camera preview, the card guide, the shutter and the file button. */
  container: HTMLElement;
  side: DocumentSide;
  /** Default `manual` (the vendor SDK's default ocrModeType, OCR_DETECT_MANUAL). */
  mode?: OcrMode;
  /**
   * vendor ocrAutoTimeout (default 20 s, 5–30 s): auto+manual shows the shutter after it, auto
   * fails with ACTION_TIMEOUT after it. The file button is always there.
   */
  autoTimeoutMs?: number;
  /** spec §8 CardInfo key (CaptureSession.document.cardType): picks the guide's shape. */
  cardType?: string;
  /** Capture API base URL, default `/capture/v1` on this origin. */
  apiBase?: string;
  /** false: the file button only. Default: the camera when the browser has one. */
  camera?: boolean;
  language?: string;
  /** Translations for the SDK's document strings (`sdk.doc.*`). */
  messages?: Record<string, string>;
  /** Aborting stops the camera and rejects with USER_GIVE_UP. */
  signal?: AbortSignal;
}

export type DocumentCaptureState = 'starting_camera' | 'framing' | 'file' | 'reading';

export interface DocumentCallbacks {
  onStateChange?: (state: DocumentCaptureState) => void;
  /** Auto-capture guidance, when it changes. */
  onGuidance?: (status: DocumentGuidance) => void;
  /** The shutter button appeared (manual: at once; auto+manual: after autoTimeoutMs). */
  onManual?: () => void;
  /** The camera could not be used (the failure says why); the file button stays. */
  onCameraError?: (failure: CaptureFailure) => void;
  onProgress?: (event: Extract<ProgressEvent, { phase: 'camera' }>) => void;
  /** The photo about to be sent (JPEG or PNG), e.g. for a preview; `source` says how it was taken. */
  onPhoto?: (image: Blob, source: 'auto' | 'shutter' | 'file') => void;
}
