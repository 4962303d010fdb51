import type { CliIo } from './cli-io.js';
import type { CliRuntime, CommandLoader } from './cli-runtime.js';
import { COMMANDS, USAGE } from './command-table.js';

/** Dispatches `argv` (without node and script) to a command; unknown or missing command → usage, exit 2. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  runtime: CliRuntime,
  table: Readonly<Record<string, CommandLoader>> = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const load =
    name !== undefined && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (!load) {
    io.stderr(name === undefined ? USAGE : `ekyc: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const command = await load(runtime);
  return command(rest, io);
}
