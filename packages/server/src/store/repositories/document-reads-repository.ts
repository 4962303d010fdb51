import type { Kysely, Selectable } from 'kysely';
import type { CardInfoKey } from '@open-ekyc/contract';
import type { Database, DocumentReadsTable } from '../database.js';
import type { DocumentReadRecord, EditRecord } from '../../services/documents/document-types.js';

export type NewDocumentRead = Omit<DocumentReadRecord, 'edits' | 'confirmedAt'>;

function toRecord(r: Selectable<DocumentReadsTable>): DocumentReadRecord {
  return {
    id: r.id,
    token: r.token,
    side: r.side,
    state: r.state,
    cardType: r.card_type as CardInfoKey,
    code: r.code,
    message: r.message,
    warnings: JSON.parse(r.warnings) as number[],
    fields: JSON.parse(r.fields) as Record<string, string | null>,
    invalidFields: JSON.parse(r.invalid_fields) as string[],
    imageMediaId: r.image_media_id,
    cutMediaId: r.cut_media_id,
    portraitMediaId: r.portrait_media_id,
    edits: r.edits === null ? null : (JSON.parse(r.edits) as EditRecord[]),
    confirmedAt: r.confirmed_at === null ? null : new Date(r.confirmed_at),
    createdAt: new Date(r.created_at),
  };
}

/** SQLite and PostgreSQL name a unique-index violation differently. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Document reads of the capture sessions' document step. Accepts a Kysely instance or a
 * transaction. Confirming is one guarded UPDATE (a passed front read, not yet confirmed, in a
 * session with no confirmed read) backed by a partial unique index, so a session ends up with at
 * most one confirmed read whatever concurrent confirms do.
 */
export class DocumentReadsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(read: NewDocumentRead): Promise<DocumentReadRecord> {
    const prev = await this.db
      .selectFrom('document_reads')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('token', '=', read.token)
      .executeTakeFirst();
    const row: DocumentReadsTable = {
      id: read.id,
      token: read.token,
      seq: Number(prev?.m ?? 0) + 1,
      side: read.side,
      state: read.state,
      card_type: read.cardType,
      code: read.code,
      message: read.message,
      warnings: JSON.stringify(read.warnings),
      fields: JSON.stringify(read.fields),
      invalid_fields: JSON.stringify(read.invalidFields),
      image_media_id: read.imageMediaId,
      cut_media_id: read.cutMediaId,
      portrait_media_id: read.portraitMediaId,
      edits: null,
      confirmed_at: null,
      created_at: read.createdAt.toISOString(),
    };
    await this.db.insertInto('document_reads').values(row).execute();
    return toRecord(row);
  }

  /** The session's reads in the order they were taken. */
  async list(token: string): Promise<DocumentReadRecord[]> {
    const rows = await this.db
      .selectFrom('document_reads')
      .selectAll()
      .where('token', '=', token)
      .orderBy('seq')
      .execute();
    return rows.map(toRecord);
  }

  /** The read only when it belongs to `token` (another session's read id is unknown here). */
  async find(token: string, id: string): Promise<DocumentReadRecord | null> {
    const row = await this.db
      .selectFrom('document_reads')
      .selectAll()
      .where('id', '=', id)
      .where('token', '=', token)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The session's confirmed read, if any. */
  async confirmed(token: string): Promise<DocumentReadRecord | null> {
    const row = await this.db
      .selectFrom('document_reads')
      .selectAll()
      .where('token', '=', token)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /**
   * Confirms a passed front read with the user's corrections. False when the read is not a passed
   * front of this token, is already confirmed, or the session already has a confirmed read.
   */
  async confirm(token: string, id: string, edits: readonly EditRecord[], at: Date): Promise<boolean> {
    try {
      const res = await this.db
        .updateTable('document_reads')
        .set({ edits: JSON.stringify(edits), confirmed_at: at.toISOString() })
        .where('id', '=', id)
        .where('token', '=', token)
        .where('side', '=', 'front')
        .where('state', '=', 'passed')
        .where('confirmed_at', 'is', null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('document_reads as other')
                .select('other.id')
                .where('other.token', '=', token)
                .where('other.confirmed_at', 'is not', null),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }
}
