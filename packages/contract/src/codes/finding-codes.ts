import { FINDING_KINDS, isFindingKind, type Finding, type FindingKind } from '../findings/findings.js';
import { CatalogError, isValidEffectiveDate } from './catalog-schema.js';
import { codeInForce, effectiveInstant } from './catalog.js';
import type { CatalogRow } from './catalog-schema.js';
import table from './finding-codes.json' with { type: 'json' };

/**
 * The one place where engine findings become result codes (issue part 2). The table is data
 * (`finding-codes.json`): for each product that reports engine outcomes, the code of every
 * FindingKind, the success code, and the precedence that picks the deciding finding.
 * A code may change on a date (the 2026-03-10 adjustment added 1002/1005/1201/2017 to the App SDK
 * products), so each mapping is a list of `{code, from}` and the one in force at `at` applies.
 */

export const FINDING_PRODUCTS = ['web', 'selfie-sdk', 'ekyc-sdk', 'pure-api'] as const;
export type FindingProduct = (typeof FINDING_PRODUCTS)[number];

export interface DatedCode {
  readonly code: string;
  /** null: since always; otherwise a YYYY-MM-DD date, same meaning as a catalog row's effectiveFrom. */
  readonly from: string | null;
}

export interface FindingCodeTable {
  readonly success: Readonly<Record<FindingProduct, string>>;
  /** Every FindingKind once; earlier wins. */
  readonly precedence: readonly FindingKind[];
  readonly findings: Readonly<Record<FindingKind, Readonly<Record<FindingProduct, readonly DatedCode[]>>>>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseDated(raw: unknown, where: string): DatedCode[] {
  const fail = (what: string): never => {
    throw new CatalogError(`finding-codes.json ${where}: ${what}`);
  };
  if (typeof raw === 'string' && raw.length > 0) return [{ code: raw, from: null }];
  if (!Array.isArray(raw) || raw.length === 0)
    return fail('expected a code or a non-empty list of {code, from}');
  const list = raw.map((e: unknown) => {
    if (!isRecord(e) || typeof e.code !== 'string' || e.code.length === 0)
      return fail('each entry needs a code');
    if (e.from !== null && !(typeof e.from === 'string' && isValidEffectiveDate(e.from))) {
      return fail('from must be null or YYYY-MM-DD');
    }
    return { code: e.code, from: e.from as string | null };
  });
  if (list[0]?.from !== null) fail('the first entry must have from: null (a code must exist at every date)');
  for (let i = 1; i < list.length; i++) {
    if (effectiveInstant(list[i]!.from) <= effectiveInstant(list[i - 1]!.from))
      fail('entries must have increasing dates');
  }
  return list;
}

/** Validates the mapping table: every FindingKind, every product, precedence a permutation of FINDING_KINDS. */
export function parseFindingCodeTable(raw: unknown): FindingCodeTable {
  const fail = (what: string): never => {
    throw new CatalogError(`finding-codes.json: ${what}`);
  };
  if (!isRecord(raw)) return fail('expected an object');
  const { success, precedence, findings } = raw;
  if (!isRecord(success)) return fail('success must be an object');
  for (const p of FINDING_PRODUCTS) if (typeof success[p] !== 'string') fail(`success.${p} missing`);
  if (!Array.isArray(precedence)) return fail('precedence must be an array');
  for (const k of precedence)
    if (typeof k !== 'string' || !isFindingKind(k)) fail(`precedence: unknown finding ${String(k)}`);
  if (new Set(precedence).size !== precedence.length || precedence.length !== FINDING_KINDS.length) {
    fail('precedence must list every FindingKind exactly once');
  }
  if (!isRecord(findings)) return fail('findings must be an object');
  for (const k of Object.keys(findings)) if (!isFindingKind(k)) fail(`findings: unknown finding ${k}`);
  const out = {} as Record<FindingKind, Record<FindingProduct, readonly DatedCode[]>>;
  for (const kind of FINDING_KINDS) {
    const row = findings[kind];
    if (!isRecord(row)) return fail(`findings.${kind} missing`);
    const byProduct = {} as Record<FindingProduct, readonly DatedCode[]>;
    for (const p of FINDING_PRODUCTS)
      byProduct[p] = Object.freeze(parseDated(row[p], `findings.${kind}.${p}`));
    out[kind] = Object.freeze(byProduct);
  }
  return Object.freeze({
    success: Object.freeze({ ...(success as Record<FindingProduct, string>) }),
    precedence: Object.freeze([...(precedence as FindingKind[])]),
    findings: Object.freeze(out),
  });
}

export const FINDING_CODE_TABLE: FindingCodeTable = parseFindingCodeTable(table);
export const FINDING_PRECEDENCE: readonly FindingKind[] = FINDING_CODE_TABLE.precedence;

const RANK = new Map<FindingKind, number>(FINDING_PRECEDENCE.map((k, i) => [k, i]));

export function isFindingProduct(value: string): value is FindingProduct {
  return (FINDING_PRODUCTS as readonly string[]).includes(value);
}

/** The finding that decides the outcome: the one earliest in FINDING_PRECEDENCE; undefined when none. */
export function decidingFinding(findings: readonly (Finding | FindingKind)[]): FindingKind | undefined {
  let best: FindingKind | undefined;
  for (const f of findings) {
    const kind = typeof f === 'string' ? f : f.kind;
    if (best === undefined || RANK.get(kind)! < RANK.get(best)!) best = kind;
  }
  return best;
}

/** The code `product` reports for `kind` when the verification finished at `at`. */
export function codeForFinding(product: FindingProduct, kind: FindingKind, at: Date): string {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('codeForFinding: invalid date');
  let code = '';
  for (const e of FINDING_CODE_TABLE.findings[kind][product])
    if (effectiveInstant(e.from) <= t) code = e.code;
  return code;
}

export function successCode(product: FindingProduct): string {
  return FINDING_CODE_TABLE.success[product];
}

export interface ResultCode {
  readonly code: string;
  /** The deciding finding; null on success. */
  readonly finding: FindingKind | null;
  /** The catalog row in force at `at`: description and billable flag for the ledger. */
  readonly row: CatalogRow;
}

/**
 * The result of a verification that finished at `at` with these findings: the deciding finding's
 * code (or the success code when there are none) and its catalog row in force at that time.
 */
export function resultCodeFor(
  product: FindingProduct,
  findings: readonly (Finding | FindingKind)[],
  at: Date,
): ResultCode {
  const finding = decidingFinding(findings) ?? null;
  const code = finding === null ? successCode(product) : codeForFinding(product, finding, at);
  const row = codeInForce(product, code, at);
  if (!row) throw new CatalogError(`no ${product} catalog row for code ${code} at ${at.toISOString()}`);
  return { code, finding, row };
}
