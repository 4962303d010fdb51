import type {
  AttemptResult,
  CaptureChallenge,
  CaptureSession,
  CaptureSource,
  DocumentConfirmed,
  DocumentRead,
  DocumentSide,
  ExitResponse,
  StartAttemptResponse,
} from '@open-ekyc/contract';
import { CLIENT_CODES, CaptureFailure } from './client-codes.js';

/** Codes after which starting again cannot help: token expired, already completed, retry limit. */
const FINAL_CODES = new Set(['14', '15', '16', '1410']);

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(what: string): CaptureFailure {
  return new CaptureFailure(
    CLIENT_CODES.AUTH_NETWORK_ERROR,
    `unexpected ${what} response from the capture API`,
  );
}

// Light shape checks on receipt (the server validates with the TypeBox schemas in
// @open-ekyc/contract; bundling TypeBox into the page would cost more than it buys here).
function checkSession(v: unknown): CaptureSession {
  if (
    !isObj(v) ||
    typeof v.state !== 'string' ||
    typeof v.securityLevel !== 'number' ||
    typeof v.retriesLeft !== 'number'
  )
    throw bad('session');
  return v as unknown as CaptureSession;
}

function checkChallenge(v: unknown): CaptureChallenge {
  if (!isObj(v) || typeof v.mode !== 'string') throw bad('challenge');
  const needsActions = v.mode === 'action' || v.mode === 'action+reflection';
  const needsColors = v.mode === 'reflection' || v.mode === 'action+reflection';
  if (!needsActions && !needsColors && v.mode !== 'silent') throw bad('challenge');
  if (
    needsActions &&
    (!Array.isArray(v.actions) || v.actions.length === 0 || typeof v.stepTimeoutMs !== 'number')
  )
    throw bad('challenge');
  if (
    needsColors &&
    (!Array.isArray(v.colors) ||
      !v.colors.every(
        (c) => isObj(c) && Array.isArray(c.rgb) && c.rgb.length === 3 && typeof c.durationMs === 'number',
      ))
  )
    throw bad('challenge');
  return v as unknown as CaptureChallenge;
}

function checkAttempt(v: unknown): StartAttemptResponse {
  if (!isObj(v) || typeof v.attemptId !== 'string' || typeof v.uploadNonce !== 'string') throw bad('attempt');
  return { attemptId: v.attemptId, uploadNonce: v.uploadNonce, challenge: checkChallenge(v.challenge) };
}

function checkResult(v: unknown): AttemptResult {
  if (
    !isObj(v) ||
    !['processing', 'passed', 'failed'].includes(String(v.status)) ||
    typeof v.code !== 'string' ||
    typeof v.retriesLeft !== 'number'
  )
    throw bad('result');
  return v as unknown as AttemptResult;
}

const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function checkDocumentRead(v: unknown): DocumentRead {
  if (
    !isObj(v) ||
    typeof v.readId !== 'string' ||
    (v.side !== 'front' && v.side !== 'back') ||
    (v.status !== 'passed' && v.status !== 'failed') ||
    typeof v.code !== 'string' ||
    !Array.isArray(v.warnings) ||
    !v.warnings.every((w) => typeof w === 'number') ||
    !isObj(v.fields) ||
    !Object.values(v.fields).every((f) => typeof f === 'string' || f === null) ||
    !isStringArray(v.invalidFields) ||
    typeof v.readsLeft !== 'number'
  )
    throw bad('document read');
  return v as unknown as DocumentRead;
}

export function checkDocumentConfirmed(v: unknown): DocumentConfirmed {
  if (!isObj(v) || (v.next !== 'liveness' && v.next !== 'finished')) throw bad('document confirm');
  return v as unknown as DocumentConfirmed;
}

