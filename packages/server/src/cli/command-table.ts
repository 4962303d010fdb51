import type { CommandLoader } from './cli-runtime.js';

/**
 * `ekyc <command>` → its module (INTERFACES.md §2). Adding a command is one line here. Modules
 * that need the environment export a factory taking the CliRuntime; others export a CliCommand.
 */
export const COMMANDS: Readonly<Record<string, CommandLoader>> = {
  serve: async (rt) => (await import('./commands/serve.js')).createServeCommand(rt),
  apps: async (rt) => (await import('./commands/apps.js')).createAppsCommand(rt),
  keys: async (rt) => (await import('./commands/keys.js')).createKeysCommand(rt),
  codes: async () => (await import('./commands/codes.js')).run,
  usage: async (rt) => (await import('./commands/usage.js')).createUsageCommand(rt),
  operators: async (rt) => (await import('./commands/operators.js')).createOperatorsCommand(rt),
  eval: async () => (await import('./commands/eval.js')).run,
  compare: async () => (await import('./commands/compare.js')).run,
  liveness: async () => (await import('./commands/liveness.js')).run,
  ocr: async () => (await import('./commands/ocr.js')).run,
  worker: async (rt) => (await import('./commands/worker.js')).createWorkerCommand(rt),
};

export const USAGE = `usage: ekyc <command> [options]

  serve [--port N] [--host H] [--data DIR]     serve the API, verification page and console
  worker                                        run engine jobs from Redis (EKYC_REDIS_URL)
  apps create --name NAME [--json]              create an app with one API key
  apps list [--json]                            list apps
  keys create --app APPID [--json]              add a key to an app
  keys list [--app APPID] [--json]              list keys (SecretKeys are never shown)
  keys disable SECRETID                         disable a key
  keys rotate SECRETID [--keep-old] [--json]    new key for the same app; the old one is disabled unless --keep-old
  codes [--json]                                print the result-code catalog
  usage --app A --from D --to D [--by day|code|product] [--json]   verifications and billed counts (UTC days)
  operators token create [--name N] [--json]    issue a console operator token (shown once)
  eval --data DIR [--out FILE] [--only ...]     evaluate the engine on a data set
  compare A.jpg B.jpg | liveness VIDEO | ocr IMAGE   one-shot engine calls

Every command that touches the database also takes --data DIR; environment: EKYC_PORT, EKYC_HOST,
EKYC_DATA_DIR, EKYC_DATABASE_URL, EKYC_REDIS_URL, EKYC_PUBLIC_URL, EKYC_MASTER_KEY.
`;
