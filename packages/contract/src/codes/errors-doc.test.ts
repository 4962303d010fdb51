import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog.js';
import { renderErrorsDoc } from './render-errors-doc.js';

describe('docs/errors.md', () => {
  it('matches the catalog (regenerate with: npx tsx scripts/gen-errors-doc.ts)', () => {
    const committed = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderErrorsDoc(CATALOG));
  });

  it('lists every row once', () => {
    const doc = renderErrorsDoc(CATALOG);
    const tableRows = doc
      .split('\n')
      .filter((l) => l.startsWith('| `') || /^\| (selfie|ekyc|liveness) \|/.test(l));
    expect(tableRows).toHaveLength(CATALOG.length);
  });

  it('escapes pipes inside cells', () => {
    const doc = renderErrorsDoc([{ ...CATALOG[0]!, description: 'a | b' }]);
    expect(doc).toContain('a \\| b');
  });
});
