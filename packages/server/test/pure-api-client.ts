import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { mainlandCommonCall, type ClientOptions, type Outcome } from '../src/gateway/testing/sdk-clients.js';
import type { RunningServer } from './pure-api-server.js';

/** SDK calls (mainland 4.x CommonClient, TC3) and store checks against a running `ekyc serve`. */
export function pureApiClient(server: () => RunningServer) {
  const tc3 = (): ClientOptions => ({
    endpoint: server().endpoint,
    secretId: server().creds.SecretId,
    secretKey: server().creds.SecretKey,
  });
  const call = (action: string, params: object): Promise<Outcome> =>
    mainlandCommonCall(tc3(), action, params);

  function ok(o: Outcome): Record<string, unknown> {
    if (!o.ok) throw new Error(`expected success, got ${o.err.code}: ${o.err.message}`);
    return o.data;
  }
  /** The error code, or "Result:<code>" for a successful answer. */
  function code(o: Outcome): string {
    return o.ok ? `Result:${String(o.data.Result)}` : String(o.err.code);
  }

  /** CreateUploadUrl + PUT: the ResourceUrl of `bytes` on our server. */
  async function upload(bytes: Buffer, target = 'VideoLivenessCompare'): Promise<string> {
    const link = ok(await call('CreateUploadUrl', { TargetAction: target }));
    const put = await fetch(String(link.UploadUrl), {
      method: 'PUT',
      body: new Uint8Array(bytes),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(put.status).toBe(200);
    return String(link.ResourceUrl);
  }

  /** pure_api_results and the pure-api ledger rows, read straight from the server's SQLite file. */
  function ledger(): { results: Record<string, unknown>[]; rows: Record<string, unknown>[] } {
    const db = new Database(join(server().dataDir, 'ekyc.sqlite'), { readonly: true });
    try {
      const all = (q: string) => db.prepare(q).all() as Record<string, unknown>[];
      return {
        results: all('select * from pure_api_results'),
        rows: all("select * from billing_ledger where product = 'pure-api'"),
      };
    } finally {
      db.close();
    }
  }

  return { tc3, call, ok, code, upload, ledger };
}
