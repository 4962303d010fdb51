import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionKind, SessionState, SessionsTable } from '../database.js';

export interface SessionRecord {
  readonly token: string;
  readonly kind: SessionKind;
  readonly appId: string;
  readonly state: SessionState;
  readonly config: Readonly<Record<string, unknown>>;
  readonly challenge: unknown;
  readonly extra: string | null;
  readonly redirectUrl: string | null;
  readonly hasReferenceImage: boolean;
  readonly resultCode: string | null;
  readonly result: unknown;
  readonly attempts: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
  readonly resultExpiresAt: Date;
  readonly finishedAt: Date | null;
}

export type NewSessionRow = Omit<SessionsTable, 'result_code' | 'result' | 'finished_at' | 'attempts'>;
export type SessionPatch = Partial<
  Pick<SessionsTable, 'state' | 'result_code' | 'result' | 'finished_at' | 'challenge'>
>;

// Every column but the (large, sealed) reference image, plus a flag saying whether it is there.
const COLUMNS = [
  'token',
  'kind',
  'app_id',
  'state',
  'config',
  'challenge',
  'extra',
  'redirect_url',
  'result_code',
  'result',
  'attempts',
  'created_at',
  'updated_at',
  'expires_at',
  'result_expires_at',
  'finished_at',
] as const;
type Row = Pick<Selectable<SessionsTable>, (typeof COLUMNS)[number]> & { has_image: number | boolean };

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

function toRecord(row: Row): SessionRecord {
  return {
    token: row.token,
    kind: row.kind,
    appId: row.app_id,
    state: row.state,
    config: parseJson(row.config) as Record<string, unknown>,
    challenge: parseJson(row.challenge),
    extra: row.extra,
    redirectUrl: row.redirect_url,
    hasReferenceImage: Boolean(row.has_image),
    resultCode: row.result_code,
    result: parseJson(row.result),
    attempts: Number(row.attempts),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    expiresAt: new Date(row.expires_at),
    resultExpiresAt: new Date(row.result_expires_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}

/** Accepts a Kysely instance or a transaction. Updates are guarded by the expected current state. */
export class SessionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts and returns the new session as stored (built from the inserted values: no read-back). */
  async insert(row: NewSessionRow): Promise<SessionRecord> {
    const stored = { ...row, attempts: 0, result_code: null, result: null, finished_at: null };
    await this.db.insertInto('sessions').values(stored).execute();
    return toRecord({ ...stored, has_image: row.reference_image_enc !== null });
  }

  async find(token: string): Promise<SessionRecord | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select(COLUMNS)
      .select((eb) =>
        eb.case().when('reference_image_enc', 'is not', null).then(1).else(0).end().as('has_image'),
      )
      .where('token', '=', token)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async findReferenceImage(token: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select('reference_image_enc')
      .where('token', '=', token)
      .executeTakeFirst();
    return row?.reference_image_enc ?? null;
  }

  /**
   * Applies `patch` only when the session is in one of `from` (optimistic check: of two concurrent
   * callers, one sees the row already moved on and gets null). Returns the updated session.
   */
  async transition(
    token: string,
    from: readonly SessionState[],
    patch: SessionPatch,
    at: Date,
    opts: { notExpiredAt?: Date } = {},
  ): Promise<SessionRecord | null> {
    let q = this.db
      .updateTable('sessions')
      .set({ ...patch, updated_at: at.toISOString() })
      .where('token', '=', token)
      .where('state', 'in', [...from]);
    if (opts.notExpiredAt) q = q.where('expires_at', '>', opts.notExpiredAt.toISOString());
    const row = await q
      .returning(COLUMNS)
      .returning((eb) =>
        eb.case().when('reference_image_enc', 'is not', null).then(1).else(0).end().as('has_image'),
      )
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Replaces the sealed reference photo while the session is in `from`; false when it is not. */
  async setReferenceImage(
    token: string,
    sealed: string,
    from: readonly SessionState[],
    at: Date,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('sessions')
      .set({ reference_image_enc: sealed, updated_at: at.toISOString() })
      .where('token', '=', token)
      .where('state', 'in', [...from])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** attempts + 1 while the session is in `from` and below `max`; the new count, or null when refused. */
  async incrementAttempts(
    token: string,
    from: readonly SessionState[],
    max: number,
    at: Date,
  ): Promise<number | null> {
    const row = await this.db
      .updateTable('sessions')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), updated_at: at.toISOString() }))
      .where('token', '=', token)
      .where('state', 'in', [...from])
      .where('attempts', '<', max)
      .returning('attempts')
      .executeTakeFirst();
    return row ? Number(row.attempts) : null;
  }

  /** Marks every open session whose capture window has passed as expired; returns how many. */
  async expireDue(now: Date): Promise<number> {
    const iso = now.toISOString();
    const res = await this.db
      .updateTable('sessions')
      .set({ state: 'expired', updated_at: iso })
      .where('state', 'in', ['created', 'in_progress'])
      .where('expires_at', '<=', iso)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** Drops the sealed reference photos of sessions past their result window (biometrics are not kept longer). */
  async clearExpiredMedia(now: Date): Promise<number> {
    const iso = now.toISOString();
    const res = await this.db
      .updateTable('sessions')
      .set({ reference_image_enc: null, updated_at: iso })
      .where('result_expires_at', '<=', iso)
      .where('reference_image_enc', 'is not', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }
}
