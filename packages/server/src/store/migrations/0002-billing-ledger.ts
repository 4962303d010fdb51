import { sql } from 'kysely';
import type { StoreMigration } from './migration.js';

/**
 * billing_ledger (issue "Result-code catalog and billing ledger", part 3): one row per finished
 * verification or billed pure-API request, written in the same transaction as the session's final
 * state (services/billing). Column types follow 0001 (ISO-8601 text timestamps, 0/1 integers).
 */
export const m0002BillingLedger: StoreMigration = {
  name: '0002_billing_ledger',
  async up(db, dialect) {
    const ts = 'varchar(40)';
    await db.schema
      .createTable('billing_ledger')
      // The only dialect difference: an auto-numbered key. SQLite's AUTOINCREMENT never reuses an id;
      // PostgreSQL's identity column is the standard spelling of the same thing.
      .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
        dialect === 'postgres'
          ? c.primaryKey().generatedByDefaultAsIdentity()
          : c.primaryKey().autoIncrement(),
      )
      // No ON DELETE CASCADE: a ledger is a financial record and must outlive what it bills;
      // an app with billed history cannot be deleted by accident.
      .addColumn('app_id', 'varchar(32)', (c) => c.notNull().references('apps.app_id'))
      .addColumn('product', 'varchar(20)', (c) => c.notNull())
      .addColumn('action', 'varchar(64)', (c) => c.notNull())
      // No foreign key to sessions either: sessions may be purged after their result window, the bill stays.
      .addColumn('session_token', 'varchar(64)')
      .addColumn('request_id', 'varchar(64)')
      .addColumn('result_code', 'varchar(80)', (c) => c.notNull())
      .addColumn('billable', 'integer', (c) => c.notNull().check(sql`billable in (0, 1)`))
      .addColumn('description_in_force', 'text', (c) => c.notNull())
      .addColumn('catalog_effective_from', 'varchar(10)')
      .addColumn('finished_at', ts, (c) => c.notNull())
      // Every row is tied to what it bills: a session, or an API request.
      .addCheckConstraint(
        'billing_ledger_subject_ck',
        sql`session_token is not null or request_id is not null`,
      )
      .execute();
    // Plain (not partial) unique indexes: NULLs are distinct on both engines, and ON CONFLICT can
    // name them without repeating a WHERE clause. One session is billed at most once; a retried
    // request id is recorded once.
    await db.schema
      .createIndex('billing_ledger_session_token_uq')
      .on('billing_ledger')
      .column('session_token')
      .unique()
      .execute();
    await db.schema
      .createIndex('billing_ledger_request_id_uq')
      .on('billing_ledger')
      .column('request_id')
      .unique()
      .execute();
    // Usage queries: one app over a time range (ekyc usage, /console/api/usage).
    await db.schema
      .createIndex('billing_ledger_app_finished_idx')
      .on('billing_ledger')
      .columns(['app_id', 'finished_at'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('billing_ledger').ifExists().execute();
  },
};
