import type { CliCommand, CliIo } from '../cli-io.js';
import type { CliRuntime } from '../cli-runtime.js';
import {
  STORE_FLAGS,
  UsageError,
  formatDate,
  openContext,
  parseCommandArgs,
  runReporting,
} from '../command-support.js';

const USAGE = `usage: ekyc keys create --app APPID [--json] [--data DIR]
       ekyc keys list [--app APPID] [--json] [--data DIR]
       ekyc keys disable SECRETID [--data DIR]
       ekyc keys rotate SECRETID [--keep-old] [--json] [--data DIR]

rotate creates a new key for the same app and disables the old one at once; with --keep-old the
old key stays enabled until "keys disable". A running server sees a disable within 30 seconds.
`;

/** `ekyc keys create|list|disable|rotate` (INTERFACES.md §2). SecretKeys are printed only when created. */
export function createKeysCommand(runtime: CliRuntime): CliCommand {
  return (argv, io) =>
    runReporting(io, USAGE, async () => {
      const [sub, ...rest] = argv;
      switch (sub) {
        case 'create':
          return create(rest, io, runtime);
        case 'list':
          return list(rest, io, runtime);
        case 'disable':
          return disable(rest, io, runtime);
        case 'rotate':
          return rotate(rest, io, runtime);
        default:
          throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`);
      }
    });
}

function printKey(
  io: CliIo,
  json: boolean | undefined,
  key: { appId: string; secretId: string; secretKey: string },
  note = '',
): void {
  if (json) {
    io.stdout(`${JSON.stringify({ AppId: key.appId, SecretId: key.secretId, SecretKey: key.secretKey })}\n`);
  } else {
    io.stdout(
      `  AppId:     ${key.appId}\n  SecretId:  ${key.secretId}\n  SecretKey: ${key.secretKey}\n${note}The SecretKey is shown only now; store it safely.\n`,
    );
  }
}

function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError(`expected one ${what}`);
  return positionals[0];
}

async function create(argv: string[], io: CliIo, runtime: CliRuntime): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...STORE_FLAGS,
    app: { type: 'string' },
    json: { type: 'boolean' },
  });
  const appId = values.app ?? positionals[0];
  if (appId === undefined) throw new UsageError('--app is required');
  const ctx = await openContext(runtime, { data: values.data });
  try {
    printKey(io, values.json, await ctx.apps.createKey(appId));
    return 0;
  } finally {
    await ctx.close();
  }
}

async function list(argv: string[], io: CliIo, runtime: CliRuntime): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    ...STORE_FLAGS,
    app: { type: 'string' },
    json: { type: 'boolean' },
  });
  const ctx = await openContext(runtime, { data: values.data });
  try {
    const keys = await ctx.apps.listKeys(values.app);
    if (values.json) {
      const rows = keys.map((k) => ({
        SecretId: k.secretId,
        AppId: k.appId,
        Enabled: k.enabled,
        CreatedAt: k.createdAt.toISOString(),
        LastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      }));
      io.stdout(`${JSON.stringify(rows)}\n`);
    } else if (keys.length === 0) {
      io.stdout('no keys\n');
    } else {
      io.stdout(
        keys
          .map(
            (k) =>
              `${k.secretId}  ${k.appId}  ${(k.enabled ? 'enabled' : 'disabled').padEnd(8)}  created ${formatDate(k.createdAt)}  last used ${formatDate(k.lastUsedAt)}\n`,
          )
          .join(''),
      );
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

async function disable(argv: string[], io: CliIo, runtime: CliRuntime): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...STORE_FLAGS });
  const secretId = onePositional(positionals, 'SECRETID');
  const ctx = await openContext(runtime, { data: values.data });
  try {
    await ctx.apps.disableKey(secretId);
    io.stdout(`disabled ${secretId}\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}

async function rotate(argv: string[], io: CliIo, runtime: CliRuntime): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...STORE_FLAGS,
    'keep-old': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const secretId = onePositional(positionals, 'SECRETID');
  const ctx = await openContext(runtime, { data: values.data });
  try {
    const key = await ctx.apps.rotateKey(secretId, { keepOld: values['keep-old'] === true });
    const note = key.oldDisabled
      ? `Old key ${secretId} is disabled.\n`
      : `Old key ${secretId} stays enabled; disable it with "ekyc keys disable ${secretId}".\n`;
    printKey(io, values.json, key, values.json ? '' : note);
    return 0;
  } finally {
    await ctx.close();
  }
}
