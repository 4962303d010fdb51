import { join } from 'node:path';
import { ApiError } from '@open-ekyc/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompareFaceLiveness } from '../../actions/compare-face-liveness.js';
import { buildServer } from '../../app.js';
import { MediaStore } from '../../blobs/media-store.js';
import { MediaUrls } from '../../blobs/media-urls.js';
import { MemoryCredentialResolver } from '../../gateway/testing/memory-credentials.js';
import { tc3Request } from '../../gateway/testing/signed-request.js';
import { testConfig } from '../../gateway/testing/test-config.js';
import type { EngineJobs } from '../../jobs/engine-jobs.js';
import { createStore, type Store } from '../../store/create-store.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../../store/testing/test-database.js';
import { AppsService } from '../apps/apps-service.js';
import { createSealer } from '../secrets/aes-gcm.js';
import { PureApiService } from './pure-api-service.js';
import { ReflectService } from './reflect-service.js';
import type { VerificationServices } from './verification-services.js';

/**
 * The service's failure handling with a stand-in job layer (the real engine runs in
 * test/pure-api.int.test.ts): engine timeouts, the result+ledger transaction, and the gateway's
 * per-request time limit cancelling a hung job.
 */
type RunImpl = (signal: AbortSignal | undefined) => Promise<unknown>;
function jobsWith(impl: RunImpl): EngineJobs {
  return {
    // Like the real driver: an already aborted signal rejects at once.
    run: ((_task: string, _input: unknown, opts?: { signal?: AbortSignal }) =>
      opts?.signal?.aborted ? Promise.reject(opts.signal.reason) : impl(opts?.signal)) as EngineJobs['run'],
    ready: () => true,
    stats: () => ({ workers: 1, running: 0, queued: 0 }),
    close: async () => {},
  };
}

// A 1x1 PNG and an MP4 header: enough to pass the format checks before the (stand-in) engine.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const MP4 = Buffer.concat([Buffer.from('000000206674797069736f6d', 'hex'), Buffer.alloc(64)]);

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let tdb: TestDatabase;
let store: Store;
let appId: string;
let media: MediaStore;
const urls = new MediaUrls({ publicUrl: 'http://127.0.0.1', masterKey: Buffer.alloc(32, 1) });

function service(jobs: EngineJobs): PureApiService {
  return new PureApiService({
    db: store.db,
    jobs,
    store: media,
    urls,
    fetchAllowHosts: [],
    fetchTimeoutMs: 1000,
  });
}
const call = (requestId: string, signal = new AbortController().signal) => ({
  appId,
  requestId,
  action: 'VideoLivenessCompare',
  signal,
});
const request = {
  video: { field: 'VideoBase64', base64: MP4.toString('base64') },
  image: { field: 'ImageBase64', base64: PNG.toString('base64') },
  livenessType: 'SILENT' as const,
  delivery: 'error' as const,
};
async function rows(requestId: string) {
  const results = await store.db
    .selectFrom('pure_api_results')
    .selectAll()
    .where('request_id', '=', requestId)
    .execute();
  const ledger = await store.db
    .selectFrom('billing_ledger')
    .selectAll()
    .where('request_id', '=', requestId)
    .execute();
  return { results, ledger };
}

describe.each(TEST_ENGINES)('PureApiService failure handling on %s', (engine) => {
  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    store = await createStore(tdb);
    appId = (
      await new AppsService({ db: store.db, sealer: createSealer(Buffer.alloc(32, 2)) }).createApp({
        name: 't',
      })
    ).app.appId;
    media = new MediaStore({
      dir: join(tdb.dataDir, 'media'),
      masterKey: Buffer.alloc(32, 1),
      retentionMs: 86_400_000,
      maxObjectBytes: 1 << 20,
    });
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
  });

  it('an engine timeout is FailedOperation.UnKnown, recorded with a non-billable ledger row', async () => {
    const svc = service(
      jobsWith(async () => ({ ok: false, finding: { kind: 'engine_timeout', detail: 'over 45000 ms' } })),
    );
    const err = await svc.compareVideo(call('req-timeout'), request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('FailedOperation.UnKnown');
    const { results, ledger } = await rows('req-timeout');
    expect(results).toHaveLength(1);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]!.billable).toBe(0);
  });

  it('writes the result and its ledger row together: when the bill cannot be written, no result remains', async () => {
    // The request id is already billed as something else: recordPureApiOutcome refuses, the transaction rolls back.
    await store.db
      .insertInto('billing_ledger')
      .values({
        app_id: appId,
        product: 'pure-api',
        action: 'CompareFaceLiveness',
        session_token: null,
        request_id: 'req-conflict',
        result_code: 'Success',
        billable: 1,
        description_in_force: 'Success',
        catalog_effective_from: null,
        finished_at: new Date().toISOString(),
      })
      .execute();
    const svc = service(
      jobsWith(async () => ({ ok: false, finding: { kind: 'engine_error', detail: 'boom' } })),
    );
    await expect(svc.compareVideo(call('req-conflict'), request)).rejects.toThrow();
    const { results, ledger } = await rows('req-conflict');
    expect(results).toHaveLength(0);
    expect(ledger).toHaveLength(1);
  });

  it('a client that goes away before the engine answers leaves neither a result nor a bill', async () => {
    const ctl = new AbortController();
    const svc = service(
      jobsWith(
        (signal) => new Promise((_ok, fail) => signal?.addEventListener('abort', () => fail(signal.reason))),
      ),
    );
    const pending = svc.compareVideo(call('req-abort', ctl.signal), request);
    ctl.abort(new Error('client closed the connection'));
    await expect(pending).rejects.toThrow('client closed');
    const { results, ledger } = await rows('req-abort');
    expect(results.length + ledger.length).toBe(0);
  });

  it('the gateway time limit cancels a hung engine job with a clear InternalError', async () => {
    let aborted = false;
    const svc = service(
      jobsWith(
        (signal) =>
          new Promise((_ok, fail) =>
            signal?.addEventListener('abort', () => ((aborted = true), fail(signal.reason))),
          ),
      ),
    );
    const verification: VerificationServices = {
      pureApi: svc,
      reflect: new ReflectService({
        service: svc,
        store: media,
        urls,
        sequenceTtlMs: 1000,
        now: () => new Date(),
      }),
      createUploadLink: () => {
        throw new Error('unused');
      },
    };
    const credentials = new MemoryCredentialResolver().add(`AKID${'a'.repeat(32)}`, 's'.repeat(32), appId);
    const app = await buildServer({
      config: testConfig({ requestTimeoutMs: 1000, bodyLimitBytes: 1 << 20 }),
      actions: [createCompareFaceLiveness({ verification })],
      credentials,
    });
    const body = JSON.stringify({
      ImageBase64: PNG.toString('base64'),
      VideoBase64: MP4.toString('base64'),
      LivenessType: 'SILENT',
    });
    const { headers } = tc3Request({
      secretId: `AKID${'a'.repeat(32)}`,
      secretKey: 's'.repeat(32),
      host: 'faceid.local',
      action: 'CompareFaceLiveness',
      body,
    });
    const started = Date.now();
    const res = await app.inject({
      method: 'POST',
      url: '/',
      headers: { ...headers, host: 'faceid.local' },
      payload: body,
    });
    const out = JSON.parse(res.body) as { Response: { Error?: { Code: string; Message: string } } };
    expect(out.Response.Error?.Code).toBe('InternalError');
    expect(out.Response.Error?.Message).toMatch(/did not complete within 1000 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(aborted).toBe(true);
    await app.close();
  });
});
