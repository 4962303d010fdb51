/**
 * TEST DOUBLE of the capture API for the verification-page browser tests ONLY. It is not the
 * product server (that lives in packages/server) and must never be used by it. It serves the
 * built page from dist/, implements the capture API endpoints in memory, validates what the page
 * sends with the contract's TypeBox schemas, and records it (video bytes, timeline) so tests can
 * assert on it.
 */
import {
  AttemptResultSchema,
  CAPTURE_TIMELINE_HEADER,
  CAPTURE_VIDEO_TYPES,
  CaptureSessionSchema,
  CaptureTimelineSchema,
  ExitRequestSchema,
  StartAttemptRequestSchema,
  StartAttemptResponseSchema,
  UPLOAD_NONCE_HEADER,
  type AttemptResult,
  type CaptureChallenge,
  type CaptureSession,
  type CaptureTimeline,
} from '@open-ekyc/contract';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

export interface HarnessSession {
  session: CaptureSession;
  challenge: CaptureChallenge;
  /** Outcome of each uploaded attempt in turn; the last one repeats. */
  outcomes: { status: 'passed' | 'failed'; code: string; message: string }[];
  /** GET /session answers this error instead (e.g. { code: '15', ... } for an expired token). */
  error?: { status: number; code: string; message: string };
  /** Polls answered with `processing` before the outcome. */
  processingPolls: number;
  /** Hold the upload's 202 this long (so a test can see the uploading state). */
  uploadDelayMs: number;
  /** Hold GET /session this long (so a test can see the loading state). */
  sessionDelayMs: number;
}

export interface ReceivedUpload {
  token: string;
  attemptId: string;
  contentType: string;
  bytes: Buffer;
  timeline: CaptureTimeline;
}

interface Attempt {
  id: string;
  nonce: string;
  nonceUsed: boolean;
  source: string;
  challenge: CaptureChallenge;
  result?: AttemptResult;
  polls: number;
}

/**
 * The Content-Security-Policy the page is tested under (a suggestion for the real server): nothing
 * from other origins, no inline script or style; wasm compilation for the tfjs backend; camera
 * preview and recorded video as blob:/MediaStream.
 */
export const VERIFY_PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

export function defaultSession(over: Partial<CaptureSession> = {}): CaptureSession {
  return {
    state: 'created',
    kind: 'web',
    language: 'en',
    themeColor: '#2d72f1',
    securityLevel: 1,
    skipPrivacyPolicy: false,
    autoSkipStartPage: false,
    autoSkip: false,
    livenessTimeoutSeconds: 45,
    retriesLeft: 3,
    ...over,
  };
}

export class CaptureHarness {
  readonly sessions = new Map<string, HarnessSession>();
  readonly attempts = new Map<string, Attempt[]>();
  readonly uploads: ReceivedUpload[] = [];
  readonly exits: { token: string; reason?: string }[] = [];
  readonly requests: string[] = [];
  /** Schema violations in what the page sent or what we answered: a test should expect none. */
  readonly violations: string[] = [];
  url = '';
  private readonly server = createServer((req, res) => void this.handle(req, res));

  constructor(private readonly distDir: string) {}

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  addSession(
    token: string,
    s: Partial<Omit<HarnessSession, 'session'>> & { session?: Partial<CaptureSession> } = {},
  ): void {
    this.sessions.set(token, {
      session: defaultSession({ redirectUrl: `${this.url}/merchant/return?token=${token}`, ...s.session }),
      challenge: s.challenge ?? { mode: 'silent' },
      outcomes: s.outcomes ?? [{ status: 'passed', code: '0', message: 'Success' }],
      processingPolls: s.processingPolls ?? 1,
      uploadDelayMs: s.uploadDelayMs ?? 0,
      sessionDelayMs: s.sessionDelayMs ?? 0,
      ...(s.error ? { error: s.error } : {}),
    });
  }

