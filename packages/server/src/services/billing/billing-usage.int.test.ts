import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../store/testing/test-database.js';
import { BillingError } from './billing-entry.js';
import { openBillingFixture, type BillingFixture } from './testing/billing-fixture.js';
import { usageQueryFromDays } from './usage-report.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '3000000001';
const OTHER = '3000000002';
const at = (iso: string) => new Date(iso);

async function reason(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ok',
    (e: unknown) => (e instanceof BillingError ? e.reason : String(e)),
  );
}

describe.each(TEST_ENGINES)('pure-API billing and usage on %s', (engine) => {
  let f: BillingFixture;

  beforeAll(async () => {
    f = await openBillingFixture(engine, ADMIN_URL);
    await f.addApp(APP);
    await f.addApp(OTHER);
  });
  afterAll(async () => {
    await f?.close();
  });

  it('pure-API outcomes bill per request; a retry with the same request id is recorded once', async () => {
    const outcome = {
      appId: APP,
      action: 'CompareFaceLiveness',
      requestId: 'req-1',
      resultCode: 'FailedOperation.CompareLowSimilarity',
      at: at('2026-03-12T10:00:00.000Z'),
    };
    const first = await f.billing.recordPureApiOutcome(outcome);
    expect(first).toMatchObject({
      recorded: true,
      entry: {
        product: 'pure-api',
        requestId: 'req-1',
        sessionToken: null,
        billable: true,
        descriptionInForce: 'The comparison similarity did not reach the passing standard.',
      },
    });
    // Retries, some at once: none adds a row, all see the first.
    const retries = await Promise.all(
      Array.from({ length: 6 }, () =>
        f.billing.recordPureApiOutcome({ ...outcome, at: at('2026-03-12T10:00:05Z') }),
      ),
    );
    expect(retries.every((r) => !r.recorded && r.entry.id === first.entry.id)).toBe(true);
    expect(retries[0]?.entry.finishedAt).toEqual(outcome.at);
    // Same id, different outcome or app: refused rather than silently re-billed or ignored.
    expect(await reason(f.billing.recordPureApiOutcome({ ...outcome, resultCode: 'Success' }))).toBe(
      'request_conflict',
    );
    expect(await reason(f.billing.recordPureApiOutcome({ ...outcome, appId: OTHER }))).toBe(
      'request_conflict',
    );
    // Unknown codes are refused and leave no row.
    expect(
      await reason(f.billing.recordPureApiOutcome({ ...outcome, requestId: 'req-2', resultCode: 'Nope' })),
    ).toBe('unknown_code');
    const rows = await f.store.db
      .selectFrom('billing_ledger')
      .select('request_id')
      .where('request_id', 'in', ['req-1', 'req-2'])
      .execute();
    expect(rows).toEqual([{ request_id: 'req-1' }]);
  });

  it('aggregates by UTC day, by product+code and by product, over a half-open range, one app only', async () => {
    // Finish instants around UTC midnights (and the Beijing-midnight catalog boundary, which must
    // not move a row to another UTC day).
    const sessions = [
      ['faceid-sdk', '0', '2026-03-20T00:00:00.000Z'],
      ['faceid-sdk', '1005', '2026-03-20T15:59:59.999Z'],
      ['faceid-sdk', '1004', '2026-03-20T23:59:59.999Z'],
      ['web', '0', '2026-03-21T00:00:00.000Z'],
      ['web', '1409', '2026-03-21T12:00:00.000Z'],
      ['ekyc-sdk', '2012', '2026-03-22T23:59:59.999Z'],
      // Outside the queried range (next day) and another app's verification.
      ['web', '0', '2026-03-23T00:00:00.000Z'],
    ] as const;
    for (const [kind, code, iso] of sessions) {
      expect((await f.finishBilled(APP, kind, code, at(iso))).ok).toBe(true);
    }
    expect((await f.finishBilled(OTHER, 'web', '0', at('2026-03-21T01:00:00.000Z'))).ok).toBe(true);
    await f.billing.recordPureApiOutcome({
      appId: APP,
      action: 'VideoLivenessCompare',
      requestId: 'req-usage',
      resultCode: 'Success',
      at: at('2026-03-21T23:00:00.000Z'),
    });

    const q = (by: string) =>
      f.billing.usage(usageQueryFromDays({ appId: APP, from: '2026-03-20', to: '2026-03-22', by }));
    const byDay = await q('day');
    expect(byDay.buckets).toEqual([
      { day: '2026-03-20', verifications: 3, billed: 2 },
      { day: '2026-03-21', verifications: 3, billed: 2 },
      { day: '2026-03-22', verifications: 1, billed: 0 },
    ]);
    expect(byDay.total).toEqual({ verifications: 7, billed: 4 });

    expect((await q('code')).buckets).toEqual([
      { product: 'ekyc-sdk', code: '2012', verifications: 1, billed: 0 },
      { product: 'pure-api', code: 'Success', verifications: 1, billed: 1 },
      { product: 'selfie-sdk', code: '0', verifications: 1, billed: 1 },
      { product: 'selfie-sdk', code: '1004', verifications: 1, billed: 0 },
      { product: 'selfie-sdk', code: '1005', verifications: 1, billed: 1 },
      { product: 'web', code: '0', verifications: 1, billed: 1 },
      { product: 'web', code: '1409', verifications: 1, billed: 0 },
    ]);
    expect((await q('product')).buckets).toEqual([
      { product: 'ekyc-sdk', verifications: 1, billed: 0 },
      { product: 'pure-api', verifications: 1, billed: 1 },
      { product: 'selfie-sdk', verifications: 3, billed: 2 },
      { product: 'web', verifications: 2, billed: 1 },
    ]);

    // One-day range: the row at exactly 2026-03-21T00:00Z counts on the 21st, not the 20th.
    const oneDay = await f.billing.usage(
      usageQueryFromDays({ appId: APP, from: '2026-03-21', to: '2026-03-21' }),
    );
    expect(oneDay.total).toEqual({ verifications: 3, billed: 2 });
    const empty = await f.billing.usage(
      usageQueryFromDays({ appId: APP, from: '2019-01-01', to: '2019-12-31' }),
    );
    expect(empty).toMatchObject({ buckets: [], total: { verifications: 0, billed: 0 } });
    expect(
      await reason(
        f.billing.usage({
          appId: APP,
          from: at('2026-03-02T00:00Z'),
          to: at('2026-03-01T00:00Z'),
          by: 'day',
        }),
      ),
    ).toBe('invalid_range');
  });
});
