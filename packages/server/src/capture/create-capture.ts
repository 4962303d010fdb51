import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { MediaStore } from '../blobs/media-store.js';
import { MediaUrls } from '../blobs/media-urls.js';
import type { EngineJobs } from '../jobs/engine-jobs.js';
import type { Database } from '../store/database.js';
import { CaptureAttemptsRepository } from '../store/repositories/capture-attempts-repository.js';
import { DocumentReadsRepository } from '../store/repositories/document-reads-repository.js';
import { CardVerificationService } from '../services/documents/card-verification-service.js';
import { DocumentService, DOCUMENT_MAX_IMAGE_BYTES } from '../services/documents/document-service.js';
import type { SessionsService } from '../services/sessions/sessions-service.js';
import { AttemptRunner } from '../services/web-flow/attempt-runner.js';
import { CaptureService } from '../services/web-flow/capture-service.js';
import { WebFlowService } from '../services/web-flow/web-flow-service.js';
import { captureRoutes } from './capture-routes.js';
import { pageRoutes } from './page-routes.js';

export interface CaptureRuntime {
  readonly capture: CaptureService;
  /** For the Apply* / Get*Result actions. */
  readonly webFlow: WebFlowService;
  /** The document step of CheckMode 1 / 4 sessions. */
  readonly documents: DocumentService;
  /** Legacy ApplyCardVerification / GetCardVerificationResult (spec §7.2). */
  readonly cardVerification: CardVerificationService;
  /** `/capture/v1/...` and `/verify/...`, for buildServer's extraRoutes. */
  readonly routes: (app: FastifyInstance) => Promise<void>;
  /** Resolves when no verification job is running. */
  idle(): Promise<void>;
  /** Re-queues uploaded attempts and card verifications whose job was lost (call once at start); how many. */
  resume(): Promise<number>;
}

/** Older than any engine job may run (JOBS_DEFAULTS.timeoutMs 45 s, level 4 = two passes) plus margin. */
const ORPHAN_AFTER_MS = 5 * 60_000;

/**
 * Wires the hosted web flow and the SDK capture API on the given store, engine jobs and media
 * store (the verification runtime's): sessions → capture attempts → engine job → finish + billing.
 */
export function createCaptureRuntime(opts: {
  readonly db: Kysely<Database>;
  readonly sessions: SessionsService;
  readonly jobs: EngineJobs;
  readonly media: MediaStore;
  readonly publicUrl: string;
  readonly masterKey: Buffer;
  readonly maxVideoBytes: number;
  readonly pageDistDir?: string;
  readonly now?: () => Date;
  readonly log?: (msg: string, err?: unknown) => void;
}): CaptureRuntime {
  const now = opts.now ?? (() => new Date());
  const attempts = new CaptureAttemptsRepository(opts.db);
  // Same key derivation as the media routes' MediaUrls, so these links open there.
  const urls = new MediaUrls({ publicUrl: opts.publicUrl, masterKey: opts.masterKey });
  const runner = new AttemptRunner({
    sessions: opts.sessions,
    attempts,
    media: opts.media,
    jobs: opts.jobs,
    now,
    log: opts.log ?? (() => {}),
  });
  // A document photo fits the media store's object limit (the video limit) and our own.
  const maxImageBytes = Math.min(DOCUMENT_MAX_IMAGE_BYTES, opts.maxVideoBytes);
  const documents = new DocumentService({
    db: opts.db,
    sessions: opts.sessions,
    media: opts.media,
    jobs: opts.jobs,
    now,
    maxImageBytes,
  });
  const cardVerification = new CardVerificationService({
    db: opts.db,
    media: opts.media,
    jobs: opts.jobs,
    now,
    log: opts.log ?? (() => {}),
  });
  const capture = new CaptureService({
    sessions: opts.sessions,
    attempts,
    media: opts.media,
    runner,
    documents,
    now,
    maxVideoBytes: opts.maxVideoBytes,
  });
  const webFlow = new WebFlowService({
    sessions: opts.sessions,
    attempts,
    reads: new DocumentReadsRepository(opts.db),
    media: opts.media,
    urls,
    publicUrl: opts.publicUrl,
  });
  const api = captureRoutes({ capture, documents, maxVideoBytes: opts.maxVideoBytes, maxImageBytes });
  const page = pageRoutes(opts.pageDistDir ? { distDir: opts.pageDistDir } : {});
  return {
    capture,
    webFlow,
    documents,
    cardVerification,
    routes: async (app) => {
      await api(app);
      await page(app);
    },
    idle: async () => {
      await runner.idle();
      await cardVerification.idle();
    },
    resume: async () =>
      (await runner.resume(ORPHAN_AFTER_MS)) + (await cardVerification.resume(ORPHAN_AFTER_MS)),
  };
}
