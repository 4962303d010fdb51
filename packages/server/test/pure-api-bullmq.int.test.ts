import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainlandCommonCall } from '../src/gateway/testing/sdk-clients.js';
import { PERSON_A, photoJpeg, stillVideo } from './pure-api-fixtures.js';
import { startServer, type RunningServer } from './pure-api-server.js';

/**
 * The BullMQ job driver end to end: `ekyc serve` with EKYC_REDIS_URL runs no models itself; a separate
 * `ekyc worker` process takes the jobs from Redis. Needs EKYC_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379);
 * a dedicated Redis database index keeps the queue apart from anything else on that server.
 */
const base = process.env.EKYC_TEST_REDIS_URL;
const bin = resolve(import.meta.dirname, '../bin/ekyc.js');

function redisUrl(): string {
  const u = new URL(base!);
  u.pathname = '/13';
  return u.toString();
}

let srv: RunningServer | undefined;
let worker: ChildProcess | undefined;
let workerOut = '';

describe.skipIf(!base)('BullMQ driver (EKYC_REDIS_URL + ekyc worker)', () => {
  beforeAll(async () => {
    const env = { EKYC_REDIS_URL: redisUrl(), EKYC_ENGINE_WORKERS: '1' };
    worker = spawn(process.execPath, [bin, 'worker'], {
      env: { ...process.env, ...env, EKYC_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (c: Buffer) => (workerOut += c.toString()));
    worker.stderr!.on('data', (c: Buffer) => (workerOut += c.toString()));
    // startServer waits for /readyz, which needs a worker registered on the queue (after its models loaded).
    srv = await startServer(env);
  }, 240_000);

  afterAll(async () => {
    await srv?.stop();
    if (worker && worker.exitCode === null) {
      const exited = new Promise((ok) => worker!.once('exit', ok));
      worker.kill('SIGTERM');
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 15_000))]);
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
  });

  it('runs CompareFaceLiveness on the worker process: a still photo with ACTION fails at the first action', async () => {
    expect(workerOut).toContain('ekyc worker ready');
    const r = await mainlandCommonCall(
      { endpoint: srv!.endpoint, secretId: srv!.creds.SecretId, secretKey: srv!.creds.SecretKey },
      'CompareFaceLiveness',
      {
        ImageBase64: photoJpeg(PERSON_A).toString('base64'),
        VideoBase64: stillVideo().toString('base64'),
        LivenessType: 'ACTION',
        ValidateData: '2',
      },
    );
    if (!r.ok) throw new Error(`${r.err.code}: ${r.err.message}\n${workerOut}`);
    expect(r.data.Result).toBe('FailedOperation.ActionFirstAction');
    expect(typeof r.data.BestFrameBase64).toBe('string');
  });
});
