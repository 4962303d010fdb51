import type { CliRuntime } from '../cli-runtime.js';
import { createServeCommand } from '../commands/serve.js';

export interface RunningServe {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly base: string;
  output(): string;
  errors(): string;
  /** Sends the shutdown signal; resolves with the command's exit code. */
  stop(): Promise<number>;
}

/** `ekyc serve` in-process on a random loopback port, with the environment given (tests only). */
export async function startServe(env: CliRuntime['env']): Promise<RunningServe> {
  let shutdown: ((signal: string) => void) | undefined;
  let out = '';
  let err = '';
  const runtime: CliRuntime = {
    env: { ...env, EKYC_PORT: '0', EKYC_HOST: '127.0.0.1', EKYC_LOG_LEVEL: 'silent' },
    onShutdown: (listener) => ((shutdown = listener), () => (shutdown = undefined)),
  };
  const exit = createServeCommand(runtime)([], {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
  });
  // The bound port is printed once listening; the first-start notices follow right after it.
  for (let i = 0; i < 200 && !/bound to [^:]+:(\d+)/.test(out); i++)
    await new Promise((r) => setTimeout(r, 25));
  await new Promise((r) => setTimeout(r, 50));
  const port = Number(/bound to [^:]+:(\d+)/.exec(out)?.[1]);
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    errors: () => err,
    stop: () => (shutdown?.('SIGTERM'), exit),
  };
}
