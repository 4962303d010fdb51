import { describe, expect, it } from 'vitest';
import { BillingError } from './billing-entry.js';
import type { UsageReport } from './billing-service.js';
import { usageJson, usageQueryFromDays, usageTable } from './usage-report.js';

describe('usage report', () => {
  it('turns inclusive UTC days into a half-open instant range', () => {
    expect(usageQueryFromDays({ appId: 'A', from: '2026-03-01', to: '2026-03-31' })).toEqual({
      appId: 'A',
      from: new Date('2026-03-01T00:00:00.000Z'),
      to: new Date('2026-04-01T00:00:00.000Z'),
      by: 'day',
    });
    expect(usageQueryFromDays({ appId: 'A', from: '2026-03-05', to: '2026-03-05', by: 'code' }).to).toEqual(
      new Date('2026-03-06T00:00:00.000Z'),
    );
  });

  it('rejects malformed days, impossible dates, reversed ranges and unknown groupings', () => {
    for (const bad of [
      { from: '2026-3-1', to: '2026-03-02' },
      { from: '2026-02-30', to: '2026-03-02' },
      { from: '2026-03-02', to: '2026-03-01' },
      { from: '2026-03-01', to: '2026-03-02', by: 'hour' },
    ]) {
      expect(() => usageQueryFromDays({ appId: 'A', ...bad })).toThrow(BillingError);
    }
  });

  it('renders JSON with the days as typed and an aligned table with a total line', () => {
    const report: UsageReport = {
      appId: '1234567890',
      from: new Date('2026-03-01T00:00:00.000Z'),
      to: new Date('2026-03-03T00:00:00.000Z'),
      by: 'code',
      buckets: [
        { product: 'selfie-sdk', code: '0', verifications: 12, billed: 12 },
        { product: 'selfie-sdk', code: '1004', verifications: 3, billed: 0 },
      ],
      total: { verifications: 15, billed: 12 },
    };
    expect(usageJson(report)).toEqual({
      app: '1234567890',
      from: '2026-03-01',
      to: '2026-03-02',
      timeZone: 'UTC',
      by: 'code',
      rows: report.buckets,
      total: { verifications: 15, billed: 12 },
    });
    expect(usageTable(report)).toBe(
      'app 1234567890, 2026-03-01 to 2026-03-02 (UTC days, inclusive), by code\n\n' +
        'product     code  verifications  billed\n' +
        'selfie-sdk  0                12      12\n' +
        'selfie-sdk  1004              3       0\n' +
        'total                        15      12\n',
    );
    const empty = usageTable({ ...report, by: 'day', buckets: [], total: { verifications: 0, billed: 0 } });
    expect(empty).toContain('no finished verifications in this period');
    expect(empty).toBe(
      'app 1234567890, 2026-03-01 to 2026-03-02 (UTC days, inclusive), by day\n\n' +
        'no finished verifications in this period\n\n' +
        'day    verifications  billed\n' +
        'total              0       0\n',
    );
  });
});
