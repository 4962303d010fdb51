import { CATALOG, PRODUCTS, PRODUCT_TITLES, isProduct, type CatalogRow } from '@open-ekyc/contract';
import type { CliCommand } from '../cli-io.js';

/**
 * `ekyc codes [--json] [--product P]`: the result-code catalog (INTERFACES.md §5).
 * --json prints the JSON array (the §5 keys first, then the row's extra keys); without it, a
 * table grouped by product.
 */

const USAGE = `usage: ekyc codes [--json] [--product ${PRODUCTS.join('|')}]\n`;

function variantLabel(r: CatalogRow): string {
  return r.sdk === undefined ? '' : `${r.sdk}/${r.platform ?? ''}`;
}

function describe(r: CatalogRow): string {
  const zh = r.descriptionZh && r.descriptionZh !== r.description ? ` (${r.descriptionZh})` : '';
  return `${r.description}${zh}`;
}

function renderTable(rows: readonly CatalogRow[]): string {
  const out: string[] = [];
  for (const product of PRODUCTS) {
    const mine = rows.filter((r) => r.product === product);
    if (mine.length === 0) continue;
    const withVariant = mine.some((r) => r.sdk !== undefined);
    const codeWidth = Math.max(4, ...mine.map((r) => r.code.length));
    const variantWidth = withVariant ? Math.max(3, ...mine.map((r) => variantLabel(r).length)) : 0;
    out.push(`${product} — ${PRODUCT_TITLES[product]} (${mine.length} rows)`);
    const head = [
      ...(withVariant ? ['SDK'.padEnd(variantWidth)] : []),
      'CODE'.padEnd(codeWidth),
      'BILLED',
      'FROM      ',
      'DESCRIPTION',
    ];
    out.push(`  ${head.join('  ')}`);
    for (const r of mine) {
      const cols = [
        ...(withVariant ? [variantLabel(r).padEnd(variantWidth)] : []),
        r.code.padEnd(codeWidth),
        (r.billable ? 'Y' : 'N').padEnd(6),
        (r.effectiveFrom ?? '-').padEnd(10),
        describe(r),
      ];
      out.push(`  ${cols.join('  ')}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export const run: CliCommand = async (argv, io) => {
  let json = false;
  let product: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--product') product = argv[++i];
    else if (arg.startsWith('--product=')) product = arg.slice('--product='.length);
    else if (arg === '--help' || arg === '-h') {
      io.stdout(USAGE);
      return 0;
    } else {
      io.stderr(`ekyc codes: unknown argument "${arg}"\n${USAGE}`);
      return 2;
    }
  }
  if (product !== undefined && !isProduct(product)) {
    io.stderr(`ekyc codes: unknown product "${product}"\n${USAGE}`);
    return 2;
  }
  const rows = product === undefined ? CATALOG : CATALOG.filter((r) => r.product === product);
  io.stdout(json ? `${JSON.stringify(rows, null, 2)}\n` : renderTable(rows));
  return 0;
};
