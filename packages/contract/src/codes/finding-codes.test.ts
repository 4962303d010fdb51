import { describe, expect, it } from 'vitest';
import { FINDING_KINDS, type FindingKind } from '../findings/findings.js';
import { API_ERROR_MESSAGES } from '../errors/api-error.js';
import { codeInForce, effectiveInstant } from './catalog.js';
import { CatalogError } from './catalog-schema.js';
import {
  FINDING_CODE_TABLE,
  FINDING_PRECEDENCE,
  FINDING_PRODUCTS,
  codeForFinding,
  decidingFinding,
  parseFindingCodeTable,
  resultCodeFor,
  successCode,
  type FindingProduct,
} from './finding-codes.js';
import table from './finding-codes.json' with { type: 'json' };

const BEFORE = new Date('2026-03-09T12:00:00Z');
const AFTER = new Date('2026-03-10T12:00:00Z');

const rows = FINDING_KINDS.flatMap((kind) => FINDING_PRODUCTS.map((product) => [kind, product] as const));

describe('every finding maps for every product', () => {
  it('the table covers 43 findings × 4 products', () => {
    expect(FINDING_KINDS).toHaveLength(43);
    expect(Object.keys(FINDING_CODE_TABLE.findings).sort()).toEqual([...FINDING_KINDS].sort());
  });

  it.each(rows)(
    '%s → %s: the code exists in the catalog and is in force, before and after 2026-03-10',
    (kind, product) => {
      for (const at of [BEFORE, AFTER]) {
        const code = codeForFinding(product, kind, at);
        const row = codeInForce(product, code, at);
        expect(row, `${product} ${code} at ${at.toISOString()}`).toBeDefined();
        expect(code).not.toBe(successCode(product));
        if (product === 'pure-api') expect(API_ERROR_MESSAGES).toHaveProperty([code]);
      }
    },
  );

  it('every dated mapping entry is in force from its own date', () => {
    for (const kind of FINDING_KINDS) {
      for (const product of FINDING_PRODUCTS) {
        for (const e of FINDING_CODE_TABLE.findings[kind][product]) {
          const at = e.from === null ? BEFORE : new Date(effectiveInstant(e.from));
          expect(codeInForce(product, e.code, at), `${kind} ${product} ${e.code}`).toBeDefined();
          expect(codeForFinding(product, kind, at)).toBe(e.code);
        }
      }
    }
  });

  it.each(FINDING_PRODUCTS)('%s success code is billable', (product) => {
    expect(codeInForce(product, successCode(product), AFTER)?.billable).toBe(true);
  });
});

describe('the mappings named in the issue', () => {
  const expected: [FindingKind, FindingProduct, string, string?][] = [
    ['similarity_low', 'web', '2016'],
    ['similarity_low', 'selfie-sdk', '2016'],
    ['similarity_low', 'ekyc-sdk', '2016'],
    ['similarity_low', 'pure-api', 'FailedOperation.CompareLowSimilarity'],
    ['too_dark', 'web', '1201'],
    ['too_dark', 'pure-api', 'FailedOperation.ActionLightDark'],
    ['too_dark', 'selfie-sdk', '1004', '1201'],
    ['spoof_suspected', 'web', '1002'],
    ['spoof_suspected', 'pure-api', 'FailedOperation.LivessDetectFake'],
    ['spoof_suspected', 'selfie-sdk', '1004', '1002'],
    ['spoof_suspected', 'ekyc-sdk', '1004', '1002'],
    ['no_face', 'web', '1004'],
    ['no_face', 'pure-api', 'FailedOperation.SilentFaceDetectFail'],
    ['multiple_faces', 'web', '2010'],
    ['multiple_faces', 'selfie-sdk', '2012'],
    ['multiple_faces', 'ekyc-sdk', '1004', '2012'],
    ['face_occluded', 'selfie-sdk', '2013', '2017'],
    ['action_blink_missing', 'web', '1207'],
    ['action_blink_missing', 'pure-api', 'FailedOperation.ActionCloseEye'],
    ['reflection_mismatch', 'web', '1401'],
    ['reflection_mismatch', 'selfie-sdk', '1004', '1005'],
    ['engine_error', 'ekyc-sdk', '1001'],
  ];
  it.each(expected)('%s on %s', (kind, product, before, after = before) => {
    expect(codeForFinding(product, kind, BEFORE)).toBe(before);
    expect(codeForFinding(product, kind, AFTER)).toBe(after);
  });
});

