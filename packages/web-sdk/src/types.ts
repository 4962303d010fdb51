import type { AttemptResult, CaptureChallenge } from '@open-ekyc/contract';
import type { PromptEvent } from './challenge.js';
import type { CaptureFailure } from './client-codes.js';
import type { VideoSize } from './camera.js';
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
