import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { VerificationServices } from './verification-services.js';
import { mediaRoutes } from '../../blobs/media-routes.js';
import { MediaStore } from '../../blobs/media-store.js';
import { MediaUrls } from '../../blobs/media-urls.js';
import type { Config } from '../../config/config.js';
import { JOBS_DEFAULTS, MEDIA_DEFAULTS } from '../../config/load-config.js';
import type { EngineJobs } from '../../jobs/engine-jobs.js';
import type { Database } from '../../store/database.js';
import { PureApiService } from './pure-api-service.js';
import { ReflectService } from './reflect-service.js';
import { createUploadLink } from './upload-links.js';

export interface VerificationRuntime {
  readonly services: VerificationServices;
  readonly jobs: EngineJobs;
  readonly media: MediaStore;
  /** `PUT /media/upload/:id`, `GET /media/:id`, for buildServer's extraRoutes. */
  readonly routes: (app: FastifyInstance) => Promise<void>;
  close(): Promise<void>;
}

/**
 * Wires the pure-API verification stack for `ekyc serve`: the engine jobs (given; BullMQ when
 * EKYC_REDIS_URL is set; else the in-process worker pool, one worker per core, models warmed at start), the encrypted media store under
 * `<dataDir>/media`, its signed URLs and routes, and the services the actions call.
 */
export async function createVerificationRuntime(opts: {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly jobs?: EngineJobs;
}): Promise<VerificationRuntime> {
  const { config, db } = opts;
  const mediaConfig = config.media ?? MEDIA_DEFAULTS;
  const jobsConfig = config.jobs ?? JOBS_DEFAULTS;
  let jobs = opts.jobs;
  if (!jobs && config.redisUrl) {
    // EKYC_REDIS_URL: jobs go to Redis; `ekyc worker` processes run them (no models in this process).
    const { BullMqJobs } = await import('../../jobs/bullmq-jobs.js');
    jobs = await BullMqJobs.connect(config.redisUrl, jobsConfig);
  } else if (!jobs) {
    const { createInProcessJobs } = await import('../../jobs/in-process-jobs.js');
    jobs = await createInProcessJobs(jobsConfig);
  }
  const media = new MediaStore({
    dir: join(config.dataDir, 'media'),
    masterKey: config.masterKey,
    retentionMs: mediaConfig.retentionMs,
    maxObjectBytes: mediaConfig.maxUploadBytes,
  });
  const urls = new MediaUrls({ publicUrl: config.publicUrl, masterKey: config.masterKey });
  const now = () => new Date();
  const pureApi = new PureApiService({
    db,
    jobs,
    store: media,
    urls,
    fetchAllowHosts: mediaConfig.fetchAllowHosts,
    fetchTimeoutMs: mediaConfig.fetchTimeoutMs,
    now,
  });
  const reflect = new ReflectService({
    service: pureApi,
    store: media,
    urls,
    sequenceTtlMs: mediaConfig.uploadUrlTtlSeconds * 1000,
    now,
  });
  const services: VerificationServices = {
    pureApi,
    reflect,
    createUploadLink: (targetAction, at) =>
      createUploadLink(
        {
          store: media,
          urls,
          uploadTtlSeconds: mediaConfig.uploadUrlTtlSeconds,
          retentionMs: mediaConfig.retentionMs,
          maxUploadBytes: mediaConfig.maxUploadBytes,
        },
        targetAction,
        at,
      ),
  };
  const engineJobs = jobs;
  return {
    services,
    jobs: engineJobs,
    media,
    routes: mediaRoutes({ store: media, urls, maxUploadBytes: mediaConfig.maxUploadBytes }),
    close: () => engineJobs.close(),
  };
}
