import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../src/gateway/testing/free-port.js';

/**
 * The real `ekyc serve` binary on a fresh data dir (SQLite), for the pure-API tests and the bench:
 * waits until /readyz says the engine workers have loaded their models, and creates an app.
 */
const bin = resolve(import.meta.dirname, '../bin/ekyc.js');

export interface RunningServer {
  readonly endpoint: string;
  readonly dataDir: string;
  readonly creds: { AppId: string; SecretId: string; SecretKey: string };
  readonly output: () => string;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ekyc-pure-api-'));
  let output = '';
  // Upload URLs carry the public URL, so the port must be known before the server starts.
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir],
    {
      env: {
        ...process.env,
        EKYC_LOG_LEVEL: 'warn',
        EKYC_QPS: '0',
        EKYC_PUBLIC_URL: `http://127.0.0.1:${port}`,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const endpoint = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 60_000);
      const poll = setInterval(() => {
        const port = /bound to [^:]+:(\d+)/.exec(output)?.[1];
        if (port) {
          clearInterval(poll);
          clearTimeout(timer);
          ok(`127.0.0.1:${port}`);
        }
      }, 50);
      child.once('exit', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        fail(new Error(`server exited with ${code}:\n${output}`));
      });
    });
    // Models load in every worker at start; /readyz turns 200 when they have.
    const deadline = Date.now() + 180_000;
    for (;;) {
      const r = await fetch(`http://${endpoint}/readyz`).catch(() => null);
      if (r?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`server never became ready:\n${output}`);
      await new Promise((ok) => setTimeout(ok, 250));
    }
    const created = spawnSync(
      process.execPath,
      [bin, 'apps', 'create', '--name', 'merchant', '--json', '--data', dataDir],
      {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      },
    );
    if (created.status !== 0) throw new Error(`apps create failed: ${created.stderr}`);
    const creds = JSON.parse(created.stdout.trim()) as RunningServer['creds'];
    return { endpoint, dataDir, creds, output: () => output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
