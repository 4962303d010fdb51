import { runCli } from '../cli/run-cli.js';
import type { CliRuntime } from '../cli/cli-runtime.js';

/**
 * The `ekyc` entry point: the only place that reads process.env and argv (ARCHITECTURE.md "Style").
 * Everything below gets what it needs injected.
 */
const runtime: CliRuntime = {
  env: process.env,
  onShutdown(listener) {
    const handler = (signal: NodeJS.Signals) => listener(signal);
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  },
};

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

try {
  process.exitCode = await runCli(process.argv.slice(2), io, runtime);
} catch (err) {
  process.stderr.write(`ekyc: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
}
