import type { Kysely } from 'kysely';
import type { StoreDialect } from '../database.js';

/**
 * One schema change. `name` orders the list (Kysely's Migrator sorts by name), so names start with
 * a zero-padded number. Dialect differences live inside `up`, using the `dialect` argument.
 */
export interface StoreMigration {
  readonly name: string;
  // Migrations must not depend on the current Database type: it describes the latest schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: StoreDialect): Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  down?(db: Kysely<any>, dialect: StoreDialect): Promise<void>;
}
