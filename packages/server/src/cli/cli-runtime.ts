import type { CliCommand } from './cli-io.js';

/**
 * What bin/cli.ts hands to commands that need the process: the environment (read only there,
 * ARCHITECTURE.md "Style") and shutdown signals. Injected so commands run in tests without a process.
 */
export interface CliRuntime {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Calls `listener` once on SIGINT/SIGTERM; returns an unsubscribe function. */
  onShutdown(listener: (signal: string) => void): () => void;
}

/** A command table entry: loads the command's module only when it is run. */
export type CommandLoader = (runtime: CliRuntime) => Promise<CliCommand>;
