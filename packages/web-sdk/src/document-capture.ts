import type { DocumentConfirmed, DocumentRead } from '@open-ekyc/contract';
import { CaptureApi } from './api-client.js';
import { canUseCamera, closeCamera, openCamera, type CameraInfo } from './camera.js';
import { CLIENT_CODES, CaptureFailure } from './client-codes.js';
import {
  DOCUMENT_LIMITS,
  StableCounter,
  assessDocumentFrame,
  cardAspect,
  clampAutoTimeout,
  guideRect,
  lumaFromRgba,
  type DocumentGuidance,
  type LumaImage,
} from './document-quality.js';
import { DocumentUi } from './document-ui.js';
import type { DocumentCallbacks, DocumentCaptureOptions } from './types.js';

/** How often a frame is analysed (the three stable checks then take ≈ 0.6 s). */
const CHECK_INTERVAL_MS = 200;
/** Photos are sent at most this size (the engine reads at ≤ 1600 px; phones shoot 4000 px and more). */
const MAX_PHOTO_SIDE = 2000;
const MAX_DIRECT_BYTES = 4 << 20;
/** DOCUMENT_READ_CODES.IMAGE_INVALID: the same name when the browser already knows the file is no image. */
const IMAGE_INVALID = 'IMAGE_INVALID';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new CaptureFailure(IMAGE_INVALID, 'the photo could not be encoded'))),
      'image/jpeg',
      0.92,
    ),
  );
}

/** Draws a video frame or bitmap at most MAX_PHOTO_SIDE on its long side and encodes it as JPEG. */
function encodeJpeg(source: CanvasImageSource, width: number, height: number): Promise<Blob> {
  const k = Math.min(1, MAX_PHOTO_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * k);
  canvas.height = Math.round(height * k);
  canvas.getContext('2d')?.drawImage(source, 0, 0, canvas.width, canvas.height);
  return toBlob(canvas);
}

/**
 * A chosen file, ready to send: small JPEG/PNG files as they are; anything bigger or in another
 * format (HEIC where the browser decodes it) re-encoded, which also applies the EXIF rotation.
 */