/** Turns a `{ code, message }` error body (or a network failure) into a CaptureFailure. */
export function failureFromBody(status: number, body: unknown, fallback: string): CaptureFailure {
  if (isObj(body) && typeof body.code === 'string' && body.code) {
    return new CaptureFailure(
      body.code,
      typeof body.message === 'string' ? body.message : body.code,
      !FINAL_CODES.has(body.code),
    );
  }
  return new CaptureFailure(fallback, `HTTP ${status}`);
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** The capture API client (see packages/contract/src/capture/capture-api.ts for the contract). */
export class CaptureApi {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  private url(path = ''): string {
    return `${this.base.replace(/\/$/, '')}/sessions/${encodeURIComponent(this.token)}${path}`;
  }

  private call(method: 'GET' | 'POST', path: string, body?: Json): Promise<unknown> {
    return body
      ? this.send(method, path, JSON.stringify(body), { 'content-type': 'application/json' })
      : this.send(method, path);
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body?: BodyInit,
    headers: Record<string, string> = {},
  ): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(this.url(path), {
        method,
        headers: { ...headers, accept: 'application/json' },
        body,
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (err) {
      throw new CaptureFailure(
        CLIENT_CODES.AUTH_NETWORK_ERROR,
        err instanceof Error ? err.message : String(err),
      );
    }
    const data: unknown = await res.json().catch(() => undefined);
    if (!res.ok) throw failureFromBody(res.status, data, `${CLIENT_CODES.AUTH_NETWORK_ERROR}_${res.status}`);
    return data;
  }

  async session(): Promise<CaptureSession> {
    return checkSession(await this.call('GET', ''));
  }

  async startAttempt(source: CaptureSource): Promise<StartAttemptResponse> {
    return checkAttempt(await this.call('POST', '/attempts', { source }));
  }

  async result(attemptId: string): Promise<AttemptResult> {
    return checkResult(await this.call('GET', `/attempts/${encodeURIComponent(attemptId)}`));
  }

  async exit(reason: string): Promise<ExitResponse> {
    const v = await this.call('POST', '/exit', { reason });
    if (!isObj(v) || typeof v.code !== 'string') throw bad('exit');
    return v as unknown as ExitResponse;
  }

  /** Sends one photo of the document for reading (the server reads it synchronously, ~1–2 s). */
  async readDocument(side: DocumentSide, image: Blob): Promise<DocumentRead> {
    const type = image.type === 'image/png' ? 'image/png' : 'image/jpeg';
    return checkDocumentRead(
      await this.send('POST', '/documents', image, { 'content-type': type, 'x-document-side': side }),
    );
  }

  /** Confirms a passed front read, with the user's corrections (only the fields they changed). */
  async confirmDocument(readId: string, fields?: Record<string, string>): Promise<DocumentConfirmed> {
    return checkDocumentConfirmed(
      await this.call('POST', '/documents/confirm', fields ? { readId, fields } : { readId }),
    );
  }

  /** Polls the attempt until it is no longer processing. */
  async waitForResult(
    attemptId: string,
    opts: { intervalMs?: number; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<AttemptResult> {
    const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
    for (;;) {
      const r = await this.result(attemptId);
      if (r.status !== 'processing') return r;
      if (Date.now() > deadline)
        throw new CaptureFailure(CLIENT_CODES.AUTH_NETWORK_ERROR, 'timed out waiting for the result');
      if (opts.signal?.aborted) throw new CaptureFailure(CLIENT_CODES.USER_GIVE_UP);
      await new Promise((r2) => setTimeout(r2, opts.intervalMs ?? 1000));
    }
  }

  /** Uploads the video with XMLHttpRequest so upload progress can be shown. */
  uploadVideo(
    attemptId: string,
    nonce: string,
    video: Blob,
    contentType: string,
    timelineHeader: string,
    onProgress?: (p: UploadProgress) => void,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.url(`/attempts/${encodeURIComponent(attemptId)}/video`));
      xhr.setRequestHeader('Content-Type', contentType);
      xhr.setRequestHeader('X-Upload-Nonce', nonce);
      xhr.setRequestHeader('X-Capture-Timeline', timelineHeader);
      xhr.upload.onprogress = (e) =>
        onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : video.size });
      xhr.onerror = () =>
        reject(new CaptureFailure(CLIENT_CODES.UPLOAD_VIDEO_NETWORK_ERROR, 'network error during upload'));
      xhr.ontimeout = () =>
        reject(new CaptureFailure(CLIENT_CODES.UPLOAD_VIDEO_NETWORK_ERROR, 'upload timed out'));
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress?.({ loaded: video.size, total: video.size });
          resolve();
          return;
        }
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        reject(failureFromBody(xhr.status, body, `${CLIENT_CODES.UPLOAD_VIDEO_NETWORK_ERROR}_${xhr.status}`));
      };
      xhr.timeout = 120_000;
      xhr.send(video);
    });
  }
}
