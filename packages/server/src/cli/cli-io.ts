/** What a CLI command may write to; injected so commands are testable without a process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Every `ekyc <command>` module exports one of these. `argv` is what follows the command name;
 * the return value is the process exit code.
 */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;
