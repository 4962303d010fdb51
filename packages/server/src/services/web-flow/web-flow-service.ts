import { ApiError, codeInForce, type VerificationDetail } from '@open-ekyc/contract';
import { createHash } from 'node:crypto';
import { MediaExistsError, type MediaStore } from '../../blobs/media-store.js';
import type { MediaUrls } from '../../blobs/media-urls.js';
import type {
  CaptureAttemptRecord,
  CaptureAttemptsRepository,
} from '../../store/repositories/capture-attempts-repository.js';
import type { DocumentReadsRepository } from '../../store/repositories/document-reads-repository.js';
import { documentOutcomes } from '../documents/document-outcomes.js';
import type { DocumentOutcome } from '../documents/document-types.js';
import type { LivenessAction } from '../sessions/challenge.js';
import type { SessionRecord, SessionsService } from '../sessions/sessions-service.js';
import type { FlowSessionResult } from './attempt-runner.js';
import { flowSettings, type WebSessionConfig } from './flow-settings.js';

export interface WebFlowDeps {
  readonly sessions: SessionsService;
  readonly attempts: CaptureAttemptsRepository;
  readonly reads: DocumentReadsRepository;
  readonly media: MediaStore;
  readonly urls: MediaUrls;
  readonly publicUrl: string;
}

export interface StoredFile {
  readonly bytes: Buffer;
  readonly md5: string;
  readonly size: number;
  /** Signed download link (legacy *Url fields, GetLivenessResult FileInfo). */
  readonly url: string;
}

/** Everything the result actions report, read once; each action maps it to its own fields. */
export interface FlowResult {
  readonly session: SessionRecord;
  /** Final code, or null while the verification is not finished (never finished and not expired). */
  readonly code: string | null;
  readonly message: string | null;
  readonly details: VerificationDetail[];
  /** Only the last uploaded attempt's media (spec GetWebVerificationResultIntl). */
  readonly video: StoredFile | null;
  readonly bestFrame: StoredFile | null;
  readonly similarity: number | null;
  /** The document step's OCR processes in order (CheckMode 1 and 4; [] otherwise). */
  readonly documents: DocumentOutcome[];
}

/** Download links of result media: spec GetWebVerificationResult "valid for 10 minutes". */
const LINK_TTL_S = 600;

/**
 * Issues web verification tokens and reads the results of web and SDK sessions for the actions
 * (actions never touch the store). Results stay readable for the session's result window
 * (web: 3 days) and as long as the media retention keeps the files.
 */
export class WebFlowService {
  constructor(private readonly deps: WebFlowDeps) {}

  verificationUrl(token: string): string {
    return `${this.deps.publicUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(token)}`;
  }

  async createWebSession(input: {
    appId: string;
    at: Date;
    config: WebSessionConfig & { readonly RuleId?: string | null };
    redirectUrl: string;
    referenceImage: Buffer | null;
    extra: string | null;
  }): Promise<{ token: string; url: string }> {
    const s = await this.deps.sessions.create({
      kind: 'web',
      appId: input.appId,
      config: { ...input.config },
      // The challenge is issued per attempt (capture API), never at token time.
      extra: input.extra,
      redirectUrl: input.redirectUrl,
      referenceImage: input.referenceImage,
      at: input.at,
    });
    return { token: s.token, url: this.verificationUrl(s.token) };
  }

  async result(
    token: string,
    appId: string,
    at: Date,
    kinds: readonly SessionRecord['kind'][],
  ): Promise<FlowResult> {
    const session = await this.deps.sessions.getForApi(token, appId, at);
    if (!kinds.includes(session.kind)) throw new ApiError('InvalidParameterValue.BizTokenIllegal');
    const product = flowSettings(session).product;
    const attempts = (await this.deps.attempts.list(token)).filter(
      (a) => a.state === 'passed' || a.state === 'failed',
    );
    const details = attempts.map(detailOf);
    let code: string | null = null;
    if (session.state === 'finished' || session.state === 'exited') code = session.resultCode;
    else if (session.state === 'expired' && session.kind === 'web') code = '15';
    const message = code === null ? null : (codeInForce(product, code, at)?.description ?? code);
    const last = [...attempts].reverse().find((a) => a.videoMediaId !== null) ?? null;
    const sessionResult = session.result as FlowSessionResult | null;
    return {
      session,
      code,
      message,
      details,
      video: last ? await this.file(last.videoMediaId, at) : null,
      bestFrame: last ? await this.file(last.bestFrameMediaId, at) : null,
      similarity: sessionResult?.similarity ?? null,
      documents: await documentOutcomes(await this.deps.reads.list(token), (id) => this.file(id, at)),
    };
  }

  /**
   * Each reported attempt's video and best frame, in the order of FlowResult.details
   * (GetSdkVerificationResult CompareResults: one per liveness attempt, each with its own files).
   */
  async attemptFiles(
    token: string,
    at: Date,
  ): Promise<{ readonly video: StoredFile | null; readonly bestFrame: StoredFile | null }[]> {
    const attempts = (await this.deps.attempts.list(token)).filter(
      (a) => a.state === 'passed' || a.state === 'failed',
    );
    return Promise.all(
      attempts.map(async (a) => ({
        video: await this.file(a.videoMediaId, at),
        bestFrame: await this.file(a.bestFrameMediaId, at),
      })),
    );
  }

  /**
   * A JSON result file as a download link (GetSdkVerificationResult CardInfoOcrJson), named by `key`
   * and the content, so asking again for the same content stores nothing new.
   */
  async jsonFile(key: string, value: unknown, at: Date): Promise<StoredFile> {
    const bytes = Buffer.from(JSON.stringify(value));
    const id = createHash('sha256')
      .update(`${key}\n`)
      .update(bytes)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    const existing = await this.file(id, at);
    if (existing) return existing;
    const put = () =>
      this.deps.media.put(bytes, { kind: 'result-json', contentType: 'application/json' }, { id });
    await put().catch(async (err: unknown) => {
      if (!(err instanceof MediaExistsError)) throw err;
      // Written by a concurrent call (fine), or past its retention and not swept yet: rewrite that one.
      if (!(await this.file(id, at))) await this.deps.media.delete(id).then(put);
    });
    const file = await this.file(id, at);
    if (!file) throw new Error(`result file ${id} vanished`);
    return file;
  }

  private async file(id: string | null, at: Date): Promise<StoredFile | null> {
    if (!id) return null;
    const found = await this.deps.media.get(id);
    if (!found) return null;
    const exp = Math.min(
      Math.floor(at.getTime() / 1000) + LINK_TTL_S,
      Math.floor(Date.parse(found.meta.expiresAt) / 1000),
    );
    return {
      bytes: found.bytes,
      md5: found.meta.md5,
      size: found.meta.size,
      url: this.deps.urls.resourceUrl(id, exp),
    };
  }
}

function detailOf(a: CaptureAttemptRecord): VerificationDetail {
  const d = (a.result as { detail?: VerificationDetail } | null)?.detail;
  return (
    d ?? {
      ErrorCode: null,
      ErrorMsg: null,
      LivenessErrorCode: null,
      LivenessErrorMsg: null,
      CompareErrorCode: null,
      CompareErrorMsg: null,
      ReqTimestamp: a.uploadedAt?.getTime() ?? a.startedAt.getTime(),
      Similarity: null,
      Seq: a.id,
    }
  );
}

/** "blink,mouth" → ['blink', 'mouth'] (pattern-checked by the schema). */
export const parseActionList = (v: string | undefined): LivenessAction[] =>
  v ? (v.split(',') as LivenessAction[]) : [];
