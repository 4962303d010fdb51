import type { Kysely, Selectable } from 'kysely';
import type { CardVerificationsTable, Database } from '../database.js';

export interface CardVerificationRecord {
  readonly token: string;
  readonly appId: string;
  /** As requested (spec §7.2 ApplyCardVerification). */
  readonly nationality: string;
  readonly cardType: string;
  /** spec §8 CardInfo key read for the request; null = guessed from the photo. */
  readonly cardKey: string | null;
  readonly state: 'processing' | 'done';
  /** PASSED | WARNING | REJECTED once done. */
  readonly status: string | null;
  readonly result: unknown;
  readonly frontMediaId: string;
  readonly backMediaId: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  readonly resultExpiresAt: Date;
}

function toRecord(r: Selectable<CardVerificationsTable>): CardVerificationRecord {
  return {
    token: r.token,
    appId: r.app_id,
    nationality: r.nationality,
    cardType: r.card_type,
    cardKey: r.card_key,
    state: r.state,
    status: r.status,
    result: r.result === null ? null : JSON.parse(r.result),
    frontMediaId: r.front_media_id,
    backMediaId: r.back_media_id,
    createdAt: new Date(r.created_at),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
    resultExpiresAt: new Date(r.result_expires_at),
  };
}

/** Legacy card verification jobs; the verdict is written once (guarded on state = processing). */
export class CardVerificationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: {
    token: string;
    appId: string;
    nationality: string;
    cardType: string;
    cardKey: string | null;
    frontMediaId: string;
    backMediaId: string | null;
    at: Date;
    resultExpiresAt: Date;
  }): Promise<CardVerificationRecord> {
    const stored: CardVerificationsTable = {
      token: row.token,
      app_id: row.appId,
      nationality: row.nationality,
      card_type: row.cardType,
      card_key: row.cardKey,
      state: 'processing',
      status: null,
      result: null,
      front_media_id: row.frontMediaId,
      back_media_id: row.backMediaId,
      created_at: row.at.toISOString(),
      finished_at: null,
      result_expires_at: row.resultExpiresAt.toISOString(),
    };
    await this.db.insertInto('card_verifications').values(stored).execute();
    return toRecord(stored);
  }

  async find(token: string): Promise<CardVerificationRecord | null> {
    const row = await this.db
      .selectFrom('card_verifications')
      .selectAll()
      .where('token', '=', token)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** processing → done with the verdict; false when it was already decided. */
  async finish(token: string, verdict: { status: string; result: unknown; at: Date }): Promise<boolean> {
    const res = await this.db
      .updateTable('card_verifications')
      .set({
        state: 'done',
        status: verdict.status,
        result: JSON.stringify(verdict.result),
        finished_at: verdict.at.toISOString(),
      })
      .where('token', '=', token)
      .where('state', '=', 'processing')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Jobs still processing that were created before `before` (their job was lost, e.g. by a crash). */
  async listStale(before: Date, limit = 100): Promise<CardVerificationRecord[]> {
    const rows = await this.db
      .selectFrom('card_verifications')
      .selectAll()
      .where('state', '=', 'processing')
      .where('created_at', '<', before.toISOString())
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }
}
