import type { CliCommand, CliIo } from '../cli-io.js';
import type { CliRuntime } from '../cli-runtime.js';
import { STORE_FLAGS, UsageError, openContext, parseCommandArgs, runReporting } from '../command-support.js';

const USAGE = `usage: ekyc apps create --name NAME [--json] [--data DIR]
       ekyc apps list [--json] [--data DIR]
`;

/** `ekyc apps ...` (INTERFACES.md §2): `create --json` prints {"AppId","SecretId","SecretKey"} on one line. */
export function createAppsCommand(runtime: CliRuntime): CliCommand {
  return (argv, io) =>
    runReporting(io, USAGE, async () => {
      const [sub, ...rest] = argv;
      if (sub === 'create') return create(rest, io, runtime);
      if (sub === 'list') return list(rest, io, runtime);
      throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`);
    });
}

async function create(argv: string[], io: CliIo, runtime: CliRuntime): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...STORE_FLAGS,
    name: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.name === undefined) throw new UsageError('--name is required');
  const ctx = await openContext(runtime, { data: values.data });
  try {
    const { app, key } = await ctx.apps.createApp({ name: values.name });
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ AppId: app.appId, SecretId: key.secretId, SecretKey: key.secretKey })}\n`,
      );
    } else {
      io.stdout(
        `Created app "${app.name}"\n  AppId:     ${app.appId}\n  SecretId:  ${key.secretId}\n  SecretKey: ${key.secretKey}\n` +
          `The SecretKey is shown only now; store it safely.\n`,
      );
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

async function list(argv: string[], io: CliIo, runtime: CliRuntime): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...STORE_FLAGS, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const ctx = await openContext(runtime, { data: values.data });
  try {
    const apps = await ctx.apps.listApps();
    if (values.json) {
      io.stdout(
        `${JSON.stringify(apps.map((a) => ({ AppId: a.appId, Name: a.name, Status: a.status, CreatedAt: a.createdAt.toISOString() })))}\n`,
      );
    } else {
      io.stdout(
        apps.length === 0
          ? 'no apps\n'
          : apps
              .map((a) => `${a.appId}  ${a.status.padEnd(13)}  ${a.createdAt.toISOString()}  ${a.name}\n`)
              .join(''),
      );
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
