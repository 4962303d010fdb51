import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { MediaStore } from '../blobs/media-store.js';
import { MediaUrls } from '../blobs/media-urls.js';
import type { EngineJobs } from '../jobs/engine-jobs.js';
import type { Database } from '../store/database.js';
import { CaptureAttemptsRepository } from '../store/repositories/capture-attempts-repository.js';
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
  /** `/capture/v1/...` and `/verify/...`, for buildServer's extraRoutes. */
  readonly routes: (app: FastifyInstance) => Promise<void>;
  /** Resolves when no verification job is running. */
  idle(): Promise<void>;
  /** Re-queues uploaded attempts whose verification job was lost (call once at start); how many. */
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
  const capture = new CaptureService({
    sessions: opts.sessions,
    attempts,
    media: opts.media,
    runner,
    now,
    maxVideoBytes: opts.maxVideoBytes,
  });
  const webFlow = new WebFlowService({
    sessions: opts.sessions,
    attempts,
    media: opts.media,
    urls,
    publicUrl: opts.publicUrl,
  });
  const api = captureRoutes({ capture, maxVideoBytes: opts.maxVideoBytes });
  const page = pageRoutes(opts.pageDistDir ? { distDir: opts.pageDistDir } : {});
  return {
    capture,
    webFlow,
    routes: async (app) => {
      await api(app);
      await page(app);
    },
    idle: () => runner.idle(),
    resume: () => runner.resume(ORPHAN_AFTER_MS),
  };
}
