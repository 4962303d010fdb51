import { sql } from 'kysely';
import { buildServer } from '../../app.js';
import { createActions } from '../../actions/index.js';
import { createSealer } from '../../services/secrets/aes-gcm.js';
import { SessionsService } from '../../services/sessions/sessions-service.js';
import type { CliCommand, CliIo } from '../cli-io.js';
import type { CliRuntime } from '../cli-runtime.js';
import {
  STORE_FLAGS,
  UsageError,
  openContext,
  parseCommandArgs,
  runReporting,
  type CommandContext,
} from '../command-support.js';

const USAGE = `usage: ekyc serve [--port N] [--host H] [--data DIR]
`;

/** How often open sessions past their capture window are marked expired (reads also expire lazily). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * `ekyc serve` (what `npm start` runs, INTERFACES.md §1): migrate, make sure a local app exists
 * (printing its SecretKey the one time it is created), serve until SIGINT/SIGTERM, then close cleanly.
 */
export function createServeCommand(runtime: CliRuntime): CliCommand {
  return (argv, io) =>
    runReporting(io, USAGE, async () => {
      const { values, positionals } = parseCommandArgs(argv, {
        ...STORE_FLAGS,
        port: { type: 'string' },
        host: { type: 'string' },
      });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      const ctx = await openContext(runtime, { port: values.port, host: values.host, data: values.data });
      try {
        return await serve(ctx, io, runtime);
      } finally {
        await ctx.close();
      }
    });
}

async function serve(ctx: CommandContext, io: CliIo, runtime: CliRuntime): Promise<number> {
  const { config } = ctx;
  // Subscribe before anything slow, so an early Ctrl-C still shuts down in order.
  let stop!: (signal: string) => void;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const unsubscribe = runtime.onShutdown((signal) => stop(signal));

  if (ctx.store.dialect === 'postgres' && !runtime.env.EKYC_MASTER_KEY) {
    // Other nodes sharing this database cannot open SecretKeys sealed with a key that lives in one node's data dir.
    io.stderr(
      `warning: EKYC_MASTER_KEY is not set; using ${config.dataDir}/master.key. Set EKYC_MASTER_KEY on every node that shares this database.\n`,
    );
  }
  const firstKey = (await ctx.apps.countApps()) === 0 ? await ctx.apps.createApp({ name: 'local' }) : null;
  const sessions = new SessionsService({ db: ctx.store.db, sealer: createSealer(config.masterKey) });
  const server = await buildServer({
    config,
    actions: createActions({ sessions }),
    credentials: ctx.resolver,
    // INTERFACES.md §3 /readyz: the database answers. (Model readiness joins here when the engine pool exists.)
    readiness: async () => (await sql`select 1 as ok`.execute(ctx.store.db)).rows.length === 1,
  });
  const sweep = setInterval(
    () =>
      void sessions
        .expireDue(new Date())
        .catch((err: unknown) => io.stderr(`session sweep failed: ${String(err)}\n`)),
    SWEEP_INTERVAL_MS,
  );
  sweep.unref();

  try {
    await server.listen({ port: config.port, host: config.host });
    const where = ctx.store.dialect === 'sqlite' ? `${config.dataDir} (SQLite)` : 'PostgreSQL';
    io.stdout(
      `open-ekyc listening on ${config.publicUrl} (bound to ${config.host}:${boundPort(server.server.address(), config.port)}), data in ${where}\n`,
    );
    if (firstKey) {
      // INTERFACES.md §1: printed once, on first start; the SecretKey is never shown again.
      io.stdout(
        `\nFirst start: created a local app and API key. The SecretKey is shown only this once.\n` +
          `  AppId:     ${firstKey.app.appId}\n  SecretId:  ${firstKey.key.secretId}\n  SecretKey: ${firstKey.key.secretKey}\n` +
          `Point a TencentCloud SDK at endpoint "${new URL(config.publicUrl).host}" with protocol "http://".\n\n`,
      );
    }
    const signal = await stopped;
    io.stdout(`received ${signal}, shutting down\n`);
    return 0;
  } finally {
    unsubscribe();
    clearInterval(sweep);
    await server.close();
  }
}

function boundPort(address: unknown, fallback: number): number {
  return typeof address === 'object' &&
    address !== null &&
    'port' in address &&
    typeof address.port === 'number'
    ? address.port
    : fallback;
}
