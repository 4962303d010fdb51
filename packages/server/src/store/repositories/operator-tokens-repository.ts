import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

export interface OperatorTokenRow {
  readonly id: string;
  readonly name: string;
  readonly tokenSha256: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export class OperatorTokensRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Omit<OperatorTokenRow, 'lastUsedAt'>): Promise<void> {
    await this.db
      .insertInto('operator_tokens')
      .values({
        id: row.id,
        name: row.name,
        token_sha256: row.tokenSha256,
        created_at: row.createdAt.toISOString(),
        last_used_at: null,
      })
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('operator_tokens')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every stored hash with its id (operators are few; the caller compares each in constant time). */
  async hashes(): Promise<{ id: string; tokenSha256: string }[]> {
    const rows = await this.db.selectFrom('operator_tokens').select(['id', 'token_sha256']).execute();
    return rows.map((r) => ({ id: r.id, tokenSha256: r.token_sha256 }));
  }

  /** Records use, at most once per `minIntervalMs`, so busy consoles do not write on every request. */
  async touch(id: string, at: Date, minIntervalMs: number): Promise<void> {
    const before = new Date(at.getTime() - minIntervalMs).toISOString();
    await this.db
      .updateTable('operator_tokens')
      .set({ last_used_at: at.toISOString() })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', before)]))
      .execute();
  }

  async find(id: string): Promise<OperatorTokenRow | null> {
    const r = await this.db.selectFrom('operator_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return r
      ? {
          id: r.id,
          name: r.name,
          tokenSha256: r.token_sha256,
          createdAt: new Date(r.created_at),
          lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at),
        }
      : null;
  }
}
