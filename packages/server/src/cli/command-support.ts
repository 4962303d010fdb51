import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../config/config.js';
import { ConfigError, loadConfig, type ConfigFlags } from '../config/load-config.js';
import { createApps } from '../services/apps/index.js';
import { AppsServiceError } from '../services/apps/apps-service.js';
import { createSealer } from '../services/secrets/aes-gcm.js';
import { createStore, type Store } from '../store/create-store.js';
import type { CliIo } from './cli-io.js';
import type { CliRuntime } from './cli-runtime.js';

/** Thrown for bad command lines; reported with exit code 2. */
export class UsageError extends Error {}

/** The flags every store-backed command accepts (each also has its environment variable). */
export const STORE_FLAGS = { data: { type: 'string' } } as const;

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its errors turned into UsageError. */
export function parseCommandArgs<O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export interface CommandContext {
  readonly config: Config;
  readonly store: Store;
  readonly apps: ReturnType<typeof createApps>['apps'];
  readonly resolver: ReturnType<typeof createApps>['resolver'];
  close(): Promise<void>;
}

/** Config → store (migrated) → services, for commands that work on the database. */
export async function openContext(runtime: CliRuntime, flags: ConfigFlags): Promise<CommandContext> {
  const config = await loadConfig({ flags, env: runtime.env });
  const store = await createStore(config);
  const { apps, resolver } = createApps({ db: store.db, sealer: createSealer(config.masterKey) });
  return {
    config,
    store,
    apps,
    resolver,
    async close() {
      await resolver.close();
      await store.close();
    },
  };
}

/** Runs a command body, mapping known failures to messages and exit codes (2 usage, 1 otherwise). */
export async function runReporting(io: CliIo, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n\n${usage}`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof AppsServiceError) {
      io.stderr(`ekyc: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

export function formatDate(d: Date | null): string {
  return d === null ? '-' : d.toISOString();
}
