import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

export interface PureApiResult {
  readonly requestId: string;
  readonly appId: string;
  readonly action: string;
  readonly resultCode: string;
  readonly description: string;
  readonly sim: number;
  readonly bestFrameMediaId: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly finishedAt: Date;
}

/** Rows of pure_api_results (migration 0004). */
export class PureApiResultsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts once per request id; false when a row for this request already exists. */
  async insert(r: PureApiResult): Promise<boolean> {
    const res = await this.db
      .insertInto('pure_api_results')
      .values({
        request_id: r.requestId,
        app_id: r.appId,
        action: r.action,
        result_code: r.resultCode,
        description: r.description,
        sim: r.sim,
        best_frame_media_id: r.bestFrameMediaId,
        detail: JSON.stringify(r.detail),
        finished_at: r.finishedAt.toISOString(),
      })
      .onConflict((oc) => oc.column('request_id').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async find(requestId: string): Promise<PureApiResult | null> {
    const row = await this.db
      .selectFrom('pure_api_results')
      .selectAll()
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      requestId: row.request_id,
      appId: row.app_id,
      action: row.action,
      resultCode: row.result_code,
      description: row.description,
      sim: Number(row.sim),
      bestFrameMediaId: row.best_frame_media_id,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
      finishedAt: new Date(row.finished_at),
    };
  }
}
