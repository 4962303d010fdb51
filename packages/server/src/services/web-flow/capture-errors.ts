/**
 * A capture API refusal: HTTP status + catalog code (contract CaptureError `{ code, message }`).
 * Codes are the mobile-HTML5 ones the page knows (spec §5.5): 14 completed, 15 expired,
 * 16 retry limit, 1410 exited; 2 / 3 bad request; 1104 / 1107 video format / size.
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
  downgradeRefused: () =>
    new CaptureApiError(409, '3', 'This verification needs the live camera (AutoDowngrade is off)'),
};
