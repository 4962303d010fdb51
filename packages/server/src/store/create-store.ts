import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.js';
import type { Database, StoreDialect } from './database.js';
import { migrateToLatest } from './migrate.js';

export const SQLITE_FILE = 'ekyc.sqlite';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** Names of the migrations applied by this call (empty when the schema was current). */
  readonly applied: readonly string[];
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Run pending migrations (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  readonly poolMax?: number;
}

/**
 * Opens the database named by the config (SQLite in the data dir unless `databaseUrl` is a
 * postgres URL, INTERFACES.md §2) and brings its schema up to date.
 */
export async function createStore(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
  options: StoreOptions = {},
): Promise<Store> {
  const { db, dialect } = openDatabase(config, options);
  try {
    const applied = options.migrate === false ? [] : await migrateToLatest(db, dialect);
    return { db, dialect, applied, close: () => db.destroy() };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

function openDatabase(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
  options: StoreOptions,
): { db: Kysely<Database>; dialect: StoreDialect } {
  const url = config.databaseUrl;
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        'EKYC_DATABASE_URL must be a postgres:// or postgresql:// URL (unset = SQLite in the data dir)',
      );
    }
    const pool = new pg.Pool({ connectionString: url, max: options.poolMax ?? 10 });
    // An idle client losing its server connection emits 'error' on the pool; without a listener that crashes the process.
    pool.on('error', () => {});
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = new SqliteDatabase(join(config.dataDir, SQLITE_FILE));
  // WAL: readers do not block the writer; busy_timeout: a second process (CLI while serving) waits instead of failing.
  file.pragma('journal_mode = WAL');
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  file.pragma('synchronous = NORMAL');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) }), dialect: 'sqlite' };
}