export async function prepareDocumentFile(file: Blob): Promise<Blob> {
  const direct = file.type === 'image/jpeg' || file.type === 'image/png';
  let bitmap: ImageBitmap | undefined;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    if (direct) return file; // the server decides
    throw new CaptureFailure(IMAGE_INVALID, 'the file is not an image this browser can read');
  }
  try {
    if (direct && file.size <= MAX_DIRECT_BYTES && Math.max(bitmap.width, bitmap.height) <= MAX_PHOTO_SIDE)
      return file;
    return await encodeJpeg(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** One photo of one side: the rear camera with auto capture and/or a shutter, or a chosen file. */
class PhotoSession {
  private camera: CameraInfo | undefined;
  private done = false;
  private readonly analysis = document.createElement('canvas');

  constructor(
    private readonly ui: DocumentUi,
    private readonly opts: DocumentCaptureOptions,
    private readonly cb: DocumentCallbacks,
  ) {}

  run(): Promise<Blob> {
    return new Promise<Blob>((resolve, reject) => {
      const finish = (blob: Blob, source: 'auto' | 'shutter' | 'file'): void => {
        if (this.done) return;
        this.done = true;
        this.cb.onPhoto?.(blob, source);
        resolve(blob);
      };
      const fail = (f: unknown): void => {
        if (this.done) return;
        this.done = true;
        reject(f instanceof CaptureFailure ? f : new CaptureFailure(CLIENT_CODES.UNDEFINED, String(f)));
      };
      const signal = this.opts.signal;
      if (signal?.aborted) return fail(new CaptureFailure(CLIENT_CODES.USER_GIVE_UP));
      signal?.addEventListener('abort', () => fail(new CaptureFailure(CLIENT_CODES.USER_GIVE_UP)), {
        once: true,
      });
      this.ui.fileInput.addEventListener('change', () => {
        const file = this.ui.fileInput.files?.[0];
        this.ui.fileInput.value = '';
        if (file) prepareDocumentFile(file).then((b) => finish(b, 'file'), fail);
      });
      this.ui.shutter.addEventListener('click', () => {
        const v = this.ui.video;
        if (v.videoWidth > 0)
          encodeJpeg(v, v.videoWidth, v.videoHeight).then((b) => finish(b, 'shutter'), fail);
      });
      if ((this.opts.camera ?? true) && canUseCamera()) void this.live((b) => finish(b, 'auto'), fail);
      else this.fileOnly();
    }).finally(() => this.stop());
  }

  private fileOnly(failure?: CaptureFailure): void {
    this.ui.hideCamera();
    this.ui.setStatus(undefined);
    if (failure) {
      this.ui.setHint(this.ui.t('sdk.doc.noCamera'));
      this.cb.onCameraError?.(failure);
    }
    this.cb.onStateChange?.('file');
  }

  private async live(onAuto: (b: Blob) => void, fail: (f: unknown) => void): Promise<void> {
    const { ui, cb } = this;
    const mode = this.opts.mode ?? 'manual';
    const timeoutMs = clampAutoTimeout(this.opts.autoTimeoutMs);
    cb.onStateChange?.('starting_camera');
    ui.setHint(ui.t('sdk.doc.starting'));
    const t0 = performance.now();
    try {
      this.camera = await openCamera(ui.video, '1080p', 8000, 'environment');
    } catch (err) {
      if (this.done) return;
      const f =
        err instanceof CaptureFailure
          ? err
          : new CaptureFailure(CLIENT_CODES.CAMERA_OPEN_FAILED, String(err));
      return this.fileOnly(f);
    }
    if (this.done) return this.stop();
    const cam = this.camera;
    ui.showCamera(ui.video.videoWidth, ui.video.videoHeight);
    cb.onProgress?.({
      phase: 'camera',
      previewMs: performance.now() - t0,
      width: cam.width,
      height: cam.height,
      fps: cam.fps,
    });
    cb.onStateChange?.('framing');
    if (mode === 'manual') this.manual();
    const started = performance.now();
    const stable = new StableCounter();
    let previous: LumaImage | undefined;
    let shown: DocumentGuidance | undefined;
    while (!this.done) {
      if (cam.stream.getVideoTracks().every((t) => t.readyState === 'ended'))
        return this.fileOnly(new CaptureFailure(CLIENT_CODES.CAMERA_OPEN_FAILED, 'the camera stopped'));
      const frame = this.grab();
      if (frame) {
        ui.showCamera(ui.video.videoWidth, ui.video.videoHeight);
        const check = assessDocumentFrame(frame.img, frame.guide, previous);
        previous = frame.img;
        if (check.status !== shown) {
          shown = check.status;
          ui.setStatus(shown);
          cb.onGuidance?.(shown);
        }
        if (mode !== 'manual' && stable.push(check.status)) {
          const v = ui.video;
          return encodeJpeg(v, v.videoWidth, v.videoHeight).then(onAuto, fail);
        }
      }
      const elapsed = performance.now() - started;
      if (mode === 'auto+manual' && ui.shutter.hidden && elapsed > timeoutMs) this.manual();
      if (mode === 'auto' && elapsed > timeoutMs)
        return fail(new CaptureFailure(CLIENT_CODES.ACTION_TIMEOUT, 'the document was not captured in time'));
      await tick(CHECK_INTERVAL_MS);
    }
  }

  private manual(): void {
    this.ui.showShutter();
    this.cb.onManual?.();
  }

  /** The current frame at the analysis width, in grey, with the guide in its coordinates. */
  private grab(): { img: LumaImage; guide: ReturnType<typeof guideRect> } | undefined {
    const v = this.ui.video;
    if (v.readyState < 2 || v.videoWidth === 0) return undefined;
    const w = Math.min(DOCUMENT_LIMITS.analysisWidth, v.videoWidth);
    const h = Math.round((w * v.videoHeight) / v.videoWidth);
    const c = this.analysis;
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const ctx = c.getContext('2d', { willReadFrequently: true });
    if (!ctx) return undefined;
    ctx.drawImage(v, 0, 0, w, h);
    const img = lumaFromRgba(ctx.getImageData(0, 0, w, h).data, w, h);
    return { img, guide: guideRect(w, h, cardAspect(this.opts.cardType ?? '')) };
  }

  private stop(): void {
    this.done = true;
    closeCamera(this.camera?.stream, this.ui.video);
    this.camera = undefined;
  }
}

/**
 * Takes one photo of one side of the document (vendor App SDK OCR step, OcrModeType manual / auto /
 * auto+manual), without sending it. Rejects with a CaptureFailure (USER_GIVE_UP on abort,
 * ACTION_TIMEOUT in auto mode, IMAGE_INVALID for an unreadable file). Camera failures do not
 * reject: the file button stays and onCameraError says why.
 */
export async function takeDocumentPhoto(
  opts: DocumentCaptureOptions,
  cb: DocumentCallbacks = {},
): Promise<Blob> {
  const ui = new DocumentUi(opts.container, opts.messages, cardAspect(opts.cardType ?? ''), opts.language);
  try {
    return await new PhotoSession(ui, opts, cb).run();
  } finally {
    ui.destroy();
  }
}

/** Takes the photo and sends it to the capture API: the server's read (fields, warnings, code). */
export async function captureDocument(
  token: string,
  opts: DocumentCaptureOptions,
  cb: DocumentCallbacks = {},
): Promise<DocumentRead> {
  const photo = await takeDocumentPhoto(opts, cb);
  cb.onStateChange?.('reading');
  return new CaptureApi(opts.apiBase ?? '/capture/v1', token).readDocument(opts.side, photo);
}

/** Confirms the front's read, with the fields the user corrected (when the session allows edits). */
export function confirmDocument(
  token: string,
  readId: string,
  fields?: Record<string, string>,
  apiBase = '/capture/v1',
): Promise<DocumentConfirmed> {
  return new CaptureApi(apiBase, token).confirmDocument(
    readId,
    fields && Object.keys(fields).length > 0 ? fields : undefined,
  );
}
