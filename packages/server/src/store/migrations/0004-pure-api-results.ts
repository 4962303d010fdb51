import type { StoreMigration } from './migration.js';

/**
 * pure_api_results: the outcome of each pure-API liveness/compare request (CompareFaceLiveness,
 * VideoLivenessCompare, LivenessCompare, DetectReflectLivenessAndCompare), written in the same
 * transaction as its billing_ledger row (services/verification), so neither exists without the other.
 * No media here: best frames live in the encrypted media store, referenced by id.
 */
export const m0004PureApiResults: StoreMigration = {
  name: '0004_pure_api_results',
  async up(db) {
    await db.schema
      .createTable('pure_api_results')
      .addColumn('request_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('app_id', 'varchar(32)', (c) => c.notNull().references('apps.app_id'))
      .addColumn('action', 'varchar(64)', (c) => c.notNull())
      .addColumn('result_code', 'varchar(80)', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('sim', 'double precision', (c) => c.notNull())
      .addColumn('best_frame_media_id', 'varchar(32)')
      // JSON: deciding finding, liveness mode, scores (numbers only, no biometrics).
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'varchar(40)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pure_api_results_app_finished_idx')
      .on('pure_api_results')
      .columns(['app_id', 'finished_at'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('pure_api_results').ifExists().execute();
  },
};
