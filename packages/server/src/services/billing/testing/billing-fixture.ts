import { randomBytes } from 'node:crypto';
import { createStore, type Store } from '../../../store/create-store.js';
import type { SessionKind } from '../../../store/database.js';
import { createTestDatabase, type TestDatabase } from '../../../store/testing/test-database.js';
import { createSealer } from '../../secrets/aes-gcm.js';
import {
  SessionsService,
  type FinishHook,
  type SessionRecord,
  type TransitionResult,
} from '../../sessions/sessions-service.js';
import { BillingService } from '../billing-service.js';

/** Test helper: a fresh database (per test file) with the sessions and billing services on it. */
export interface BillingFixture {
  readonly tdb: TestDatabase;
  readonly store: Store;
  /** Billed through BillingService.finishHook(), as in the product. */
  readonly sessions: SessionsService;
  readonly billing: BillingService;
  /** The same sessions on the same database, billed by `hook` instead (crash and audit tests). */
  sessionsBilledBy(hook: FinishHook): SessionsService;
  addApp(appId: string): Promise<void>;
  /** A session of `kind` for `appId`, created a minute before `at` and left in `processing`. */
  processing(appId: string, kind: SessionKind, at: Date): Promise<SessionRecord>;
  /** processing(...) then finish at `at` with `code`, billed through the ledger hook (or `hook`). */
  finishBilled(
    appId: string,
    kind: SessionKind,
    code: string,
    at: Date,
    hook?: FinishHook,
  ): Promise<TransitionResult>;
  ledgerRows(token: string): Promise<number>;
  close(): Promise<void>;
}

export async function openBillingFixture(
  engine: 'sqlite' | 'postgres',
  adminUrl: string,
): Promise<BillingFixture> {
  const tdb = await createTestDatabase(engine, adminUrl);
  // Several PostgreSQL connections, so concurrent calls really run in parallel.
  const store = await createStore(tdb, { poolMax: 8 });
  const sealer = createSealer(randomBytes(32));
  const billing = new BillingService({ db: store.db });
  const sessionsBilledBy = (hook: FinishHook) => new SessionsService({ db: store.db, sealer, billing: hook });
  const sessions = sessionsBilledBy(billing.finishHook());
  const fixture: BillingFixture = {
    tdb,
    store,
    sessions,
    billing,
    sessionsBilledBy,
    async addApp(appId) {
      await store.db
        .insertInto('apps')
        .values({ app_id: appId, name: appId, status: 'activated', created_at: new Date(0).toISOString() })
        .execute();
    },
    async processing(appId, kind, at) {
      const created = new Date(at.getTime() - 60_000);
      const s = await sessions.create({ kind, appId, config: {}, at: created });
      await sessions.start(s.token, created);
      const p = await sessions.beginProcessing(s.token, created, 5);
      if (!p.ok) throw new Error('fixture: session did not reach processing');
      return p.session;
    },
    async finishBilled(appId, kind, code, at, hook) {
      const s = await fixture.processing(appId, kind, at);
      return (hook ? sessionsBilledBy(hook) : sessions).finish(
        s.token,
        { resultCode: code, result: { code } },
        { at },
      );
    },
    async ledgerRows(token) {
      const row = await store.db
        .selectFrom('billing_ledger')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('session_token', '=', token)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async close() {
      await store.close();
      await tdb.drop();
    },
  };
  return fixture;
}
