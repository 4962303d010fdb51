import { expect } from 'vitest';
import { createActions } from '../../actions/index.js';
import { buildServer } from '../../app.js';
import { MediaUrls } from '../../blobs/media-urls.js';
import { mediaRoutes } from '../../blobs/media-routes.js';
import { createCaptureStack } from '../../capture/testing/capture-stack.js';
import { TEST_TIMELINE } from '../../capture/testing/scripted-jobs.js';
import type { EngineJobs } from '../../jobs/engine-jobs.js';
import type { TestDatabase } from '../../store/testing/test-database.js';
import { createTestStore } from '../../store/testing/test-store.js';
import { freePort } from './free-port.js';
import { MemoryCredentialResolver } from './memory-credentials.js';
import { intlCommonCall, intlFaceidCall, type Outcome } from './sdk-clients.js';
import { testConfig } from './test-config.js';

/**
 * The whole server as the official-SDK tests run it, on 127.0.0.1 at a free port: real store (a
 * fresh test database), sessions, billing, encrypted media store, capture API, media routes and the
 * actions, behind the gateway with one API key per app (all with the same SecretKey).
 */
export interface SdkTestServer {
  readonly endpoint: string;
  /** The intl SDK's typed client, default profile (v1 HmacSHA256 form POST); first app's key by default. */
  sdk(action: string, params: object, secretId?: string): Promise<Outcome>;
  /** CommonClient with TC3: sends every field as given (the 3.0.1335 models drop the 2026 ones). */
  common(action: string, params: object): Promise<Outcome>;
  /** The capture API (`/capture/v1/sessions/<path>`), as the web SDK calls it. */
  capture(path: string, init?: RequestInit): Promise<Response>;
  /** One liveness attempt: start it, upload `video` (with TEST_TIMELINE), wait for the verdict. */
  livenessAttempt(token: string, video: Buffer, contentType: string): Promise<void>;
  close(): Promise<void>;
}

export async function startSdkTestServer(o: {
  readonly engine: TestDatabase['engine'];
  readonly adminUrl: string;
  readonly apps: readonly { readonly appId: string; readonly secretId: string }[];
  readonly secretKey: string;
  readonly jobs: EngineJobs;
  /** Media object, video and upload limit. */
  readonly maxBytes: number;
  readonly bodyLimitBytes?: number;
}): Promise<SdkTestServer> {
  const store = await createTestStore(o.engine, o.adminUrl, { apps: o.apps.map((a) => a.appId) });
  // Links in the results carry the public URL, so the port is chosen first.
  const port = await freePort();
  const endpoint = `127.0.0.1:${port}`;
  const publicUrl = `http://${endpoint}`;
  const stack = createCaptureStack({ db: store.db, jobs: o.jobs, maxBytes: o.maxBytes, publicUrl });
  const credentials = new MemoryCredentialResolver();
  for (const a of o.apps) credentials.add(a.secretId, o.secretKey, a.appId);
  const server = await buildServer({
    config: testConfig(o.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: o.bodyLimitBytes }),
    actions: createActions({ sessions: stack.sessions, webFlow: stack.rt.webFlow, billing: stack.billing }),
    credentials,
    extraRoutes: async (app) => {
      await stack.rt.routes(app);
      await mediaRoutes({
        store: stack.media,
        urls: new MediaUrls({ publicUrl, masterKey: stack.masterKey }),
        maxUploadBytes: 1 << 20,
      })(app);
    },
  });
  const close = async () => {
    await stack.rt.idle();
    await server.close();
    await store.close();
    stack.close();
  };
  await server.listen({ port, host: '127.0.0.1' }).catch(async (err: unknown) => {
    await close();
    throw err;
  });

  const defaultId = o.apps[0]?.secretId ?? '';
  const capture = (path: string, init: RequestInit = {}) =>
    fetch(`http://${endpoint}/capture/v1/sessions/${path}`, init);
  return {
    endpoint,
    sdk: (action, params, secretId = defaultId) =>
      intlFaceidCall({ endpoint, secretId, secretKey: o.secretKey }, action, params),
    common: (action, params) =>
      intlCommonCall(
        { endpoint, secretId: defaultId, secretKey: o.secretKey, signMethod: 'TC3-HMAC-SHA256' },
        action,
        params,
      ),
    capture,
    async livenessAttempt(token, video, contentType) {
      const start = await capture(`${token}/attempts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(start.status).toBe(201);
      const a = (await start.json()) as { attemptId: string; uploadNonce: string };
      const up = await capture(`${token}/attempts/${a.attemptId}/video`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-upload-nonce': a.uploadNonce,
          'x-capture-timeline': TEST_TIMELINE,
        },
        body: new Uint8Array(video),
      });
      expect(up.status).toBe(202);
      await stack.rt.idle();
    },
    close,
  };
}

/** An SDK call's data, or the test fails with the vendor error it got. */
export function ok(o: Outcome): Record<string, unknown> {
  if (!o.ok) throw new Error(`expected success, got ${o.err.code}: ${o.err.message}`);
  return o.data;
}