  private json(res: ServerResponse, status: number, body: unknown, schema?: TSchema): void {
    if (schema && !Value.Check(schema, body)) this.violations.push(`response ${JSON.stringify(body)}`);
    res
      .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(body));
  }

  private async body(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    this.requests.push(`${req.method} ${path}`);
    try {
      if (req.method === 'GET' && path.startsWith('/verify/assets/'))
        return await this.file(res, path.slice('/verify/assets/'.length));
      if (req.method === 'GET' && /^\/verify\/[^/]+$/.test(path)) {
        res.setHeader('content-security-policy', VERIFY_PAGE_CSP);
        return await this.file(res, '../index.html');
      }
      if (path.startsWith('/merchant/return')) {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            '<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1"><title>merchant</title><h1 id="merchant">Back at the merchant</h1>',
          );
        return;
      }
      const m = /^\/capture\/v1\/sessions\/([^/]+)(\/.*)?$/.exec(path);
      if (!m?.[1]) return this.json(res, 404, { code: '3', message: 'Not found' });
      await this.api(req, res, decodeURIComponent(m[1]), m[2] ?? '');
    } catch (err) {
      this.json(res, 500, { code: '4', message: String(err) });
    }
  }

  private async file(res: ServerResponse, rel: string): Promise<void> {
    const full = normalize(join(this.distDir, 'assets', rel));
    if (!full.startsWith(normalize(this.distDir)))
      return this.json(res, 403, { code: '3', message: 'Forbidden' });
    try {
      const data = await readFile(full);
      res.writeHead(200, { 'content-type': MIME[extname(full)] ?? 'application/octet-stream' }).end(data);
    } catch {
      this.json(res, 404, { code: '3', message: 'Not found' });
    }
  }

  private async api(req: IncomingMessage, res: ServerResponse, token: string, rest: string): Promise<void> {
    const s = this.sessions.get(token);
    if (!s) return this.json(res, 404, { code: '15', message: 'Token expired' });
    if (req.method === 'GET' && rest === '') {
      if (s.sessionDelayMs > 0) await new Promise((r) => setTimeout(r, s.sessionDelayMs));
      if (s.error) return this.json(res, s.error.status, { code: s.error.code, message: s.error.message });
      return this.json(res, 200, s.session, CaptureSessionSchema);
    }
    const list = this.attempts.get(token) ?? [];
    this.attempts.set(token, list);
    if (req.method === 'POST' && rest === '/attempts') {
      const body = JSON.parse((await this.body(req)).toString() || '{}') as unknown;
      if (!Value.Check(StartAttemptRequestSchema, body))
        this.violations.push(`start attempt body ${JSON.stringify(body)}`);
      const source = (body as { source?: string }).source ?? 'camera';
      const a: Attempt = {
        id: randomUUID(),
        nonce: randomUUID(),
        nonceUsed: false,
        source,
        challenge: s.challenge,
        polls: 0,
      };
      list.push(a);
      s.session.state = 'in_progress';
      return this.json(
        res,
        201,
        { attemptId: a.id, uploadNonce: a.nonce, challenge: a.challenge },
        StartAttemptResponseSchema,
      );
    }
    if (req.method === 'POST' && rest === '/exit') {
      const body = JSON.parse((await this.body(req)).toString() || '{}') as { reason?: string };
      if (!Value.Check(ExitRequestSchema, body)) this.violations.push(`exit body ${JSON.stringify(body)}`);
      this.exits.push({ token, ...(body.reason ? { reason: body.reason } : {}) });
      s.session.state = 'exited';
      return this.json(res, 200, {
        code: '1410',
        message: 'User gave up',
        redirectTo: s.session.redirectUrl,
      });
    }
    const am = /^\/attempts\/([^/]+)(\/video)?$/.exec(rest);
    const attempt = list.find((a) => a.id === am?.[1]);
    if (!am || !attempt) return this.json(res, 404, { code: '3', message: 'No such attempt' });
    if (req.method === 'POST' && am[2]) return this.upload(req, res, token, s, attempt);
    if (req.method === 'GET' && !am[2]) {
      if (!attempt.result) return this.json(res, 404, { code: '3', message: 'Nothing uploaded' });
      attempt.polls += 1;
      const r =
        attempt.polls > s.processingPolls
          ? attempt.result
          : { ...attempt.result, status: 'processing' as const, code: '', message: '' };
      return this.json(res, 200, r, AttemptResultSchema);
    }
    this.json(res, 405, { code: '3', message: 'Method not allowed' });
  }

  private async upload(
    req: IncomingMessage,
    res: ServerResponse,
    token: string,
    s: HarnessSession,
    a: Attempt,
  ): Promise<void> {
    const nonce = req.headers[UPLOAD_NONCE_HEADER];
    const contentType = String(req.headers['content-type'] ?? '');
    const bytes = await this.body(req);
    if (nonce !== a.nonce || a.nonceUsed)
      return this.json(res, 409, { code: '3', message: 'Upload nonce missing, wrong or used' });
    a.nonceUsed = true;
    if (!(CAPTURE_VIDEO_TYPES as readonly string[]).includes(contentType))
      return this.json(res, 415, { code: '1104', message: 'The video format is incorrect' });
    let timeline: unknown;
    try {
      timeline = JSON.parse(
        Buffer.from(String(req.headers[CAPTURE_TIMELINE_HEADER] ?? ''), 'base64url').toString('utf8'),
      );
    } catch {
      timeline = undefined;
    }
    if (!Value.Check(CaptureTimelineSchema, timeline)) {
      this.violations.push(`timeline ${JSON.stringify(timeline)}`);
      return this.json(res, 400, { code: '2', message: 'Bad timeline' });
    }
    this.uploads.push({ token, attemptId: a.id, contentType, bytes, timeline });
    const n = (this.attempts.get(token) ?? []).filter((x) => x.result).length;
    const outcome = s.outcomes[Math.min(n, s.outcomes.length - 1)] ?? {
      status: 'passed',
      code: '0',
      message: 'Success',
    };
    if (outcome.status === 'failed') s.session.retriesLeft = Math.max(0, s.session.retriesLeft - 1);
    else s.session.state = 'finished';
    a.result = {
      ...outcome,
      retriesLeft: s.session.retriesLeft,
      ...(s.session.redirectUrl && (outcome.status === 'passed' || s.session.retriesLeft === 0)
        ? { redirectTo: s.session.redirectUrl }
        : {}),
    };
    if (s.uploadDelayMs > 0) await new Promise((r) => setTimeout(r, s.uploadDelayMs));
    this.json(res, 202, { status: 'processing' });
  }
}
