import { CLIENT_CODES, CaptureFailure, cameraErrorCode } from './client-codes.js';

export type VideoSize = '480p' | '720p' | '1080p';
/** `user`: the selfie camera (liveness); `environment`: the rear camera (documents). */
export type CameraFacing = 'user' | 'environment';

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

/** True when this browser can show a camera preview (enough for a document photo). */
export function canUseCamera(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/**
 * The front (or rear) camera at about the requested size. Only `ideal` constraints (a bare
 * facingMode is one too): whatever the camera delivers is accepted (Chromium's fake camera gives
 * the y4m file's size), and a laptop without a rear camera gets its only camera.
 */
export function cameraConstraints(size: VideoSize, facing: CameraFacing = 'user'): MediaStreamConstraints {
  const [width, height] = size === '1080p' ? [1920, 1080] : size === '720p' ? [1280, 720] : [640, 480];
  return {
    audio: false,
    video: {
      facingMode: facing,
      width: { ideal: width },
      height: { ideal: height },
      frameRate: { ideal: 15, max: 30 },
    },
  };
}

/** getUserMedia; when the constraints cannot be met at all (old WebViews), any camera. */
async function getStream(constraints: MediaStreamConstraints): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (err) {
    const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
    if (name !== 'OverconstrainedError' && name !== 'ConstraintNotSatisfiedError') throw err;
    return navigator.mediaDevices.getUserMedia({ audio: false, video: true });
  }
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
  facing: CameraFacing = 'user',
): Promise<CameraInfo> {
  // Recording needs MediaRecorder; a still photo (documents) only the camera.
  if (facing === 'user' ? !canCaptureLive() : !canUseCamera())
    throw new CaptureFailure(CLIENT_CODES.DEVICE_NOT_SUPPORT, 'live capture is not supported');
  let stream: MediaStream;
  try {
    stream = await getStream(cameraConstraints(size, facing));
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
