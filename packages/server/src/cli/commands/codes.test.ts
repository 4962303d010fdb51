import { describe, expect, it } from 'vitest';
import { CATALOG } from '@open-ekyc/contract';
import { run } from './codes.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
    out,
    err,
  };
}

describe('ekyc codes', () => {
  it('--json prints the §5 array', async () => {
    const c = capture();
    expect(await run(['--json'], c.io)).toBe(0);
    const rows = JSON.parse(c.out.join('')) as Record<string, unknown>[];
    expect(rows).toHaveLength(CATALOG.length);
    expect(Object.keys(rows[0]!).slice(0, 5)).toEqual([
      'product',
      'code',
      'description',
      'billable',
      'effectiveFrom',
    ]);
    expect(rows).toContainEqual(
      expect.objectContaining({ product: 'web', code: '1409', billable: false, effectiveFrom: '2026-03-10' }),
    );
  });

  it('prints a table grouped by product', async () => {
    const c = capture();
    expect(await run([], c.io)).toBe(0);
    const text = c.out.join('');
    for (const p of ['common', 'web', 'selfie-sdk', 'pure-api', 'ekyc-sdk', 'mainland', 'sdk-client']) {
      expect(text).toMatch(new RegExp(`^${p} — `, 'm'));
    }
    expect(text).toMatch(/1409\s+N\s+2026-03-10\s+Verification process timed out/);
  });

  it('--product filters; bad arguments exit 2', async () => {
    const c = capture();
    expect(await run(['--json', '--product', 'ekyc-sdk'], c.io)).toBe(0);
    expect(JSON.parse(c.out.join(''))).toHaveLength(14);
    expect(await run(['--product', 'nope'], capture().io)).toBe(2);
    expect(await run(['--yaml'], capture().io)).toBe(2);
  });
});
