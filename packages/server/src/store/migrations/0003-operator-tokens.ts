import type { StoreMigration } from './migration.js';

/**
 * operator_tokens: bearer tokens for the console API (/console/api/...). Only the SHA-256 of a
 * token is stored, so a copy of the database does not let anyone in.
 */
export const m0003OperatorTokens: StoreMigration = {
  name: '0003_operator_tokens',
  async up(db) {
    await db.schema
      .createTable('operator_tokens')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('token_sha256', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('last_used_at', 'varchar(40)')
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('operator_tokens').ifExists().execute();
  },
};
