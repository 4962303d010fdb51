import type { Kysely } from 'kysely';
import type { Product } from '@open-ekyc/contract';
import type { Database } from '../../store/database.js';
import {
  BillingLedgerRepository,
  type LedgerEntry,
  type UsageBucket,
  type UsageGrouping,
} from '../../store/repositories/billing-ledger-repository.js';
import type { FinishHook, SessionRecord } from '../sessions/sessions-service.js';
import { BillingError, SESSION_PRODUCTS, billingEntryFor } from './billing-entry.js';

export type { LedgerEntry, UsageBucket, UsageGrouping };

export interface PureApiOutcome {
  readonly appId: string;
  /** The action name, e.g. "CompareFaceLiveness". */
  readonly action: string;
  /** The RequestId of the call (spec §3.9); a retry that reuses it is recorded once. */
  readonly requestId: string;
  /** The catalog code of the outcome: "Success", "FailedOperation.CompareLowSimilarity", ... */
  readonly resultCode: string;
  readonly at: Date;
  /** Defaults to pure-api (INTERFACES.md §5). */
  readonly product?: Product;
}

export interface UsageQuery {
  readonly appId: string;
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  readonly by: UsageGrouping;
}

export interface UsageReport extends UsageQuery {
  readonly buckets: readonly UsageBucket[];
  readonly total: { readonly verifications: number; readonly billed: number };
}

/**
 * The billing ledger (issue "Result-code catalog and billing ledger", part 3). Sessions are billed
 * by `finishHook`, inside SessionsService.finish's transaction, so the final state and the ledger row
 * commit or roll back together; pure-API actions, which have no session, by `recordPureApiOutcome`.
 */
export class BillingService {
  constructor(private readonly deps: { readonly db: Kysely<Database> }) {}

  /**
   * The `billing` dependency of SessionsService (`new SessionsService({ ..., billing: billing.finishHook() })`): every finish runs it. Writes the
   * session's ledger row with the catalog row in force at its finished_at. Throws (rolling the
   * finish back) on an unknown code or when the session already has a row (unique token).
   */
  finishHook(opts: { readonly requestId?: string; readonly product?: Product } = {}): FinishHook {
    return async (trx: Kysely<Database>, session: SessionRecord) => {
      if (session.resultCode === null || session.finishedAt === null) {
        throw new Error(`session ${session.token} reached the billing hook without a result`);
      }
      const entry = billingEntryFor(
        opts.product ?? SESSION_PRODUCTS[session.kind],
        session.resultCode,
        session.finishedAt,
      );
      await new BillingLedgerRepository(trx).insert({
        appId: session.appId,
        product: entry.product,
        action: session.kind,
        sessionToken: session.token,
        requestId: opts.requestId ?? null,
        resultCode: entry.code,
        billable: entry.billable,
        descriptionInForce: entry.description,
        catalogEffectiveFrom: entry.effectiveFrom,
        finishedAt: session.finishedAt,
      });
    };
  }

  /**
   * Bills one pure-API request (CompareFaceLiveness, VideoLivenessCompare, ...: they bill per call).
   * Idempotent on the request id: a second call with the same id inserts nothing and returns the
   * first row (`recorded: false`); one that disagrees with it (other app, action or code) throws,
   * since either answer would bill something that did not happen.
   */
  async recordPureApiOutcome(o: PureApiOutcome): Promise<{ entry: LedgerEntry; recorded: boolean }> {
    const entry = billingEntryFor(o.product ?? 'pure-api', o.resultCode, o.at);
    const repo = this.repo();
    const recorded = await repo.insertForRequest({
      appId: o.appId,
      product: entry.product,
      action: o.action,
      sessionToken: null,
      requestId: o.requestId,
      resultCode: entry.code,
      billable: entry.billable,
      descriptionInForce: entry.description,
      catalogEffectiveFrom: entry.effectiveFrom,
      finishedAt: o.at,
    });
    const stored = await repo.findByRequest(o.requestId);
    if (!stored) throw new Error(`ledger row for request ${o.requestId} vanished`);
    if (
      !recorded &&
      (stored.appId !== o.appId ||
        stored.action !== o.action ||
        stored.resultCode !== entry.code ||
        stored.product !== entry.product)
    ) {
      throw new BillingError(
        'request_conflict',
        `request ${o.requestId} is already billed as ${stored.appId}/${stored.action}/${stored.resultCode}`,
      );
    }
    return { entry: stored, recorded };
  }

  /** The session's ledger row (null: not finished, or finished before billing existed). */
  async sessionEntry(token: string): Promise<LedgerEntry | null> {
    return this.repo().findBySession(token);
  }

  /**
   * `ChargeCount` of the Get*Result actions (spec §7 GetSdkVerificationResult): how many billable
   * verifications the token stands for. One ledger row per session, so 0 or 1.
   */
  async chargeCount(token: string): Promise<number> {
    return (await this.sessionEntry(token))?.billable ? 1 : 0;
  }

  async usage(q: UsageQuery): Promise<UsageReport> {
    if (Number.isNaN(q.from.getTime()) || Number.isNaN(q.to.getTime()) || q.from >= q.to) {
      throw new BillingError('invalid_range', 'usage: "from" must be before "to"');
    }
    const buckets = await this.repo().usage(q.appId, q.from.toISOString(), q.to.toISOString(), q.by);
    const total = buckets.reduce(
      (t, b) => ({ verifications: t.verifications + b.verifications, billed: t.billed + b.billed }),
      { verifications: 0, billed: 0 },
    );
    return { ...q, buckets, total };
  }

  /** Finished sessions with no ledger row (should be none); for audits and tests. */
  async finishedSessionsWithoutEntry(limit?: number): Promise<string[]> {
    return this.repo().finishedSessionsWithoutEntry(limit);
  }

  private repo(): BillingLedgerRepository {
    return new BillingLedgerRepository(this.deps.db);
  }
}
