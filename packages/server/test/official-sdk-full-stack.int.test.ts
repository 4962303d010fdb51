import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  intlFaceidCall,
  mainlandCommonCall,
  type ClientOptions,
  type Outcome,
} from '../src/gateway/testing/sdk-clients.js';

/**
 * The whole product as a merchant meets it: the real `ekyc` binary (`npm start`'s command) on a
 * fresh data dir with the embedded SQLite default, credentials from `ekyc apps create --json`, and
 * the OFFICIAL TencentCloud Node SDKs with each of their signing paths (spec §0, §4).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'packages/server/bin/ekyc.js');

let dataDir: string;
let server: ChildProcess;
let endpoint: string;
let firstStartOutput = '';
let creds: { AppId: string; SecretId: string; SecretKey: string };

function startServer(): Promise<void> {
  server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
    env: { ...process.env, EKYC_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${firstStartOutput}`)), 60_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      firstStartOutput += chunk.toString();
      const port = /bound to [^:]+:(\d+)/.exec(firstStartOutput)?.[1];
      if (port) {
        endpoint = `127.0.0.1:${port}`;
        clearTimeout(timer);
        ok();
      }
    });
    server.stderr!.on('data', (chunk: Buffer) => (firstStartOutput += chunk.toString()));
    server.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${firstStartOutput}`)));
  });
}

function client(overrides: Partial<ClientOptions> = {}): ClientOptions {
  return { endpoint, secretId: creds.SecretId, secretKey: creds.SecretKey, ...overrides };
}

function expectOk(outcome: Outcome): Record<string, unknown> {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.err.code}: ${outcome.err.message}`);
  return outcome.data;
}

function expectCode(outcome: Outcome, code: string): void {
  expect(outcome.ok ? 'success' : outcome.err.code).toBe(code);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ekyc-full-stack-'));
  await startServer();
  const created = spawnSync(
    process.execPath,
    [bin, 'apps', 'create', '--name', 'shop', '--json', '--data', dataDir],
    {
      encoding: 'utf8',
    },
  );
  expect(created.status, created.stderr).toBe(0);
  creds = JSON.parse(created.stdout.trim()) as typeof creds;
});

afterAll(() => {
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('ekyc serve + official SDKs', () => {
  it.each([
    ['intl SDK default profile (v1 HmacSHA256 form POST)', {}],
    ['intl SDK TC3-HMAC-SHA256', { signMethod: 'TC3-HMAC-SHA256' }],
    ['intl SDK GET + HmacSHA1', { signMethod: 'HmacSHA1', reqMethod: 'GET' as const }],
  ])('GetFaceIdTokenIntl via %s returns an SdkToken', async (_name, profile) => {
    const data = expectOk(
      await intlFaceidCall(client(profile), 'GetFaceIdTokenIntl', {
        CheckMode: 'liveness',
        SecureLevel: '2',
      }),
    );
    expect(data.SdkToken).toMatch(/^[\w-]{16,}$/);
    expect(data.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ApplyLivenessToken via the 4.x CommonClient (TC3) returns an SdkToken', async () => {
    const data = expectOk(await mainlandCommonCall(client(), 'ApplyLivenessToken', { SecureLevel: '1' }));
    expect(typeof data.SdkToken).toBe('string');
  });

  it('every issued token is distinct', async () => {
    const tokens = await Promise.all(
      Array.from(
        { length: 5 },
        async () =>
          expectOk(await intlFaceidCall(client({ signMethod: 'TC3-HMAC-SHA256' }), 'GetFaceIdTokenIntl', {}))
            .SdkToken,
      ),
    );
    expect(new Set(tokens).size).toBe(5);
  });

  it('answers vendor error codes the SDKs surface as err.code', async () => {
    expectCode(
      await intlFaceidCall(client({ secretKey: 'x'.repeat(32) }), 'GetFaceIdTokenIntl', {}),
      'AuthFailure.SignatureFailure',
    );
    expectCode(
      await intlFaceidCall(client({ secretId: `AKID${'0'.repeat(32)}` }), 'GetFaceIdTokenIntl', {}),
      'AuthFailure.SecretIdNotFound',
    );
    expectCode(await mainlandCommonCall(client(), 'NoSuchActionHere', {}), 'InvalidAction');
    expectCode(
      await intlFaceidCall(client({ signMethod: 'TC3-HMAC-SHA256' }), 'GetFaceIdTokenIntl', {
        CheckMode: 'compare',
      }),
      'MissingParameter',
    );
    expectCode(
      await intlFaceidCall(client({ signMethod: 'TC3-HMAC-SHA256' }), 'GetFaceIdTokenIntl', {
        SecureLevel: '9',
      }),
      'InvalidParameterValue',
    );
  });

  it('a disabled key stops working for a restarted server (no stale cache across processes)', async () => {
    const created = spawnSync(
      process.execPath,
      [bin, 'apps', 'create', '--name', 'tmp', '--json', '--data', dataDir],
      {
        encoding: 'utf8',
      },
    );
    const other = JSON.parse(created.stdout.trim()) as typeof creds;
    const disabled = spawnSync(
      process.execPath,
      [bin, 'keys', 'disable', other.SecretId, '--data', dataDir],
      {
        encoding: 'utf8',
      },
    );
    expect(disabled.status, disabled.stderr + disabled.stdout).toBe(0);
    // This server never resolved that key before, so nothing stale is cached: the disable is seen at once.
    expectCode(
      await intlFaceidCall(
        client({ secretId: other.SecretId, secretKey: other.SecretKey }),
        'GetFaceIdTokenIntl',
        {},
      ),
      'AuthFailure.SecretIdNotFound',
    );
  });
});
