import type { Kysely } from 'kysely';
import type { AppStatus, AppsTable, Database } from '../database.js';

export interface AppRecord {
  readonly appId: string;
  readonly name: string;
  readonly status: AppStatus;
  readonly createdAt: Date;
}

function toRecord(row: AppsTable): AppRecord {
  return { appId: row.app_id, name: row.name, status: row.status, createdAt: new Date(row.created_at) };
}

/** Accepts a Kysely instance or a transaction (a Transaction is a Kysely). */
export class AppsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts unless the AppId is taken; false on a clash (the caller draws another id). */
  async insert(app: AppRecord): Promise<boolean> {
    const res = await this.db
      .insertInto('apps')
      .values({
        app_id: app.appId,
        name: app.name,
        status: app.status,
        created_at: app.createdAt.toISOString(),
      })
      .onConflict((oc) => oc.column('app_id').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /**
   * A no-op write on the app's row, as the first statement of a transaction: takes SQLite's write
   * lock up front (a deferred transaction that reads first fails with SQLITE_BUSY if another process
   * wrote meanwhile) and PostgreSQL's row lock. False when the app does not exist.
   */
  async lockRow(appId: string): Promise<boolean> {
    const res = await this.db
      .updateTable('apps')
      .set((eb) => ({ status: eb.ref('status') }))
      .where('app_id', '=', appId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async find(appId: string): Promise<AppRecord | null> {
    const row = await this.db.selectFrom('apps').selectAll().where('app_id', '=', appId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async list(): Promise<AppRecord[]> {
    const rows = await this.db
      .selectFrom('apps')
      .selectAll()
      .orderBy('created_at')
      .orderBy('app_id')
      .execute();
    return rows.map(toRecord);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('apps')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    // PostgreSQL returns count(*) as a bigint string.
    return Number(row.n);
  }

  async setStatus(appId: string, status: AppStatus): Promise<boolean> {
    const res = await this.db
      .updateTable('apps')
      .set({ status })
      .where('app_id', '=', appId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
