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
};

export const USAGE = `usage: ekyc <command> [options]

  serve [--port N] [--host H] [--data DIR]     serve the API, verification page and console
  apps create --name NAME [--json]              create an app with one API key
  apps list [--json]                            list apps
  keys create --app APPID [--json]              add a key to an app
  keys list [--app APPID] [--json]              list keys (SecretKeys are never shown)
  keys disable SECRETID                         disable a key
  keys rotate SECRETID [--keep-old] [--json]    new key for the same app; the old one is disabled unless --keep-old
  codes [--json]                                print the result-code catalog
  eval --data DIR [--out FILE] [--only ...]     evaluate the engine on a data set
  compare A.jpg B.jpg | liveness VIDEO | ocr IMAGE   one-shot engine calls

Every command that touches the database also takes --data DIR; environment: EKYC_PORT, EKYC_HOST,
EKYC_DATA_DIR, EKYC_DATABASE_URL, EKYC_REDIS_URL, EKYC_PUBLIC_URL, EKYC_MASTER_KEY.
`;
