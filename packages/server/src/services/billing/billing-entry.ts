import { CatalogError, codeInForce, type Product } from '@open-ekyc/contract';
import type { SessionKind } from '../../store/database.js';

/** What the ledger records about a result code: the catalog row in force when the verification finished. */
export interface BillingEntry {
  readonly product: Product;
  readonly code: string;
  readonly billable: boolean;
  readonly description: string;
  /** effectiveFrom of the applied row (null = the undated original row). */
  readonly effectiveFrom: string | null;
}

export class BillingError extends Error {
  constructor(
    readonly reason: 'unknown_code' | 'not_billed_server_side' | 'request_conflict' | 'invalid_range',
    message: string,
  ) {
    super(message);
    this.name = 'BillingError';
  }
}

/**
 * The product whose result-code table a session kind reports in (INTERFACES.md §5, PRODUCT_TITLES):
 * web → GetWebVerificationResultIntl.ErrorCode; faceid-sdk → GetFaceIdResultIntl.Result;
 * ekyc-sdk → GetSdkVerificationResult. The liveness-only SDK (ApplyLivenessToken/GetLivenessResult)
 * has no table of its own; its result example in the spec ("1001", "Failed to call the liveness
 * engine", §7 GetLivenessResult) is the selfie-sdk row, so it bills as selfie-sdk.
 */
export const SESSION_PRODUCTS: Readonly<Record<SessionKind, Product>> = Object.freeze({
  web: 'web',
  'faceid-sdk': 'selfie-sdk',
  'ekyc-sdk': 'ekyc-sdk',
  'liveness-sdk': 'selfie-sdk',
});

/**
 * The billing of `code` for `product` at `finishedAt`, from the catalog row in force then (the
 * 2026-03-10 adjustment applies from Beijing midnight, see codes/README.md). A code the product does
 * not have at that time is an error, never a silent bill or a silent free pass: the caller's
 * transaction (a session finish) rolls back instead.
 */
export function billingEntryFor(product: Product, code: string, finishedAt: Date): BillingEntry {
  // Client SDK codes never reach the server (codes/README.md choice 6); billing one is a bug.
  if (product === 'sdk-client') {
    throw new BillingError('not_billed_server_side', `sdk-client codes are not billed (code ${code})`);
  }
  let row;
  try {
    row = codeInForce(product, code, finishedAt);
  } catch (err) {
    if (err instanceof CatalogError) throw new BillingError('unknown_code', err.message);
    throw err;
  }
  if (!row) {
    throw new BillingError(
      'unknown_code',
      `no catalog row for ${product} code "${code}" in force at ${finishedAt.toISOString()}`,
    );
  }
  return {
    product,
    code: row.code,
    billable: row.billable,
    description: row.description,
    effectiveFrom: row.effectiveFrom,
  };
}
