import { CLIENT_CODES, CaptureFailure } from './client-codes.js';

/** vp8 first: cheapest to encode on weak phones and decodable everywhere; mp4 when that is all Safari offers. */
export const MIME_CANDIDATES = [
  'video/webm;codecs=vp8',
  'video/webm;codecs=vp9',
  'video/webm',
  'video/mp4;codecs=avc1.42E01E',
  'video/mp4',
] as const;

export function pickMimeType(isSupported: (t: string) => boolean): string | undefined {
  return MIME_CANDIDATES.find((t) => {
    try {
      return isSupported(t);
    } catch {
      return false;
    }
  });
}

/** The Content-Type to upload with: the container only. */
export function uploadContentType(mime: string): 'video/webm' | 'video/mp4' {
  return mime.toLowerCase().startsWith('video/mp4') ? 'video/mp4' : 'video/webm';
}

/** One MediaRecorder run over the camera stream. */
export class Recording {
  private recorder: MediaRecorder | undefined;
  private chunks: Blob[] = [];
  readonly mimeType: string;

  constructor(private readonly stream: MediaStream) {
    const mime = pickMimeType((t) => MediaRecorder.isTypeSupported(t));
    if (!mime)
      throw new CaptureFailure(CLIENT_CODES.VIDEO_RECORD_FAILED, 'no supported video recording format');
    this.mimeType = mime;
  }

  /** Starts recording; resolves with the performance.now() time of the `start` event. */
  start(bitsPerSecond = 1_000_000): Promise<number> {
    return new Promise((resolve, reject) => {
      let rec: MediaRecorder;
      try {
        rec = new MediaRecorder(this.stream, { mimeType: this.mimeType, videoBitsPerSecond: bitsPerSecond });
      } catch (err) {
        reject(
          new CaptureFailure(
            CLIENT_CODES.VIDEO_RECORD_FAILED,
            err instanceof Error ? err.message : String(err),
          ),
        );
        return;
      }
      this.recorder = rec;
      rec.ondataavailable = (e) => {
        if (e.data.size > 0) this.chunks.push(e.data);
      };
      rec.onstart = () => resolve(performance.now());
      rec.onerror = () => reject(new CaptureFailure(CLIENT_CODES.VIDEO_RECORD_FAILED, 'MediaRecorder error'));
      rec.start(250);
    });
  }

  stop(): Promise<Blob> {
    return new Promise((resolve, reject) => {
      const rec = this.recorder;
      if (!rec || rec.state === 'inactive') {
        reject(new CaptureFailure(CLIENT_CODES.VIDEO_RECORD_FAILED, 'not recording'));
        return;
      }
      rec.onstop = () => {
        const blob = new Blob(this.chunks, { type: uploadContentType(this.mimeType) });
        if (blob.size === 0)
          reject(new CaptureFailure(CLIENT_CODES.VIDEO_RECORD_FAILED, 'the recording is empty'));
        else resolve(blob);
      };
      rec.stop();
    });
  }

  cancel(): void {
    if (this.recorder && this.recorder.state !== 'inactive') {
      this.recorder.onstop = null;
      this.recorder.stop();
    }
    this.chunks = [];
  }
}
