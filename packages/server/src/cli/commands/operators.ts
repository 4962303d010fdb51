import { OperatorTokens } from '../../services/operators/operator-tokens.js';
import type { CliCommand } from '../cli-io.js';
import type { CliRuntime } from '../cli-runtime.js';
import { STORE_FLAGS, UsageError, openContext, parseCommandArgs, runReporting } from '../command-support.js';

const USAGE = `usage: ekyc operators token create [--name NAME] [--json] [--data DIR]

Issues a console operator token (use it as "Authorization: Bearer <token>" on /console/api/...).
It is shown only now; the server keeps only its SHA-256.
`;

/** `ekyc operators token create`: another operator token besides the one `serve` prints on first start. */
export function createOperatorsCommand(runtime: CliRuntime): CliCommand {
  return (argv, io) =>
    runReporting(io, USAGE, async () => {
      const [noun, verb, ...rest] = argv;
      if (noun !== 'token' || verb !== 'create') {
        throw new UsageError(
          noun === undefined ? 'missing subcommand' : `unknown subcommand "${argv.join(' ')}"`,
        );
      }
      const { values, positionals } = parseCommandArgs(rest, {
        ...STORE_FLAGS,
        name: { type: 'string' },
        json: { type: 'boolean' },
      });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      const name = values.name ?? 'operator';
      if (name.trim() === '' || name.trim().length > 200)
        throw new UsageError('--name must be 1-200 characters');
      const ctx = await openContext(runtime, { data: values.data });
      try {
        const created = await new OperatorTokens({ db: ctx.store.db }).create(name);
        if (values.json) {
          io.stdout(`${JSON.stringify({ Id: created.id, Name: created.name, Token: created.token })}\n`);
        } else {
          io.stdout(
            `Created operator token "${created.name}" (${created.id})\n  Token: ${created.token}\n` +
              `Use it as "Authorization: Bearer <token>" on /console/api. It is shown only now; store it safely.\n`,
          );
        }
        return 0;
      } finally {
        await ctx.close();
      }
    });
}
