import { CLIENT_CODES, CaptureFailure, cameraErrorCode } from './client-codes.js';

export type VideoSize = '480p' | '720p';

export interface CameraInfo {
  stream: MediaStream;
  width: number;
  height: number;
  fps: number;
}

/** True when this browser can do live capture (getUserMedia + MediaRecorder); otherwise use recording mode. */
export function canCaptureLive(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function' &&
    typeof MediaRecorder !== 'undefined'
  );
}

/**
 * Front camera at about the requested size. Only `ideal` constraints: whatever the camera delivers
 * is accepted (Chromium's fake camera gives the y4m file's 320x240).
 */
export function cameraConstraints(size: VideoSize): MediaStreamConstraints {
  const [width, height] = size === '720p' ? [1280, 720] : [640, 480];
  return {
    audio: false,
    video: {
      facingMode: 'user',
      width: { ideal: width },
      height: { ideal: height },
      frameRate: { ideal: 15, max: 30 },
    },
  };
}

function firstFrame(video: HTMLVideoElement, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (video.readyState >= 2 && video.videoWidth > 0) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      cleanup();
      reject(new CaptureFailure(CLIENT_CODES.DEVICE_NOT_SUPPORT, 'the camera delivered no picture'));
    }, timeoutMs);
    const done = (): void => {
      if (video.videoWidth === 0) return;
      cleanup();
      resolve();
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      video.removeEventListener('loadeddata', done);
      video.removeEventListener('playing', done);
    };
    video.addEventListener('loadeddata', done);
    video.addEventListener('playing', done);
  });
}

/** Opens the camera into `video` and resolves when the first frame is shown. Failures carry the 003_* camera codes. */
export async function openCamera(
  video: HTMLVideoElement,
  size: VideoSize,
  firstFrameTimeoutMs = 8000,
): Promise<CameraInfo> {
  if (!canCaptureLive())
    throw new CaptureFailure(CLIENT_CODES.DEVICE_NOT_SUPPORT, 'live capture is not supported');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia(cameraConstraints(size));
  } catch (err) {
    throw new CaptureFailure(
      cameraErrorCode(err),
      err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    );
  }
  video.muted = true;
  video.playsInline = true;
  video.setAttribute('playsinline', '');
  video.srcObject = stream;
  try {
    await video.play();
    await firstFrame(video, firstFrameTimeoutMs);
  } catch (err) {
    closeCamera(stream, video);
    if (err instanceof CaptureFailure) throw err;
    throw new CaptureFailure(
      CLIENT_CODES.CAMERA_OPEN_FAILED,
      err instanceof Error ? err.message : String(err),
    );
  }
  const settings = stream.getVideoTracks()[0]?.getSettings() ?? {};
  return {
    stream,
    width: video.videoWidth || settings.width || 0,
    height: video.videoHeight || settings.height || 0,
    fps: settings.frameRate ?? 0,
  };
}

export function closeCamera(stream: MediaStream | undefined, video?: HTMLVideoElement): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
  if (video) video.srcObject = null;
}
