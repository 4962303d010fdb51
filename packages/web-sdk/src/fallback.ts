import type { AttemptResult, CaptureTimeline } from '@open-ekyc/contract';
import type { CaptureApi } from './api-client.js';
import type { SdkUi } from './sdk-ui.js';
import { encodeTimeline } from './timeline.js';
import type { Callbacks } from './types.js';

/** Size of a chosen video file, read from its metadata; zeros when the browser cannot tell. */
function videoMeta(file: Blob): Promise<{ width: number; height: number }> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const v = document.createElement('video');
    const done = (width: number, height: number): void => {
      clearTimeout(timer);
      URL.revokeObjectURL(url);
      resolve({ width, height });
    };
    const timer = setTimeout(() => done(0, 0), 3000);
    v.preload = 'metadata';
    v.muted = true;
    v.onloadedmetadata = () => done(v.videoWidth, v.videoHeight);
    v.onerror = () => done(0, 0);
    v.src = url;
  });
}

/** iPhone camera apps give QuickTime (ISO BMFF like MP4); everything else is sent as what it says it is. */
export function fileContentType(type: string): 'video/webm' | 'video/mp4' {
  return /webm/i.test(type) ? 'video/webm' : 'video/mp4';
}

/**
 * Recording mode (vendor 003_*: when real-time capture is not supported the web flow switches to
 * video recording): the phone's own camera app records, the user picks the file, we upload it.
 */
export async function runFileFlow(
  api: CaptureApi,
  ui: SdkUi,
  cb: Callbacks,
  signal: AbortSignal,
): Promise<AttemptResult> {
  cb.onStateChange?.('fallback');
  const attempt = await api.startAttempt('file');
  cb.onGuidance?.({ kind: 'instructions', challenge: attempt.challenge });
  const file = await new Promise<File>((resolve, reject) => {
    ui.showFileInput(resolve);
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
  const meta = await videoMeta(file);
  const timeline: CaptureTimeline = {
    startedAt: file.lastModified || Date.now(),
    source: 'file',
    events: [],
    client: { userAgent: navigator.userAgent.slice(0, 512), width: meta.width, height: meta.height, fps: 0 },
  };
  cb.onStateChange?.('uploading');
  await api.uploadVideo(
    attempt.attemptId,
    attempt.uploadNonce,
    file,
    fileContentType(file.type),
    encodeTimeline(timeline),
    (p) => cb.onProgress?.({ phase: 'upload', ...p }),
  );
  cb.onStateChange?.('processing');
  return api.waitForResult(attempt.attemptId, { signal });
}
