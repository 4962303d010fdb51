import { sql } from 'kysely';
import type { StoreMigration } from './migration.js';

/**
 * document_reads: one row per photo of an identity document taken in a session's document step
 * (capture API POST /sessions/:token/documents, CheckMode 1 and 4), with the engine's parsed fields,
 * the read's verdict and, once the user confirms it, their corrections (spec §8 EditDetail).
 * Photos, the cut card and the portrait live in the encrypted media store, referenced by id.
 *
 * card_verifications: the legacy ApplyCardVerification / GetCardVerificationResult (spec §7.2) jobs.
 * They have no capture session, no page and no billing (the catalog has no OCR product), so they get
 * a table of their own instead of a session kind.
 */
export const m0006DocumentReads: StoreMigration = {
  name: '0006_document_reads',
  async up(db) {
    await db.schema
      .createTable('document_reads')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('token', 'varchar(64)', (c) => c.notNull().references('sessions.token'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('side', 'varchar(8)', (c) => c.notNull().check(sql`side in ('front', 'back')`))
      .addColumn('state', 'varchar(16)', (c) => c.notNull().check(sql`state in ('passed', 'failed')`))
      .addColumn('card_type', 'varchar(40)', (c) => c.notNull())
      .addColumn('code', 'varchar(40)', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      // JSON: warning codes found, parsed fields (spec §8 struct of card_type), fields failing a check.
      .addColumn('warnings', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('invalid_fields', 'text', (c) => c.notNull())
      .addColumn('image_media_id', 'varchar(32)')
      .addColumn('cut_media_id', 'varchar(32)')
      .addColumn('portrait_media_id', 'varchar(32)')
      // JSON EditRecord[]: set with confirmed_at.
      .addColumn('edits', 'text')
      .addColumn('confirmed_at', 'varchar(40)')
      .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('document_reads_token_idx')
      .on('document_reads')
      .columns(['token', 'seq'])
      .execute();
    // At most one confirmed read per session, whatever two concurrent confirms do (both engines
    // support partial unique indexes); the repository's guarded UPDATE is the first line.
    await db.schema
      .createIndex('document_reads_one_confirmed_idx')
      .on('document_reads')
      .column('token')
      .unique()
      .where(sql.ref('confirmed_at'), 'is not', null)
      .execute();

    await db.schema
      .createTable('card_verifications')
      .addColumn('token', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('app_id', 'varchar(32)', (c) => c.notNull().references('apps.app_id').onDelete('cascade'))
      // As requested (Nationality, CardType), and the spec §8 CardInfo key we read for them (null = guess).
      .addColumn('nationality', 'varchar(8)', (c) => c.notNull())
      .addColumn('card_type', 'varchar(24)', (c) => c.notNull())
      .addColumn('card_key', 'varchar(40)')
      .addColumn('state', 'varchar(16)', (c) => c.notNull().check(sql`state in ('processing', 'done')`))
      // PASSED | WARNING | REJECTED once done.
      .addColumn('status', 'varchar(16)')
      // JSON: the result (read key, fields, warnings, reason); null while processing.
      .addColumn('result', 'text')
      .addColumn('front_media_id', 'varchar(32)', (c) => c.notNull())
      .addColumn('back_media_id', 'varchar(32)')
      .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('finished_at', 'varchar(40)')
      .addColumn('result_expires_at', 'varchar(40)', (c) => c.notNull())
      .execute();
    // The resume sweep looks for jobs lost while processing.
    await db.schema
      .createIndex('card_verifications_processing_idx')
      .on('card_verifications')
      .column('created_at')
      .where(sql.ref('state'), '=', 'processing')
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('card_verifications').ifExists().execute();
    await db.schema.dropTable('document_reads').ifExists().execute();
  },
};