describe('precedence', () => {
  it('lists every finding once', () => {
    expect([...FINDING_PRECEDENCE].sort()).toEqual([...FINDING_KINDS].sort());
  });

  it('input before face before liveness before comparison', () => {
    const rank = (k: FindingKind) => FINDING_PRECEDENCE.indexOf(k);
    expect(rank('video_decode_failed')).toBeLessThan(rank('no_face'));
    expect(rank('image_too_small')).toBeLessThan(rank('multiple_faces'));
    expect(rank('no_face')).toBeLessThan(rank('spoof_suspected'));
    expect(rank('face_too_far')).toBeLessThan(rank('action_blink_missing'));
    expect(rank('reflection_mismatch')).toBeLessThan(rank('similarity_low'));
    expect(rank('liveness_below_threshold')).toBeLessThan(rank('reference_no_face'));
  });

  it('picks the deciding finding regardless of input order', () => {
    expect(decidingFinding([])).toBeUndefined();
    expect(decidingFinding(['similarity_low', 'spoof_suspected', 'no_face'])).toBe('no_face');
    expect(decidingFinding([{ kind: 'similarity_low', score: 0.3 }, { kind: 'reflection_mismatch' }])).toBe(
      'reflection_mismatch',
    );
    expect(decidingFinding(['too_dark', 'no_face'])).toBe('too_dark');
  });
});

describe('resultCodeFor', () => {
  it('success: the product success code, billable', () => {
    expect(resultCodeFor('web', [], AFTER)).toMatchObject({
      code: '0',
      finding: null,
      row: { billable: true },
    });
    expect(resultCodeFor('pure-api', [], AFTER)).toMatchObject({ code: 'Success', row: { billable: true } });
  });

  it('uses the deciding finding and the row in force when the verification finished', () => {
    const findings: FindingKind[] = ['similarity_low', 'spoof_suspected'];
    const before = resultCodeFor('selfie-sdk', findings, BEFORE);
    expect(before).toMatchObject({ code: '1004', finding: 'spoof_suspected', row: { billable: false } });
    const after = resultCodeFor('selfie-sdk', findings, AFTER);
    expect(after).toMatchObject({
      code: '1002',
      row: { billable: true, description: 'Suspected spoofed recording' },
    });
    expect(resultCodeFor('web', ['similarity_low'], AFTER).row.billable).toBe(true);
  });
});

describe('table validation', () => {
  type Raw = { precedence: unknown[]; findings: Record<string, Record<string, unknown>> };
  const clone = () => JSON.parse(JSON.stringify(table)) as Raw;
  it('accepts the committed table', () => {
    expect(() => parseFindingCodeTable(clone())).not.toThrow();
  });
  it('rejects a missing finding, product, precedence entry or a badly dated entry', () => {
    const t1 = clone();
    delete t1.findings.no_face;
    expect(() => parseFindingCodeTable(t1)).toThrow(CatalogError);
    const t2 = clone();
    delete t2.findings.no_face!.web;
    expect(() => parseFindingCodeTable(t2)).toThrow(/no_face\.web/);
    const t3 = clone();
    t3.precedence.pop();
    expect(() => parseFindingCodeTable(t3)).toThrow(/precedence/);
    const t4 = clone();
    t4.findings.too_dark!.web = [{ code: '1201', from: '2026-03-10' }];
    expect(() => parseFindingCodeTable(t4)).toThrow(/from: null/);
    const t5 = clone();
    t5.findings.sunburn = t5.findings.no_face!;
    expect(() => parseFindingCodeTable(t5)).toThrow(/unknown finding sunburn/);
  });
});
