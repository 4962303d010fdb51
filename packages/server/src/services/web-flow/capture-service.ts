import { createHash, randomBytes } from 'node:crypto';
import {
  CAPTURE_VIDEO_TYPES,
  CaptureTimelineSchema,
  type AttemptResult,
  type CaptureSession,
  type CaptureSource,
  type CaptureTimeline,
  type ExitResponse,
  type StartAttemptResponse,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import type { MediaStore } from '../../blobs/media-store.js';
import { looksLikeVideo } from '../verification/media-input.js';
import type { CaptureAttemptsRepository } from '../../store/repositories/capture-attempts-repository.js';
import type { DocumentService } from '../documents/document-service.js';
import type { SessionRecord, SessionsService } from '../sessions/sessions-service.js';
import { attemptChallenge, DowngradeRefused } from './attempt-challenge.js';
import type { AttemptRunner } from './attempt-runner.js';
import { codeVerdict } from './attempt-verdict.js';
import { captureErrors, CaptureApiError, refusalOf } from './capture-errors.js';
import { flowSettings } from './flow-settings.js';
import { redirectWithToken } from './redirect-url.js';

export interface CaptureServiceDeps {
  readonly sessions: SessionsService;
  readonly attempts: CaptureAttemptsRepository;
  readonly media: MediaStore;
  readonly runner: AttemptRunner;
  /** The identity-document step that comes before liveness (CheckMode 1) or instead of it (4). */
  readonly documents: DocumentService;
  readonly now: () => Date;
  readonly maxVideoBytes: number;
}

export interface UploadInput {
  readonly nonce: string | undefined;
  readonly contentType: string | undefined;
  readonly timelineHeader: string | undefined;
  readonly bytes: Buffer;
}

/** Smallest upload that can hold a decodable video (a header and one frame). */
const MIN_VIDEO_BYTES = 1024;
/** LivenessTimeout bounds the capture; the upload itself (slow mobile link) gets this much on top. */
const UPLOAD_GRACE_MS = 20_000;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * The capture API behind the verification page and the web SDK (contract capture-api.ts). The token
 * is the only credential; every attempt gets a fresh server challenge and a single-use upload nonce
 * bound to (token, attempt); liveness is decided by the engine job (AttemptRunner), never by the client.
 */
export class CaptureService {
  constructor(private readonly deps: CaptureServiceDeps) {}

  async session(token: string): Promise<CaptureSession> {
    const s = await this.deps.sessions.get(token, this.deps.now());
    if (!s) throw captureErrors.unknownToken();
    const settings = flowSettings(s);
    const started = (await this.deps.attempts.list(token)).length;
    const redirect = this.redirectOf(s);
    const document = await this.deps.documents.view(s);
    return {
      state: s.state,
      kind: settings.captureKind,
      language: settings.language,
      themeColor: settings.themeColor,
      securityLevel: settings.securityLevel,
      skipPrivacyPolicy: settings.skipPrivacyPolicy,
      autoSkipStartPage: settings.autoSkipStartPage,
      autoSkip: settings.autoSkip,
      livenessTimeoutSeconds: settings.timeoutSeconds,
      retriesLeft: Math.max(0, settings.retryLimit - started),
      ...(redirect ? { redirectUrl: redirect } : {}),
      ...(document ? { document } : {}),
    };
  }

  async startAttempt(token: string, source: CaptureSource = 'camera'): Promise<StartAttemptResponse> {
    const at = this.deps.now();
    const s = await this.open(token, at);
    const settings = flowSettings(s);
    // The document comes first (CheckMode 1: its portrait is the reference photo) or is all there is (4).
    if (settings.document?.checkMode === 4) throw captureErrors.documentOnly();
    if (settings.document && (await this.deps.documents.pending(s))) throw captureErrors.documentFirst();
    const attempts = await this.deps.attempts.list(token);
    if (attempts.length >= settings.retryLimit) {
      // Every allowed attempt was started (the last ones abandoned before upload): the web flow ends with 16.
      if (settings.product === 'web' && s.state === 'in_progress') {
        await this.deps.sessions.finish(
          token,
          { resultCode: '16', result: { attemptId: null, similarity: null, finding: null } },
          { at },
        );
      }
      throw captureErrors.retryLimit();
    }
    let challenge;
    try {
      challenge = attemptChallenge(settings, source);
    } catch (err) {
      if (err instanceof DowngradeRefused) throw captureErrors.downgradeRefused();
      throw err;
    }
    const started = await this.deps.sessions.start(token, at);
    if (!started.ok) throw this.refusal(started.session);
    const attemptId = randomBytes(16).toString('base64url');
    const uploadNonce = randomBytes(32).toString('base64url');
    await this.deps.attempts.insert({
      id: attemptId,
      token,
      nonceSha256: sha256(uploadNonce),
      source,
      challenge,
      at,
    });
    return { attemptId, uploadNonce, challenge: challenge.capture };
  }

  /** Validates and stores the video, consumes the nonce, and queues the verification; answers at once. */
  async upload(token: string, attemptId: string, input: UploadInput): Promise<void> {
    const at = this.deps.now();
    const attempt = await this.deps.attempts.find(token, attemptId);
    if (!attempt) throw captureErrors.noAttempt();
    const contentType = (input.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!(CAPTURE_VIDEO_TYPES as readonly string[]).includes(contentType)) throw captureErrors.videoType();
    if (input.bytes.length < MIN_VIDEO_BYTES || input.bytes.length > this.deps.maxVideoBytes)
      throw captureErrors.videoSize();
    if (!looksLikeVideo(input.bytes)) throw captureErrors.videoType();
    const timeline = parseTimeline(input.timelineHeader);
    const s = await this.open(token, at);
    if (!input.nonce || !(await this.deps.attempts.consumeNonce(token, attemptId, sha256(input.nonce), at))) {
      throw captureErrors.nonce();
    }
    const settings = flowSettings(s);
    const stored = await this.deps.media.put(input.bytes, { kind: 'capture-video', contentType });
    await this.deps.attempts.setMedia(attemptId, { videoMediaId: stored.id, timeline });
    const processing = await this.deps.sessions.beginProcessing(token, at, settings.retryLimit);
    if (!processing.ok) throw this.refusal(processing.session);
    const timedOut =
      settings.timeoutSeconds > 0 &&
      at.getTime() - attempt.startedAt.getTime() > settings.timeoutSeconds * 1000 + UPLOAD_GRACE_MS;
    if (timedOut) {
      // spec §5.5 1409 "Verification process timed out": decided without the engine.
      await this.deps.runner.settle(
        processing.session,
        attempt,
        codeVerdict(settings.product, '1409', { seq: attempt.id, at }),
        at,
      );
      return;
    }
    this.deps.runner.enqueue(processing.session, attempt, input.bytes, timeline);
  }

  async poll(token: string, attemptId: string): Promise<AttemptResult> {
    const attempt = await this.deps.attempts.find(token, attemptId);
    if (!attempt) throw captureErrors.noAttempt();
    if (attempt.state === 'started') throw new CaptureApiError(404, '3', 'Nothing uploaded for this attempt');
    const s = await this.deps.sessions.get(token, this.deps.now());
    if (!s) throw captureErrors.unknownToken();
    const retriesLeft = Math.max(
      0,
      flowSettings(s).retryLimit - (await this.deps.attempts.list(token)).length,
    );
    if (attempt.state === 'uploaded') return { status: 'processing', code: '', message: '', retriesLeft };
    const message = (attempt.result as { message?: string } | null)?.message ?? '';
    const redirect = s.state === 'finished' ? this.redirectOf(s) : undefined;
    return {
      status: attempt.state,
      code: attempt.resultCode ?? '',
      message,
      retriesLeft: s.state === 'finished' ? 0 : retriesLeft,
      ...(redirect ? { redirectTo: redirect } : {}),
    };
  }

  /** The user gave up: 1410 (web; the SDK result stays "not finished"), then back to the merchant. */
  async exit(token: string, reason: string | undefined): Promise<ExitResponse> {
    const at = this.deps.now();
    const s = await this.deps.sessions.get(token, at);
    if (!s) throw captureErrors.unknownToken();
    if (s.state !== 'exited') {
      if (s.state !== 'created' && s.state !== 'in_progress') throw this.refusal(s);
      const outcome =
        s.kind === 'web' ? { resultCode: '1410', result: { reason: reason ?? null } } : undefined;
      const moved = await this.deps.sessions.exit(token, at, outcome);
      if (!moved.ok && moved.session?.state !== 'exited') throw this.refusal(moved.session);
    }
    const redirect = this.redirectOf(s);
    return {
      code: '1410',
      message: 'User exited voluntarily',
      ...(redirect ? { redirectTo: redirect } : {}),
    };
  }

  private async open(token: string, at: Date): Promise<SessionRecord> {
    const access = await this.deps.sessions.openForCapture(token, at);
    if (access.ok) return access.session;
    throw this.refusal(access.session);
  }

  private refusal(s: SessionRecord | null): CaptureApiError {
    return refusalOf(s);
  }

  private redirectOf(s: SessionRecord): string | undefined {
    return s.redirectUrl ? redirectWithToken(s.redirectUrl, s.token) : undefined;
  }
}

function parseTimeline(header: string | undefined): CaptureTimeline {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8'));
  } catch {
    throw captureErrors.badRequest('X-Capture-Timeline is not base64url JSON');
  }
  if (!Value.Check(CaptureTimelineSchema, value))
    throw captureErrors.badRequest('X-Capture-Timeline does not match the schema');
  return value;
}
