import {
  Migrator,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import type { Database, StoreDialect } from './database.js';
import { MIGRATIONS, type StoreMigration } from './migrations/index.js';

/** Feeds Kysely's Migrator from the in-code list, binding each migration to the dialect. */
class InCodeMigrationProvider implements MigrationProvider {
  constructor(
    private readonly dialect: StoreDialect,
    private readonly list: readonly StoreMigration[],
  ) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const m of this.list) {
      if (out[m.name]) throw new Error(`duplicate migration name ${m.name}`);
      const down = m.down;
      out[m.name] = {
        up: (db) => m.up(db, this.dialect),
        ...(down ? { down: (db: Kysely<unknown>) => down(db, this.dialect) } : {}),
      };
    }
    return out;
  }
}

/**
 * Brings the schema up to date. Kysely takes a lock first (an advisory lock on PostgreSQL), so
 * several processes starting at once apply each migration exactly once.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: StoreDialect,
  list: readonly StoreMigration[] = MIGRATIONS,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider(dialect, list) });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
