import type { SessionRecord } from '../sessions/sessions-service.js';

/**
 * A capture API refusal: HTTP status + catalog code (contract CaptureError `{ code, message }`).
 * Codes are the mobile-HTML5 ones the page knows (spec §5.5): 14 completed, 15 expired,
 * 16 retry limit, 1410 exited; 2 / 3 bad request; 1104 / 1107 video format / size; 2004 image size
 * ("The image passed in is too large or too small"); 4 internal error (engine busy).
 */
export class CaptureApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CaptureApiError';
  }
}

export const captureErrors = {
  unknownToken: () => new CaptureApiError(404, '15', 'Token expired'),
  expired: () => new CaptureApiError(410, '15', 'Token expired'),
  completed: () => new CaptureApiError(409, '14', 'Verification has been completed'),
  exited: () => new CaptureApiError(410, '1410', 'User exited voluntarily'),
  retryLimit: () => new CaptureApiError(429, '16', 'Retry limit has been reached'),
  busy: () => new CaptureApiError(409, '3', 'An attempt is being verified; wait for its result'),
  badRequest: (why: string) => new CaptureApiError(400, '2', `Incorrect parameter value: ${why}`),
  noAttempt: () => new CaptureApiError(404, '3', 'No such attempt for this token'),
  nonce: () => new CaptureApiError(409, '3', 'Upload nonce missing, wrong or already used'),
  videoType: () => new CaptureApiError(415, '1104', 'The video format is incorrect'),
  videoSize: () => new CaptureApiError(413, '1107', 'The video is empty or its size is inappropriate'),
  // Document step (contract capture-api.ts): refusals before any read; a read's own verdict is data (DocumentRead).
  noDocumentStep: () => new CaptureApiError(409, '3', 'This verification has no document step'),
  documentConfirmed: () => new CaptureApiError(409, '3', 'The identity document is already confirmed'),
  documentFirst: () => new CaptureApiError(409, '3', 'Confirm the identity document first'),
  documentOnly: () =>
    new CaptureApiError(409, '3', 'This verification reads an identity document only (no liveness)'),
  noSide: (side: string) =>
    new CaptureApiError(400, '2', `Incorrect parameter value: this document has no ${side} side`),
  imageType: () => new CaptureApiError(415, '2', 'Incorrect parameter value: the photo must be JPEG or PNG'),
  imageSize: () => new CaptureApiError(413, '2004', 'The image passed in is too large or too small'),
  noRead: () => new CaptureApiError(404, '3', 'No such document read for this token'),
  notConfirmable: () =>
    new CaptureApiError(409, '3', 'Only a passed read of the front of the document can be confirmed'),
  editRefused: (why: string) => new CaptureApiError(400, '2', `Incorrect parameter value: ${why}`),
  engineBusy: () => new CaptureApiError(503, '4', 'The verification engine is busy; try again shortly'),
  downgradeRefused: () =>
    new CaptureApiError(409, '3', 'This verification needs the live camera (AutoDowngrade is off)'),
};

/** Why a session can no longer capture, as the page's codes. */
export function refusalOf(s: SessionRecord | null): CaptureApiError {
  switch (s?.state) {
    case undefined:
      return captureErrors.unknownToken();
    case 'exited':
      return captureErrors.exited();
    case 'processing':
      return captureErrors.busy();
    case 'finished':
      return captureErrors.completed();
    default:
      return captureErrors.expired();
  }
}
