import common from './common.json' with { type: 'json' };
import web from './web.json' with { type: 'json' };
import selfieSdk from './selfie-sdk.json' with { type: 'json' };
import pureApi from './pure-api.json' with { type: 'json' };
import ekycSdk from './ekyc-sdk.json' with { type: 'json' };
import mainland from './mainland.json' with { type: 'json' };
import sdkClient from './sdk-client.json' with { type: 'json' };
import {
  CatalogError,
  PRODUCTS,
  parseCatalogRows,
  variantKey,
  type CatalogRow,
  type Product,
  type SdkClientPlatform,
  type SdkClientSdk,
} from './catalog-schema.js';

export * from './catalog-schema.js';

/**
 * The result-code catalog (issue "Result-code catalog and billing ledger", INTERFACES.md §5):
 * every code of vendor-docs 000–004, one row per (product, code[, sdk, platform], effectiveFrom),
 * validated when this module loads. Order is stable: products in PRODUCTS order, rows in document order.
 */

const DATA: Readonly<Record<Product, unknown>> = {
  common,
  web,
  'selfie-sdk': selfieSdk,
  'pure-api': pureApi,
  'ekyc-sdk': ekycSdk,
  mainland,
  'sdk-client': sdkClient,
};

/** Loads and validates a whole catalog from raw per-product data (exported for tests). */
export function buildCatalog(data: Readonly<Record<Product, unknown>>): readonly CatalogRow[] {
  return Object.freeze(PRODUCTS.flatMap((p) => parseCatalogRows(p, data[p])));
}

export const CATALOG: readonly CatalogRow[] = buildCatalog(DATA);

/**
 * The vendor's dates are Beijing dates (the 2026-03-10 notice is published by Tencent Cloud in
 * UTC+8), so a row with effectiveFrom D applies from D 00:00 at +08:00.
 */
export const EFFECTIVE_DATE_UTC_OFFSET = '+08:00';

/** The instant (ms since epoch) a dated row starts to apply; null rows apply since always. */
export function effectiveInstant(effectiveFrom: string | null): number {
  if (effectiveFrom === null) return Number.NEGATIVE_INFINITY;
  return Date.parse(`${effectiveFrom}T00:00:00${EFFECTIVE_DATE_UTC_OFFSET}`);
}

/** Narrows an sdk-client lookup; codes such as "210" or "0" exist for several SDKs/platforms. */
export interface CodeVariant {
  readonly sdk?: SdkClientSdk;
  readonly platform?: SdkClientPlatform;
}

const BY_CODE = new Map<string, CatalogRow[]>();
for (const row of CATALOG) {
  const key = `${row.product}|${row.code}`;
  const list = BY_CODE.get(key);
  if (list) list.push(row);
  else BY_CODE.set(key, [row]);
}

function matches(row: CatalogRow, variant: CodeVariant | undefined): boolean {
  if (!variant) return true;
  return (
    (variant.sdk === undefined || row.sdk === variant.sdk) &&
    (variant.platform === undefined || row.platform === variant.platform)
  );
}

/** Of several versions of one code, the one with the latest effectiveFrom that has started at `at`. */
function latestInForce(versions: readonly CatalogRow[], at: number): CatalogRow | undefined {
  let best: CatalogRow | undefined;
  for (const row of versions) {
    const from = effectiveInstant(row.effectiveFrom);
    if (from <= at && (best === undefined || from > effectiveInstant(best.effectiveFrom))) best = row;
  }
  return best;
}

function assertValidDate(at: Date): number {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('codeInForce: invalid date');
  return t;
}

/**
 * The row of `product`/`code` in force at `at` (normally: when the verification finished), or
 * undefined when the code does not exist for that product at that time (e.g. web 1409 before
 * 2026-03-10). For sdk-client codes shared by several SDKs/platforms pass `variant`; an ambiguous
 * lookup throws rather than guess.
 */
export function codeInForce(
  product: Product,
  code: string,
  at: Date,
  variant?: CodeVariant,
): CatalogRow | undefined {
  const t = assertValidDate(at);
  const candidates = (BY_CODE.get(`${product}|${code}`) ?? []).filter((r) => matches(r, variant));
  const variants = new Set(candidates.map(variantKey));
  if (variants.size > 1) {
    throw new CatalogError(
      `codeInForce(${product}, ${code}): ambiguous between ${[...variants].join(', ')}; pass { sdk, platform }`,
    );
  }
  return latestInForce(candidates, t);
}

/**
 * The rows of one product in catalog order. Without `at`: every version (old and new rows).
 * With `at`: only the version of each code in force at that instant.
 */
export function codesOf(product: Product, at?: Date): readonly CatalogRow[] {
  const rows = CATALOG.filter((r) => r.product === product);
  if (at === undefined) return rows;
  const t = assertValidDate(at);
  const groups = new Map<string, CatalogRow[]>();
  for (const r of rows) {
    const key = `${variantKey(r)}|${r.code}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const keep = new Set<CatalogRow>();
  for (const versions of groups.values()) {
    const row = latestInForce(versions, t);
    if (row) keep.add(row);
  }
  return rows.filter((r) => keep.has(r));
}

export function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}
