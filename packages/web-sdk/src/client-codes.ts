/**
 * Client failure codes (catalog product `sdk-client`). Names follow the vendor's liveness SDK
 * error table (vendor-docs/004_*) where one exists; the others are ours and say so.
 * Server-side result codes ("15", "1005", ...) pass through unchanged as strings.
 */
export const CLIENT_CODES = {
  /** Camera busy / could not start (003_*: "Unable to access your camera/mic ..."). */
  CAMERA_OPEN_FAILED: 'CAMERA_OPEN_FAILED',
  /** Permission denied (003_*: "Mic and camera permissions ... are required"). */
  NO_CAMERA_PERMISSION: 'NO_CAMERA_PERMISSION',
  /** No usable (front) camera, or it delivers no frames (003_*: "check whether the camera ... can be accessed normally"). */
  DEVICE_NOT_SUPPORT: 'DEVICE_NOT_SUPPORT',
  FACE_MISSING: 'FACE_MISSING',
  ACTION_TIMEOUT: 'ACTION_TIMEOUT',
  MULTIPLE_FACE: 'MULTIPLE_FACE',
  MUCH_MOTION: 'MUCH_MOTION',
  STRONG_LIGHT: 'STRONG_LIGHT',
  WEAK_LIGHT: 'WEAK_LIGHT',
  USER_GIVE_UP: 'USER_GIVE_UP',
  LOAD_MODEL_ERROR: 'LOAD_MODEL_ERROR',
  /** A capture-API call failed (vendor: AUTH_NETWORK_ERROR_$ErrorCode). */
  AUTH_NETWORK_ERROR: 'AUTH_NETWORK_ERROR',
  /** The video upload failed (vendor: UPLOAD_IMAGE_DATA_NETWORK_ERROR_$ErrorCode; ours uploads video). */
  UPLOAD_VIDEO_NETWORK_ERROR: 'UPLOAD_VIDEO_NETWORK_ERROR',
  /** Ours (vendor App SDK: HY_SDK_VEDIO_CUT_EXCEPTION): MediaRecorder failed or produced nothing. */
  VIDEO_RECORD_FAILED: 'VIDEO_RECORD_FAILED',
  /** Ours (vendor App SDK: HY_DO_NOT_CHANGE_ERROR): the page was hidden during capture. */
  DO_NOT_SWITCH_APPS: 'DO_NOT_SWITCH_APPS',
  /** Ours (vendor App SDK: HY_INIT_SDK_ERROR): start() before init(). */
  SDK_NOT_INITIALIZED: 'SDK_NOT_INITIALIZED',
  UNDEFINED: 'UNDEFINED',
} as const;
export type ClientCode = (typeof CLIENT_CODES)[keyof typeof CLIENT_CODES];

/** A failure the SDK reports through onError / onResult. `code` is a ClientCode or a server catalog code. */
export class CaptureFailure extends Error {
  constructor(
    readonly code: string,
    message?: string,
    /** True when starting again can help (camera busy, timeout); false for expired / completed sessions. */
    readonly retryable = true,
  ) {
    super(message ?? code);
    this.name = 'CaptureFailure';
  }
}

/**
 * Maps a getUserMedia rejection to the three camera situations of 003_* (busy, denied, not working).
 * DOMException names per the Media Capture spec; the Chrome-legacy names are kept for old WebViews.
 */
export function cameraErrorCode(err: unknown): ClientCode {
  const name =
    typeof err === 'object' && err !== null && 'name' in err ? String((err as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return CLIENT_CODES.NO_CAMERA_PERMISSION;
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return CLIENT_CODES.CAMERA_OPEN_FAILED;
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
    case 'TypeError':
      return CLIENT_CODES.DEVICE_NOT_SUPPORT;
    default:
      return CLIENT_CODES.CAMERA_OPEN_FAILED;
  }
}
