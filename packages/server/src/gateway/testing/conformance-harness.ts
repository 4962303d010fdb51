import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { buildServer } from '../../app.js';
import { MemoryCredentialResolver } from './memory-credentials.js';
import type { Outcome } from './sdk-clients.js';
import { createTestAction, type TestActionProbe } from './test-action.js';
import { testConfig } from './test-config.js';

/** The server the SDK conformance test talks to, on 127.0.0.1 with a random port. */

export const CONFORMANCE_ID = 'AKIDconformance00000000000000000001';
export const CONFORMANCE_KEY = 'conformanceSecretKey000000000000';
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const BODY_LIMIT = 64 * 1024;
export const REQUEST_TIMEOUT_MS = 1500;

export interface Harness {
  readonly endpoint: string;
  readonly probe: TestActionProbe;
  readonly logLines: string[];
  close(): Promise<void>;
}

export async function startConformanceServer(): Promise<Harness> {
  const probe: TestActionProbe = { abortedSlowCalls: 0 };
  const logLines: string[] = [];
  const creds = new MemoryCredentialResolver()
    .add(CONFORMANCE_ID, CONFORMANCE_KEY, 'app-main')
    .add('AKIDdisabled000000000000000000000001', 'k2', 'app-main', { enabled: false })
    .add('AKIDnotactivated00000000000000000001', 'k3', 'app-new', { appStatus: 'not_activated' })
    .add('AKIDarrears0000000000000000000000001', 'k4', 'app-poor', { appStatus: 'arrears' });
  const app = await buildServer({
    config: testConfig(
      {
        bodyLimitBytes: BODY_LIMIT,
        qps: { default: 0, RateLimitedAction: 2 },
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
      },
      'debug',
    ),
    actions: [createTestAction('GetFaceIdTokenIntl', probe), createTestAction('RateLimitedAction', probe)],
    credentials: creds,
    logStream: { write: (line: string) => void logLines.push(line) },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const endpoint = `127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { endpoint, probe, logLines, close: () => app.close() };
}

export interface Envelope {
  Response: { RequestId: string; Error?: { Code: string; Message: string }; [k: string]: unknown };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  json: Envelope;
}

export async function postRaw(
  endpoint: string,
  req: { headers: Record<string, string>; body: string | Buffer },
): Promise<RawResponse> {
  const body = typeof req.body === 'string' ? req.body : new Uint8Array(req.body);
  const res = await fetch(`http://${endpoint}/`, { method: 'POST', headers: req.headers, body });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Envelope };
}

export function expectOk(r: Outcome): Record<string, unknown> {
  if (!r.ok) throw new Error(`expected success, got ${r.err.code}: ${r.err.message}`);
  return r.data;
}

/** An SDK exception carrying the vendor code and a RequestId (spec §3.10). */
export function expectErr(r: Outcome, code: string): string {
  if (r.ok) throw new Error(`expected ${code}, got success ${JSON.stringify(r.data)}`);
  expect(r.err.code).toBe(code);
  expect(r.err.requestId).toMatch(UUID_RE);
  return r.err.message;
}
