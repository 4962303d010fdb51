import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { PureApiResultsRepository } from '../../store/repositories/pure-api-results-repository.js';
import { BillingService } from '../billing/billing-service.js';
import type { PureApiOutcome } from './pure-api-outcome.js';

export interface RecordInput {
  readonly appId: string;
  readonly requestId: string;
  readonly action: string;
  readonly outcome: PureApiOutcome;
  readonly bestFrameMediaId: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly at: Date;
}

/**
 * Writes a request's result and its billing ledger row in ONE transaction: a crash or error between
 * the two leaves neither, so there is never a billed row without a result or a result without its
 * row. Both are keyed by the RequestId, and both writes are idempotent on it (a replay records once).
 */
export async function recordPureApiResult(db: Kysely<Database>, r: RecordInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await new PureApiResultsRepository(trx).insert({
      requestId: r.requestId,
      appId: r.appId,
      action: r.action,
      resultCode: r.outcome.code,
      description: r.outcome.description,
      sim: r.outcome.sim,
      bestFrameMediaId: r.bestFrameMediaId,
      detail: r.detail,
      finishedAt: r.at,
    });
    // services/billing: the catalog row in force at `at` decides billable; unique on request_id.
    await new BillingService({ db: trx }).recordPureApiOutcome({
      appId: r.appId,
      action: r.action,
      requestId: r.requestId,
      resultCode: r.outcome.code,
      at: r.at,
    });
  });
}
