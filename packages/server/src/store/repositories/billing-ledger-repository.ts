import { sql, type Kysely, type Selectable } from 'kysely';
import type { BillingLedgerTable, Database } from '../database.js';

export interface LedgerEntry {
  readonly id: number;
  readonly appId: string;
  readonly product: string;
  readonly action: string;
  readonly sessionToken: string | null;
  readonly requestId: string | null;
  readonly resultCode: string;
  readonly billable: boolean;
  readonly descriptionInForce: string;
  readonly catalogEffectiveFrom: string | null;
  readonly finishedAt: Date;
}

export type NewLedgerEntry = Omit<LedgerEntry, 'id'>;

export type UsageGrouping = 'day' | 'code' | 'product';

/** One bucket of a usage query. `day` is the UTC date (YYYY-MM-DD). */
export interface UsageBucket {
  readonly day?: string;
  readonly product?: string;
  readonly code?: string;
  readonly verifications: number;
  readonly billed: number;
}

function toEntry(row: Selectable<BillingLedgerTable>): LedgerEntry {
  return {
    // PostgreSQL returns bigint (the identity column) as a string.
    id: Number(row.id),
    appId: row.app_id,
    product: row.product,
    action: row.action,
    sessionToken: row.session_token,
    requestId: row.request_id,
    resultCode: row.result_code,
    billable: Number(row.billable) === 1,
    descriptionInForce: row.description_in_force,
    catalogEffectiveFrom: row.catalog_effective_from,
    finishedAt: new Date(row.finished_at),
  };
}

function toRow(e: NewLedgerEntry) {
  return {
    app_id: e.appId,
    product: e.product,
    action: e.action,
    session_token: e.sessionToken,
    request_id: e.requestId,
    result_code: e.resultCode,
    billable: e.billable ? 1 : 0,
    description_in_force: e.descriptionInForce,
    catalog_effective_from: e.catalogEffectiveFrom,
    finished_at: e.finishedAt.toISOString(),
  };
}

/**
 * finished_at is `Date#toISOString()` text (always UTC, fixed width), so its first ten characters
 * are the UTC day on both engines: no time-zone functions, which SQLite and PostgreSQL spell differently.
 */
const UTC_DAY = sql<string>`substr(finished_at, 1, 10)`;

/** Sorts by code units in JS: PostgreSQL's ORDER BY follows the database collation, SQLite's does not. */
function sortBy<T>(items: T[], key: (item: T) => string): T[] {
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Accepts a Kysely instance or a transaction (finish hooks pass the session's transaction). */
export class BillingLedgerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Plain insert: a second row for the same session token violates the unique index and throws. */
  async insert(entry: NewLedgerEntry): Promise<LedgerEntry> {
    const row = await this.db
      .insertInto('billing_ledger')
      .values(toRow(entry))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEntry(row);
  }

  /** Insert unless a row with this request id exists; true when this call inserted it. */
  async insertForRequest(entry: NewLedgerEntry & { requestId: string }): Promise<boolean> {
    const res = await this.db
      .insertInto('billing_ledger')
      .values(toRow(entry))
      .onConflict((oc) => oc.column('request_id').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async findBySession(token: string): Promise<LedgerEntry | null> {
    const row = await this.db
      .selectFrom('billing_ledger')
      .selectAll()
      .where('session_token', '=', token)
      .executeTakeFirst();
    return row ? toEntry(row) : null;
  }

  async findByRequest(requestId: string): Promise<LedgerEntry | null> {
    const row = await this.db
      .selectFrom('billing_ledger')
      .selectAll()
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    return row ? toEntry(row) : null;
  }

  /** Rows of one app with fromIso <= finished_at < toIso, grouped; buckets in ascending key order. */
  async usage(appId: string, fromIso: string, toIso: string, by: UsageGrouping): Promise<UsageBucket[]> {
    const base = this.db
      .selectFrom('billing_ledger')
      .where('app_id', '=', appId)
      .where('finished_at', '>=', fromIso)
      .where('finished_at', '<', toIso)
      .select((eb) => [
        eb.fn.countAll<number | string>().as('verifications'),
        eb.fn.sum<number | string>('billable').as('billed'),
      ]);
    // count/sum come back as strings on PostgreSQL (bigint/numeric).
    const counts = (r: { verifications: number | string; billed: number | string | null }) => ({
      verifications: Number(r.verifications),
      billed: Number(r.billed ?? 0),
    });
    switch (by) {
      case 'day': {
        const rows = await base.select(UTC_DAY.as('day')).groupBy(UTC_DAY).orderBy(UTC_DAY).execute();
        return rows.map((r) => ({ day: r.day, ...counts(r) }));
      }
      case 'code': {
        // Codes repeat across products ("0" is success in several), so a code bucket is per product.
        const rows = await base
          .select(['product', 'result_code'])
          .groupBy(['product', 'result_code'])
          .execute();
        return sortBy(
          rows.map((r) => ({ product: r.product, code: r.result_code, ...counts(r) })),
          (b) => `${b.product}\u0000${b.code}`,
        );
      }
      case 'product': {
        const rows = await base.select('product').groupBy('product').execute();
        return sortBy(
          rows.map((r) => ({ product: r.product, ...counts(r) })),
          (b) => b.product,
        );
      }
    }
  }

  /**
   * Audit: finished sessions without a ledger row. Empty by construction when every finish goes
   * through the billing hook; a non-empty answer names sessions finished some other way.
   */
  async finishedSessionsWithoutEntry(limit = 100): Promise<string[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .leftJoin('billing_ledger', 'billing_ledger.session_token', 'sessions.token')
      .select('sessions.token')
      .where('sessions.state', '=', 'finished')
      .where('billing_ledger.id', 'is', null)
      .orderBy('sessions.token')
      .limit(limit)
      .execute();
    return rows.map((r) => r.token);
  }
}
