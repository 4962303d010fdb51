/**
 * Shape of the result-code catalog (INTERFACES.md §5) and its load-time validation.
 * The rows themselves are data (`*.json` beside this file); this module only checks them.
 */

export const PRODUCTS = [
  'common',
  'web',
  'selfie-sdk',
  'pure-api',
  'ekyc-sdk',
  'mainland',
  'sdk-client',
] as const;
export type Product = (typeof PRODUCTS)[number];

/** Human titles of the products (CLI table, docs/errors.md). */
export const PRODUCT_TITLES: Readonly<Record<Product, string>> = {
  common: 'Common error codes (all services)',
  web: 'Liveness detection and face comparison — mobile HTML5 (GetWebVerificationResultIntl ErrorCode)',
  'selfie-sdk':
    'Liveness detection and face comparison — Selfie Verification App SDK (GetFaceIdResultIntl ErrorCode)',
  'pure-api': 'Liveness detection and face comparison — pure API (Response.Error.Code)',
  'ekyc-sdk': 'Identity verification — eKYC App SDK (GetSdkVerificationResult CompareResults ErrorCode)',
  mainland: 'Mainland return codes (vendor-docs 002)',
  'sdk-client': 'Client SDK failure codes (vendor-docs 003 and 004)',
};

/** Which client SDK an `sdk-client` row belongs to (003: selfie + identity SDKs; 004: liveness SDK). */
export const SDK_CLIENT_SDKS = ['selfie', 'ekyc', 'liveness'] as const;
export type SdkClientSdk = (typeof SDK_CLIENT_SDKS)[number];
export const SDK_CLIENT_PLATFORMS = ['android', 'ios', 'both'] as const;
export type SdkClientPlatform = (typeof SDK_CLIENT_PLATFORMS)[number];

/** The families of `vendor-docs/002_*` (mainland return codes). */
export const MAINLAND_CATEGORIES = [
  'system',
  'wechat',
  'liveness-common',
  'liveness-digits',
  'liveness-action',
  'liveness-silent',
  'comparison',
  'other',
  'idcard-ocr',
  'idcard-ocr-warning',
  'bankcard-ocr',
  'bankcard-ocr-warning',
] as const;
export type MainlandCategory = (typeof MAINLAND_CATEGORIES)[number];

/** Which vendor document a row was transcribed from (`vendor-docs/00N_*`). */
export const ROW_SOURCES = ['000', '001', '002', '003', '004'] as const;
export type RowSource = (typeof ROW_SOURCES)[number];

/**
 * One catalog row. The first five keys are the fixed §5 shape; the rest are optional extras.
 * `effectiveFrom` null means "since always"; a date means the row replaces the earlier row of the
 * same code from that day on (see `effectiveInstant`).
 */
export interface CatalogRow {
  readonly product: Product;
  readonly code: string;
  readonly description: string;
  readonly billable: boolean;
  readonly effectiveFrom: string | null;
  /** mainland: the description exactly as the Chinese document gives it. */
  readonly descriptionZh?: string;
  /** mainland: the family the code is listed under. */
  readonly category?: MainlandCategory;
  /** mainland: the 处理措施 column, in English / as given. */
  readonly handling?: string;
  readonly handlingZh?: string;
  /** mainland: when the document lists several codes in one cell ("400103/400104"), that cell. */
  readonly docCode?: string;
  /** sdk-client: which SDK and platform reports the code (codes repeat across SDKs). */
  readonly sdk?: SdkClientSdk;
  readonly platform?: SdkClientPlatform;
  /** sdk-client: the constant name the SDK uses (HY_NETWORK_ERROR...). */
  readonly name?: string;
  /** sdk-client (004): the vendor's suggested solution. */
  readonly solution?: string;
  /** Anything a reader of the row must know (derived rows, gaps in the source). */
  readonly note?: string;
  readonly source: RowSource;
}

/** Canonical key order: the §5 keys first, then extras. `ekyc codes --json` prints rows in this order. */
export const ROW_KEYS = [
  'product',
  'code',
  'description',
  'billable',
  'effectiveFrom',
  'descriptionZh',
  'category',
  'handling',
  'handlingZh',
  'docCode',
  'sdk',
  'platform',
  'name',
  'solution',
  'note',
  'source',
] as const satisfies readonly (keyof CatalogRow)[];

