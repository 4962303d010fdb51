// Regenerates docs/errors.md from the result-code catalog (packages/contract/src/codes/*.json).
// Run: npx tsx scripts/gen-errors-doc.ts   (errors-doc.test.ts fails when the file is stale)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOG } from '../packages/contract/src/codes/catalog.js';
import { renderErrorsDoc } from '../packages/contract/src/codes/render-errors-doc.js';

const target = fileURLToPath(new URL('../docs/errors.md', import.meta.url));
writeFileSync(target, renderErrorsDoc(CATALOG));
console.log(`wrote ${target} (${CATALOG.length} rows)`);
