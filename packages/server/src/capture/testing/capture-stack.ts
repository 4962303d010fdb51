import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { MediaStore } from '../../blobs/media-store.js';
import type { EngineJobs } from '../../jobs/engine-jobs.js';
import { BillingService } from '../../services/billing/billing-service.js';
import { createSealer } from '../../services/secrets/aes-gcm.js';
import { SessionsService } from '../../services/sessions/sessions-service.js';
import type { Database } from '../../store/database.js';
import { createCaptureRuntime, type CaptureRuntime } from '../create-capture.js';

/** The real services behind the capture API, as the integration tests wire them on a test store. */
export interface CaptureStack {
  readonly masterKey: Buffer;
  readonly billing: BillingService;
  readonly sessions: SessionsService;
  /** Encrypted media store in a temp dir of its own (3-day retention, the default). */
  readonly media: MediaStore;
  readonly rt: CaptureRuntime;
  /** Removes the media dir (the store is the caller's to close). */
  close(): void;
}

/**
 * Sessions (with billing), media store and capture runtime on `db`, a fresh master key, the given
 * engine `jobs`; `maxBytes` is both the media object and the video limit.
 */
export function createCaptureStack(o: {
  readonly db: Kysely<Database>;
  readonly jobs: EngineJobs;
  readonly maxBytes: number;
  readonly publicUrl?: string;
  readonly now?: () => Date;
}): CaptureStack {
  const masterKey = randomBytes(32);
  const billing = new BillingService({ db: o.db });
  const sessions = new SessionsService({
    db: o.db,
    sealer: createSealer(masterKey),
    billing: billing.finishHook(),
  });
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-test-media-'));
  const media = new MediaStore({ dir, masterKey, retentionMs: 3 * 86_400_000, maxObjectBytes: o.maxBytes });
  const rt = createCaptureRuntime({
    db: o.db,
    sessions,
    jobs: o.jobs,
    media,
    publicUrl: o.publicUrl ?? 'https://kyc.example',
    masterKey,
    maxVideoBytes: o.maxBytes,
    ...(o.now ? { now: o.now } : {}),
  });
  return {
    masterKey,
    billing,
    sessions,
    media,
    rt,
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
