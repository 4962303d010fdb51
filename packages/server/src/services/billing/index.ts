export { BillingError, SESSION_PRODUCTS, billingEntryFor, type BillingEntry } from './billing-entry.js';
export {
  BillingService,
  type LedgerEntry,
  type PureApiOutcome,
  type UsageBucket,
  type UsageGrouping,
  type UsageQuery,
  type UsageReport,
} from './billing-service.js';
export { USAGE_GROUPINGS, usageJson, usageQueryFromDays, usageTable } from './usage-report.js';
