import { sql } from 'kysely';
import type { StoreMigration } from './migration.js';

/** apps, api_keys, sessions. Column types are chosen to behave the same on both engines (see database.ts). */
export const m0001Initial: StoreMigration = {
  name: '0001_initial',
  async up(db, dialect) {
    // ISO-8601 UTC timestamps are 24 characters; leave room.
    const ts = 'varchar(40)';
    // SQLite keeps TEXT unbounded whatever the declared type; PostgreSQL `text` is unbounded too.
    const json = 'text';

    await db.schema
      .createTable('apps')
      .addColumn('app_id', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) =>
        c
          .notNull()
          .defaultTo('activated')
          .check(sql`status in ('activated', 'not_activated', 'arrears')`),
      )
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('secret_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('app_id', 'varchar(32)', (c) => c.notNull().references('apps.app_id').onDelete('cascade'))
      .addColumn('secret_key_enc', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`enabled in (0, 1)`),
      )
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('last_used_at', ts)
      .execute();
    await db.schema.createIndex('api_keys_app_id_idx').on('api_keys').column('app_id').execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(20)', (c) => c.notNull())
      .addColumn('app_id', 'varchar(32)', (c) => c.notNull().references('apps.app_id').onDelete('cascade'))
      .addColumn('state', 'varchar(20)', (c) =>
        c
          .notNull()
          .check(sql`state in ('created', 'in_progress', 'processing', 'finished', 'expired', 'exited')`),
      )
      .addColumn('config', json, (c) => c.notNull())
      .addColumn('challenge', json)
      .addColumn('extra', 'text')
      .addColumn('redirect_url', 'text')
      .addColumn('reference_image_enc', 'text')
      .addColumn('result_code', 'varchar(80)')
      .addColumn('result', json)
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('expires_at', ts, (c) => c.notNull())
      .addColumn('result_expires_at', ts, (c) => c.notNull())
      .addColumn('finished_at', ts)
      .execute();
    await db.schema
      .createIndex('sessions_app_created_idx')
      .on('sessions')
      .columns(['app_id', 'created_at'])
      .execute();
    // The expiry sweep looks only at open sessions; both engines support partial indexes.
    await db.schema
      .createIndex('sessions_open_expiry_idx')
      .on('sessions')
      .column('expires_at')
      .where(sql.ref('state'), 'in', ['created', 'in_progress'])
      .execute();
    await db.schema
      .createIndex('sessions_result_expiry_idx')
      .on('sessions')
      .column('result_expires_at')
      .execute();

    if (dialect === 'postgres') {
      // Sessions are updated often (state changes); leave room on each page for HOT updates.
      await sql`alter table sessions set (fillfactor = 90)`.execute(db);
    }
  },
  async down(db) {
    await db.schema.dropTable('sessions').ifExists().execute();
    await db.schema.dropTable('api_keys').ifExists().execute();
    await db.schema.dropTable('apps').ifExists().execute();
  },
};
