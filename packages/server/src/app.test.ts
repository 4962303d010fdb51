import { describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { MemoryCredentialResolver } from './gateway/testing/memory-credentials.js';
import { createTestAction } from './gateway/testing/test-action.js';
import { testConfig } from './gateway/testing/test-config.js';

function server(readiness?: () => Promise<boolean>) {
  return buildServer({
    config: testConfig(),
    actions: [createTestAction('GetFaceIdTokenIntl')],
    credentials: new MemoryCredentialResolver(),
    ...(readiness ? { readiness } : {}),
    extraRoutes: (app) => {
      // Later parts (console, capture API) keep Fastify's normal JSON parsing.
      app.post('/console/echo', async (request) => ({ got: request.body }));
    },
  });
}

describe('buildServer', () => {
  it('extraRoutes get the default JSON body parser (the raw-body parser is scoped to `/`)', async () => {
    const app = await server();
    const res = await app.inject({ method: 'POST', url: '/console/echo', payload: { a: 1 } });
    expect(res.json()).toEqual({ got: { a: 1 } });
    await app.close();
  });

  it('/healthz, /readyz (true, false, throwing), /metrics', async () => {
    for (const [readiness, status] of [
      [undefined, 200],
      [async () => true, 200],
      [async () => false, 503],
      [async () => Promise.reject(new Error('db down')), 503],
    ] as const) {
      const app = await server(readiness);
      expect((await app.inject('/healthz')).statusCode).toBe(200);
      expect((await app.inject('/readyz')).statusCode).toBe(status);
      const m = await app.inject('/metrics');
      expect(m.headers['content-type']).toMatch(/^text\/plain/);
      expect(m.body).toContain('# TYPE ekyc_api_requests_total counter');
      await app.close();
    }
  });

  it('answers `/` with envelopes for any method and leaves other paths a plain 404', async () => {
    const app = await server();
    const get = await app.inject({ method: 'GET', url: '/' });
    expect(get.headers['content-type']).toBe('application/json');
    expect(get.json().Response.Error.Code).toBe('MissingParameter');
    const put = await app.inject({ method: 'PUT', url: '/?x=1', payload: 'a' });
    expect(put.statusCode).toBe(200);
    expect(put.json().Response.Error.Code).toBe('UnsupportedProtocol');
    const head = await app.inject({ method: 'HEAD', url: '/?Action=GetFaceIdTokenIntl' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['x-tc-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await app.inject('/nope')).statusCode).toBe(404);
    await app.close();
  });

  it('refuses two actions with the same name', async () => {
    await expect(
      buildServer({
        config: testConfig(),
        actions: [createTestAction('A'), createTestAction('A')],
        credentials: new MemoryCredentialResolver(),
      }),
    ).rejects.toThrow(/twice/);
  });
});
