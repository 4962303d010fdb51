import { sql } from 'kysely';
import { buildServer } from '../../app.js';
import { createActions } from '../../actions/index.js';
import { createConsoleApi } from '../../console/console-api.js';
import { createSealer } from '../../services/secrets/aes-gcm.js';
import { BillingService } from '../../services/billing/billing-service.js';
import { SessionsService } from '../../services/sessions/sessions-service.js';
import { createVerificationRuntime } from '../../services/verification/create-verification.js';
import { createCaptureRuntime } from '../../capture/create-capture.js';
import { MEDIA_DEFAULTS } from '../../config/load-config.js';
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
const MEDIA_SWEEP_INTERVAL_MS = 10 * 60_000;

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
  const consoleApi = createConsoleApi({ db: ctx.store.db });
  // Like the first key: an operator token for /console/api, created (and shown) only while none exists.
  const firstOperator = await consoleApi.operators.ensureFirst();
  const billing = new BillingService({ db: ctx.store.db });
  // Billing is a required dependency: every session finish writes its ledger row in the same transaction.
  const sessions = new SessionsService({
    db: ctx.store.db,
    sealer: createSealer(config.masterKey),
    billing: billing.finishHook(),
  });
  // Engine workers (one per core) start loading their models now; /readyz says ready once they have.
  const verification = await createVerificationRuntime({ config, db: ctx.store.db });
  // Hosted page + capture API (web flow and SDK tokens) on the same engine jobs and media store.
  const capture = createCaptureRuntime({
    db: ctx.store.db,
    sessions,
    jobs: verification.jobs,
    media: verification.media,
    publicUrl: config.publicUrl,
    masterKey: config.masterKey,
    maxVideoBytes: (config.media ?? MEDIA_DEFAULTS).maxUploadBytes,
    log: (msg, err) => io.stderr(`${msg}${err === undefined ? '' : `: ${String(err)}`}\n`),
  });
  const server = await buildServer({
    config,
    actions: createActions({
      sessions,
      verification: verification.services,
      webFlow: capture.webFlow,
      billing,
      cardVerification: capture.cardVerification,
    }),
    credentials: ctx.resolver,
    // INTERFACES.md §3 /readyz: every engine worker has loaded its models and the database answers.
    readiness: async () =>
      verification.jobs.ready() && (await sql`select 1 as ok`.execute(ctx.store.db)).rows.length === 1,
    extraRoutes: async (app) => {
      await consoleApi.routes(app);
      await verification.routes(app);
      await capture.routes(app);
    },
  });
  const sweep = setInterval(
    () =>
      void sessions
        .expireDue(new Date())
        .catch((err: unknown) => io.stderr(`session sweep failed: ${String(err)}\n`)),
    SWEEP_INTERVAL_MS,
  );
  sweep.unref();
  // Media past its retention (default 3 days) is deleted.
  const mediaSweep = setInterval(
    () =>
      void verification.media
        .sweep()
        .catch((err: unknown) => io.stderr(`media sweep failed: ${String(err)}\n`)),
    MEDIA_SWEEP_INTERVAL_MS,
  );
  mediaSweep.unref();

  try {
    await server.listen({ port: config.port, host: config.host });
    // Attempts uploaded before a crash get their verdict now (their videos are in the media store).
    void capture.resume().catch((err: unknown) => io.stderr(`capture resume failed: ${String(err)}\n`));
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
    if (firstOperator) {
      io.stdout(
        `Console operator token (shown only this once; "ekyc operators token create" issues more):\n` +
          `  OperatorToken: ${firstOperator.token}\n` +
          `Send it as "Authorization: Bearer <token>" to ${config.publicUrl}/console/api/...\n\n`,
      );
    }
    const signal = await stopped;
    io.stdout(`received ${signal}, shutting down\n`);
    return 0;
  } finally {
    unsubscribe();
    clearInterval(sweep);
    clearInterval(mediaSweep);
    await server.close();
    // Let uploaded attempts finish their verdict (and billing) before the workers go.
    await capture.idle();
    await verification.close();
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
