import type { Kysely, Selectable } from 'kysely';
import type { CaptureAttemptState, CaptureAttemptsTable, Database } from '../database.js';

export interface CaptureAttemptRecord {
  readonly id: string;
  readonly token: string;
  readonly seq: number;
  readonly source: string;
  readonly state: CaptureAttemptState;
  readonly challenge: unknown;
  readonly resultCode: string | null;
  readonly result: unknown;
  readonly videoMediaId: string | null;
  readonly bestFrameMediaId: string | null;
  readonly startedAt: Date;
  readonly uploadedAt: Date | null;
  readonly finishedAt: Date | null;
}

const json = (t: string | null): unknown => (t === null ? null : JSON.parse(t));

function toRecord(r: Selectable<CaptureAttemptsTable>): CaptureAttemptRecord {
  return {
    id: r.id,
    token: r.token,
    seq: Number(r.seq),
    source: r.source,
    state: r.state,
    challenge: json(r.challenge),
    resultCode: r.result_code,
    result: json(r.result),
    videoMediaId: r.video_media_id,
    bestFrameMediaId: r.best_frame_media_id,
    startedAt: new Date(r.started_at),
    uploadedAt: r.uploaded_at === null ? null : new Date(r.uploaded_at),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
  };
}

/** Capture attempts; every state change is a guarded UPDATE, so a nonce is consumed at most once. */
export class CaptureAttemptsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: {
    id: string;
    token: string;
    nonceSha256: string;
    source: string;
    challenge: unknown;
    at: Date;
  }): Promise<CaptureAttemptRecord> {
    const prev = await this.db
      .selectFrom('capture_attempts')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('token', '=', row.token)
      .executeTakeFirst();
    await this.db
      .insertInto('capture_attempts')
      .values({
        id: row.id,
        token: row.token,
        seq: Number(prev?.m ?? 0) + 1,
        nonce_sha256: row.nonceSha256,
        nonce_used: 0,
        source: row.source,
        state: 'started',
        challenge: JSON.stringify(row.challenge),
        timeline: null,
        result_code: null,
        result: null,
        video_media_id: null,
        best_frame_media_id: null,
        started_at: row.at.toISOString(),
        uploaded_at: null,
        finished_at: null,
      })
      .execute();
    const found = await this.find(row.token, row.id);
    if (!found) throw new Error(`attempt ${row.id} vanished after insert`);
    return found;
  }

  /** The attempt only when it belongs to `token` (an attempt id of another token is unknown here). */
  async find(token: string, id: string): Promise<CaptureAttemptRecord | null> {
    const r = await this.db
      .selectFrom('capture_attempts')
      .selectAll()
      .where('id', '=', id)
      .where('token', '=', token)
      .executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async list(token: string): Promise<CaptureAttemptRecord[]> {
    const rows = await this.db
      .selectFrom('capture_attempts')
      .selectAll()
      .where('token', '=', token)
      .orderBy('seq')
      .execute();
    return rows.map(toRecord);
  }

  /** Attempts uploaded before `before` and still without a verdict (their job was lost, e.g. by a crash). */
  async listOrphaned(before: Date, limit = 100): Promise<(CaptureAttemptRecord & { timeline: unknown })[]> {
    const rows = await this.db
      .selectFrom('capture_attempts')
      .selectAll()
      .where('state', '=', 'uploaded')
      .where('uploaded_at', '<', before.toISOString())
      .orderBy('uploaded_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...toRecord(r), timeline: json(r.timeline) }));
  }

  /**
   * Consumes the upload nonce: started → uploaded, only with the right nonce hash and only once.
   * Returns false for a wrong, reused or foreign nonce.
   */
  async consumeNonce(token: string, id: string, nonceSha256: string, at: Date): Promise<boolean> {
    const res = await this.db
      .updateTable('capture_attempts')
      .set({ nonce_used: 1, state: 'uploaded', uploaded_at: at.toISOString() })
      .where('id', '=', id)
      .where('token', '=', token)
      .where('nonce_sha256', '=', nonceSha256)
      .where('nonce_used', '=', 0)
      .where('state', '=', 'started')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async setMedia(
    id: string,
    patch: { videoMediaId?: string; bestFrameMediaId?: string; timeline?: unknown },
  ): Promise<void> {
    await this.db
      .updateTable('capture_attempts')
      .set({
        ...(patch.videoMediaId ? { video_media_id: patch.videoMediaId } : {}),
        ...(patch.bestFrameMediaId ? { best_frame_media_id: patch.bestFrameMediaId } : {}),
        ...(patch.timeline === undefined ? {} : { timeline: JSON.stringify(patch.timeline) }),
      })
      .where('id', '=', id)
      .execute();
  }

  /** started | uploaded → passed | failed with the verdict; false when already decided. */
  async decide(
    id: string,
    verdict: { state: 'passed' | 'failed'; resultCode: string; result: unknown; at: Date },
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('capture_attempts')
      .set({
        state: verdict.state,
        result_code: verdict.resultCode,
        result: JSON.stringify(verdict.result),
        finished_at: verdict.at.toISOString(),
      })
      .where('id', '=', id)
      .where('state', 'in', ['started', 'uploaded'])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
