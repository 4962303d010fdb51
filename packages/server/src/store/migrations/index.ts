import type { StoreMigration } from './migration.js';
import { m0001Initial } from './0001-initial.js';
import { m0002BillingLedger } from './0002-billing-ledger.js';
import { m0003OperatorTokens } from './0003-operator-tokens.js';
import { m0004PureApiResults } from './0004-pure-api-results.js';
import { m0005CaptureAttempts } from './0005-capture-attempts.js';
import { m0006DocumentReads } from './0006-document-reads.js';

export type { StoreMigration } from './migration.js';

/** Every migration, in order. Adding one: a new file in this folder and one line here. */
export const MIGRATIONS: readonly StoreMigration[] = [
  m0001Initial,
  m0002BillingLedger,
  m0003OperatorTokens,
  m0004PureApiResults,
  m0005CaptureAttempts,
  m0006DocumentReads,
];
