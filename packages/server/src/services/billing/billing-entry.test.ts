import { describe, expect, it } from 'vitest';
import { BillingError, billingEntryFor } from './billing-entry.js';

// The 2026-03-10 adjustment applies from Beijing midnight (codes/README.md choice 4).
const LAST_OLD = new Date('2026-03-09T15:59:59.999Z');
const FIRST_NEW = new Date('2026-03-09T16:00:00.000Z');

function reason(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return err instanceof BillingError ? err.reason : String(err);
  }
}

describe('billingEntryFor', () => {
  it('ekyc-sdk 2012 flips from billed to free at Beijing midnight of 2026-03-10, with the new description', () => {
    expect(billingEntryFor('ekyc-sdk', '2012', LAST_OLD)).toEqual({
      product: 'ekyc-sdk',
      code: '2012',
      billable: true,
      description: 'Failed to detect a full face',
      effectiveFrom: null,
    });
    expect(billingEntryFor('ekyc-sdk', '2012', FIRST_NEW)).toEqual({
      product: 'ekyc-sdk',
      code: '2012',
      billable: false,
      description: 'Multiple faces detected',
      effectiveFrom: '2026-03-10',
    });
  });

  it('codes added on 2026-03-10 bill from then and are refused (not silently billed) before', () => {
    expect(billingEntryFor('selfie-sdk', '1005', FIRST_NEW)).toMatchObject({
      billable: true,
      description: 'Liveness detection failed',
      effectiveFrom: '2026-03-10',
    });
    expect(reason(() => billingEntryFor('selfie-sdk', '1005', LAST_OLD))).toBe('unknown_code');
    expect(billingEntryFor('web', '1409', FIRST_NEW)).toMatchObject({
      billable: false,
      description: 'Verification process timed out',
    });
    expect(reason(() => billingEntryFor('web', '1409', LAST_OLD))).toBe('unknown_code');
  });

  it('undated rows apply on both sides of the date; a description-only change keeps the billing', () => {
    expect(billingEntryFor('web', '0', LAST_OLD)).toMatchObject({ billable: true, effectiveFrom: null });
    expect(billingEntryFor('web', '0', FIRST_NEW)).toMatchObject({ billable: true, effectiveFrom: null });
    expect(billingEntryFor('selfie-sdk', '1001', LAST_OLD)).toMatchObject({
      billable: false,
      description: 'System error',
    });
    expect(billingEntryFor('selfie-sdk', '1001', FIRST_NEW)).toMatchObject({
      billable: false,
      description: 'Failed to call the liveness engine',
    });
    expect(billingEntryFor('pure-api', 'FailedOperation.CompareLowSimilarity', LAST_OLD).billable).toBe(true);
    expect(billingEntryFor('pure-api', 'FailedOperation.SilentThreshold', LAST_OLD).billable).toBe(false);
  });

  it('unknown codes, client-SDK codes and invalid dates are errors', () => {
    expect(reason(() => billingEntryFor('web', '99999', FIRST_NEW))).toBe('unknown_code');
    expect(reason(() => billingEntryFor('pure-api', '0', FIRST_NEW))).toBe('unknown_code');
    expect(reason(() => billingEntryFor('sdk-client', '210', FIRST_NEW))).toBe('not_billed_server_side');
    expect(() => billingEntryFor('web', '0', new Date(Number.NaN))).toThrow(RangeError);
  });
});
