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
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) }),
    dialect: 'sqlite',
  };
}

/** Prepared statements kept per SQL text; the same few queries serve every API call. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query anew, which measured ~10% of the gateway's CPU
 * under load (bench/gateway-wrk.ts). better-sqlite3 statements are reusable, and Kysely runs one
 * query at a time per connection (its single-connection mutex), so a statement is never busy
 * when it is handed out again.
 */
function withStatementCache(file: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = file.prepare.bind(file);
  const cachedPrepare = (sql: string): SqliteDatabase.Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(sql, statement);
    }
    return statement;
  };
  return new Proxy(file, {
    get(target, property, receiver) {
      if (property === 'prepare') return cachedPrepare;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