const MAINLAND_ONLY = ['descriptionZh', 'category', 'handling', 'handlingZh', 'docCode'] as const;
const SDK_CLIENT_ONLY = ['sdk', 'platform', 'name', 'solution'] as const;

export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidEffectiveDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function nonEmptyTrimmed(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.trim() === value;
}

/** Identity of a row inside its product: the code plus, for sdk-client, which SDK/platform reports it. */
export function variantKey(row: Pick<CatalogRow, 'sdk' | 'platform'>): string {
  return row.sdk === undefined ? '' : `${row.sdk}/${row.platform ?? ''}`;
}

/**
 * Validates one product's data file and returns frozen rows in canonical key order.
 * Throws CatalogError naming the file, the row index and what is wrong.
 */
export function parseCatalogRows(product: Product, raw: unknown, source = `${product}.json`): CatalogRow[] {
  if (!Array.isArray(raw)) throw new CatalogError(`${source}: expected an array of rows`);
  const seen = new Set<string>();
  return raw.map((item: unknown, i) => {
    const where = `${source}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new CatalogError(`${where}: expected an object`);
    }
    const r = item as Record<string, unknown>;
    const fail = (what: string): never => {
      throw new CatalogError(`${where} (code ${JSON.stringify(r.code)}): ${what}`);
    };
    for (const key of Object.keys(r)) {
      if (!(ROW_KEYS as readonly string[]).includes(key)) fail(`unknown key "${key}"`);
    }
    if (r.product !== product) fail(`product must be "${product}", got ${JSON.stringify(r.product)}`);
    if (!nonEmptyTrimmed(r.code)) fail('code must be a non-empty string without surrounding spaces');
    if (!nonEmptyTrimmed(r.description))
      fail('description must be a non-empty string without surrounding spaces');
    if (typeof r.billable !== 'boolean') fail('billable must be true or false');
    if (
      r.effectiveFrom !== null &&
      !(typeof r.effectiveFrom === 'string' && isValidEffectiveDate(r.effectiveFrom))
    ) {
      fail('effectiveFrom must be null or a YYYY-MM-DD date');
    }
    if (!oneOf(ROW_SOURCES, r.source)) fail(`source must be one of ${ROW_SOURCES.join(', ')}`);
    for (const key of [
      'descriptionZh',
      'handling',
      'handlingZh',
      'docCode',
      'name',
      'solution',
      'note',
    ] as const) {
      if (r[key] !== undefined && !nonEmptyTrimmed(r[key]))
        fail(`${key} must be a non-empty string when present`);
    }
    if (product === 'mainland') {
      if (r.descriptionZh === undefined) fail('mainland rows need descriptionZh');
      if (!oneOf(MAINLAND_CATEGORIES, r.category))
        fail(`category must be one of ${MAINLAND_CATEGORIES.join(', ')}`);
    } else {
      for (const key of MAINLAND_ONLY) if (r[key] !== undefined) fail(`${key} is only for mainland rows`);
    }
    if (product === 'sdk-client') {
      if (!oneOf(SDK_CLIENT_SDKS, r.sdk)) fail(`sdk must be one of ${SDK_CLIENT_SDKS.join(', ')}`);
      if (!oneOf(SDK_CLIENT_PLATFORMS, r.platform))
        fail(`platform must be one of ${SDK_CLIENT_PLATFORMS.join(', ')}`);
    } else {
      for (const key of SDK_CLIENT_ONLY) if (r[key] !== undefined) fail(`${key} is only for sdk-client rows`);
    }
    const row = Object.fromEntries(
      ROW_KEYS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]),
    ) as unknown as CatalogRow;
    const key = `${variantKey(row)}|${row.code}|${row.effectiveFrom ?? ''}`;
    if (seen.has(key)) fail(`duplicate row (same code${row.sdk ? ', sdk, platform' : ''} and effectiveFrom)`);
    seen.add(key);
    return Object.freeze(row);
  });
}
