import { BillingError } from './billing-entry.js';
import type { UsageGrouping, UsageQuery, UsageReport } from './billing-service.js';

/**
 * The usage query as people type it (`ekyc usage`, `/console/api/usage`): whole UTC days, both ends
 * inclusive, so `--from 2026-03-01 --to 2026-03-31` is all of March. Shared so the CLI and the
 * console answer the same question with the same JSON.
 */

export const USAGE_GROUPINGS: readonly UsageGrouping[] = ['day', 'code', 'product'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function parseDay(value: string, name: string): Date {
  const d = new Date(`${value}T00:00:00.000Z`);
  // Round-trip check rejects 2026-02-30 and friends, which Date would roll over.
  if (!DAY.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new BillingError('invalid_range', `${name} must be a date YYYY-MM-DD, got "${value}"`);
  }
  return d;
}

/** Days (YYYY-MM-DD, UTC, inclusive) and grouping → a service query; BillingError('invalid_range') when malformed. */
export function usageQueryFromDays(input: {
  appId: string;
  from: string;
  to: string;
  by?: string | undefined;
}): UsageQuery {
  const by = input.by ?? 'day';
  if (!(USAGE_GROUPINGS as readonly string[]).includes(by)) {
    throw new BillingError('invalid_range', `by must be one of ${USAGE_GROUPINGS.join(', ')}, got "${by}"`);
  }
  const from = parseDay(input.from, 'from');
  const lastDay = parseDay(input.to, 'to');
  if (lastDay < from) throw new BillingError('invalid_range', '"to" must not be before "from"');
  return { appId: input.appId, from, to: new Date(lastDay.getTime() + DAY_MS), by: by as UsageGrouping };
}

/** The JSON of `ekyc usage --json` and `/console/api/usage`: days as typed (inclusive), UTC. */
export function usageJson(report: UsageReport) {
  return {
    app: report.appId,
    from: report.from.toISOString().slice(0, 10),
    to: new Date(report.to.getTime() - DAY_MS).toISOString().slice(0, 10),
    timeZone: 'UTC',
    by: report.by,
    rows: report.buckets.map((b) => ({ ...b })),
    total: { ...report.total },
  };
}

/** A readable table: key columns left-aligned, counts right-aligned, a total line at the end. */
export function usageTable(report: UsageReport): string {
  const json = usageJson(report);
  const keys: readonly ('day' | 'product' | 'code')[] =
    report.by === 'day' ? ['day'] : report.by === 'code' ? ['product', 'code'] : ['product'];
  const header = [...keys, 'verifications', 'billed'];
  const body = report.buckets.map((b) => [
    ...keys.map((k) => b[k] ?? ''),
    String(b.verifications),
    String(b.billed),
  ]);
  const total = [
    'total',
    ...keys.slice(1).map(() => ''),
    String(report.total.verifications),
    String(report.total.billed),
  ];
  const lines = [header, ...body, total];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (i < keys.length ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const title = `app ${json.app}, ${json.from} to ${json.to} (UTC days, inclusive), by ${json.by}\n\n`;
  const empty = report.buckets.length === 0 ? 'no finished verifications in this period\n\n' : '';
  return `${title}${empty}${lines.map(render).join('\n')}\n`;
}
