import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../store/testing/test-database.js';
import { BillingError } from './billing-entry.js';
import { openBillingFixture, type BillingFixture } from './testing/billing-fixture.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '2000000001';
// The adjustment applies from 2026-03-10 00:00 Beijing time = 2026-03-09T16:00:00Z (codes/README.md).
const BEFORE = new Date('2026-03-09T15:59:59.999Z');
const AFTER = new Date('2026-03-09T16:00:00.000Z');
const LATER = new Date('2026-04-01T08:00:00.000Z');

describe.each(TEST_ENGINES)('billing ledger on %s', (engine) => {
  let f: BillingFixture;

  beforeAll(async () => {
    f = await openBillingFixture(engine, ADMIN_URL);
    await f.addApp(APP);
  });
  afterAll(async () => {
    await f?.close();
  });

  it('bills each finished session by the catalog row in force when it finished (injected clock)', async () => {
    const cases = [
      // ekyc-sdk 2012: billed "Failed to detect a full face" before, free "Multiple faces detected" after.
      {
        kind: 'ekyc-sdk',
        code: '2012',
        at: BEFORE,
        billable: true,
        desc: 'Failed to detect a full face',
        from: null,
      },
      {
        kind: 'ekyc-sdk',
        code: '2012',
        at: AFTER,
        billable: false,
        desc: 'Multiple faces detected',
        from: '2026-03-10',
      },
      // selfie-sdk 1005 exists (and bills) only from the date; before it the liveness catch-all 1004 (free).
      {
        kind: 'faceid-sdk',
        code: '1005',
        at: AFTER,
        billable: true,
        desc: 'Liveness detection failed',
        from: '2026-03-10',
      },
      {
        kind: 'faceid-sdk',
        code: '1004',
        at: BEFORE,
        billable: false,
        desc: 'Liveness detection and face comparison failed',
        from: null,
      },
      // The liveness-only SDK bills as selfie-sdk; 1001 changed only its description.
      { kind: 'liveness-sdk', code: '1001', at: BEFORE, billable: false, desc: 'System error', from: null },
      {
        kind: 'liveness-sdk',
        code: '1001',
        at: LATER,
        billable: false,
        desc: 'Failed to call the liveness engine',
        from: '2026-03-10',
      },
      // web 1409 (timeout) was added, not billed.
      {
        kind: 'web',
        code: '1409',
        at: LATER,
        billable: false,
        desc: 'Verification process timed out',
        from: '2026-03-10',
      },
      { kind: 'web', code: '0', at: BEFORE, billable: true, desc: 'Success', from: null },
    ] as const;
    for (const c of cases) {
      const done = await f.finishBilled(APP, c.kind, c.code, c.at);
      expect(done.ok).toBe(true);
      const token = done.session?.token ?? '';
      const entry = await f.billing.sessionEntry(token);
      expect(entry, `${c.kind} ${c.code} at ${c.at.toISOString()}`).toMatchObject({
        appId: APP,
        action: c.kind,
        sessionToken: token,
        resultCode: c.code,
        billable: c.billable,
        descriptionInForce: c.desc,
        catalogEffectiveFrom: c.from,
        finishedAt: c.at,
      });
      expect(await f.billing.chargeCount(token)).toBe(c.billable ? 1 : 0);
    }
    expect(await f.billing.chargeCount('no-such-token')).toBe(0);
    expect(await f.billing.finishedSessionsWithoutEntry()).toEqual([]);
  });

  it('a code not in force at the finish instant rolls the finish back: nothing finished, nothing billed', async () => {
    const s = await f.processing(APP, 'faceid-sdk', BEFORE);
    await expect(
      f.sessions.finish(s.token, { resultCode: '1005', result: {} }, { at: BEFORE }),
    ).rejects.toBeInstanceOf(BillingError);
    expect((await f.sessions.get(s.token, BEFORE))?.state).toBe('processing');
    expect(await f.ledgerRows(s.token)).toBe(0);
    // The documented code of that time finishes and bills normally.
    const ok = await f.sessions.finish(s.token, { resultCode: '1004', result: {} }, { at: BEFORE });
    expect(ok.ok).toBe(true);
    expect(await f.ledgerRows(s.token)).toBe(1);
  });

  it('crash safety: when the ledger insert fails inside the finish transaction, the session stays unfinished', async () => {
    const s = await f.processing(APP, 'ekyc-sdk', LATER);
    // A row already holding this token makes the hook's insert hit the unique index mid-transaction.
    await f.store.db
      .insertInto('billing_ledger')
      .values({
        app_id: APP,
        product: 'ekyc-sdk',
        action: 'planted',
        session_token: s.token,
        request_id: null,
        result_code: '0',
        billable: 1,
        description_in_force: 'planted',
        catalog_effective_from: null,
        finished_at: LATER.toISOString(),
      })
      .execute();
    await expect(
      f.sessions.finish(s.token, { resultCode: '0', result: {} }, { at: LATER }),
    ).rejects.toThrow();
    const after = await f.sessions.get(s.token, LATER);
    expect(after).toMatchObject({ state: 'processing', resultCode: null, finishedAt: null });
    expect(await f.ledgerRows(s.token)).toBe(1);
    expect((await f.billing.sessionEntry(s.token))?.action).toBe('planted');
  });

  it('crash safety: a failure after the ledger write rolls back both the row and the final state', async () => {
    const s = await f.processing(APP, 'web', LATER);
    const billingHook = f.billing.finishHook();
    const crashing = f.sessionsBilledBy(async (trx, session) => {
      await billingHook(trx, session);
      // The row is there inside the transaction...
      const inside = await trx
        .selectFrom('billing_ledger')
        .select('result_code')
        .where('session_token', '=', session.token)
        .execute();
      expect(inside).toEqual([{ result_code: '0' }]);
      // ...then the process "dies" before commit.
      throw new Error('crash before commit');
    });
    await expect(crashing.finish(s.token, { resultCode: '0', result: {} }, { at: LATER })).rejects.toThrow(
      'crash before commit',
    );
    expect((await f.sessions.get(s.token, LATER))?.state).toBe('processing');
    expect(await f.ledgerRows(s.token)).toBe(0);
    expect(await f.billing.chargeCount(s.token)).toBe(0);
  });

  it('concurrent finishes of one session: one winner, exactly one ledger row, matching the stored verdict', async () => {
    const s = await f.processing(APP, 'ekyc-sdk', LATER);
    const codes = ['0', '1001', '2012', '1005', '0', '1002', '2017', '1201'];
    const results = await Promise.allSettled(
      codes.map((code, i) =>
        f.sessions.finish(
          s.token,
          { resultCode: code, result: { i } },
          { at: new Date(LATER.getTime() + i) },
        ),
      ),
    );
    const winners = results.filter((r) => r.status === 'fulfilled' && r.value.ok);
    expect(winners).toHaveLength(1);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await f.ledgerRows(s.token)).toBe(1);
    const stored = await f.sessions.get(s.token, LATER);
    const entry = await f.billing.sessionEntry(s.token);
    expect(stored?.state).toBe('finished');
    expect(entry?.resultCode).toBe(stored?.resultCode);
    expect(entry?.finishedAt.getTime()).toBe(stored?.finishedAt?.getTime());
    expect(await f.billing.finishedSessionsWithoutEntry()).toEqual([]);
  });

  it('the audit names a session finished without the billing hook (so the checks above can fail)', async () => {
    const s = await f.processing(APP, 'web', LATER);
    // Only a deliberately broken wiring (a hook that writes nothing) can finish a session unbilled now.
    await f.sessionsBilledBy(async () => {}).finish(s.token, { resultCode: '0', result: {} }, { at: LATER });
    expect(await f.billing.finishedSessionsWithoutEntry()).toEqual([s.token]);
    // Tidy up so later tests in this file start from a clean audit.
    await f.store.db.deleteFrom('sessions').where('token', '=', s.token).execute();
  });
});
