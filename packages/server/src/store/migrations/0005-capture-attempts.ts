import type { StoreMigration } from './migration.js';

/**
 * capture_attempts: one row per capture attempt of a verification session (the page or SDK's
 * POST /capture/v1/sessions/:token/attempts). Holds the fresh challenge issued for it, the hash of
 * its single-use upload nonce, and its verdict (VerificationDetail, spec §8). Media (video, best
 * frame) live in the encrypted media store and are referenced by id.
 */
export const m0005CaptureAttempts: StoreMigration = {
  name: '0005_capture_attempts',
  async up(db) {
    await db.schema
      .createTable('capture_attempts')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('token', 'varchar(64)', (c) => c.notNull().references('sessions.token'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      // SHA-256 of the upload nonce: a database reader cannot upload with it.
      .addColumn('nonce_sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('nonce_used', 'integer', (c) => c.notNull())
      .addColumn('source', 'varchar(16)', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      // JSON: the challenge shown (capture contract form) and what the engine checks.
      .addColumn('challenge', 'text', (c) => c.notNull())
      .addColumn('timeline', 'text')
      .addColumn('result_code', 'varchar(80)')
      // JSON: the VerificationDetail of this attempt and the deciding finding.
      .addColumn('result', 'text')
      .addColumn('video_media_id', 'varchar(32)')
      .addColumn('best_frame_media_id', 'varchar(32)')
      .addColumn('started_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('uploaded_at', 'varchar(40)')
      .addColumn('finished_at', 'varchar(40)')
      .execute();
    await db.schema
      .createIndex('capture_attempts_token_idx')
      .on('capture_attempts')
      .columns(['token', 'seq'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('capture_attempts').ifExists().execute();
  },
};
