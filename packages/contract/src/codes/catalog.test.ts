import { describe, expect, it } from 'vitest';
import { API_ERROR_MESSAGES } from '../errors/api-error.js';
import { CATALOG, buildCatalog, codeInForce, codesOf, effectiveInstant, type Product } from './catalog.js';
import { CatalogError, PRODUCTS, parseCatalogRows } from './catalog-schema.js';
import common from './common.json' with { type: 'json' };
import web from './web.json' with { type: 'json' };
import selfieSdk from './selfie-sdk.json' with { type: 'json' };
import pureApi from './pure-api.json' with { type: 'json' };
import ekycSdk from './ekyc-sdk.json' with { type: 'json' };
import mainland from './mainland.json' with { type: 'json' };
import sdkClient from './sdk-client.json' with { type: 'json' };

// Counted by hand from vendor-docs (see README.md "Row counts"):
// 001/003 tables: common 12, web 50, selfie-sdk 10, pure-api 53, ekyc-sdk 9.
// 000 adds: web 1409, 1410, 2012' (+3); selfie-sdk 1001', 1002, 1005, 1201, 2012', 2017 (+6);
// ekyc-sdk 1002, 1005, 1201, 2012', 2017 (+5).  (' = new version of an existing code)
// 002: 16 system + 5 WeChat + 6 + 9 + 10 + 3 liveness + 16 comparison + 44 other (36 table rows,
// multi-code cells split) + 8 ID-card OCR + 4 ID-card warnings (from the worked example)
// + 6 bank-card OCR (5 table rows) + 5 bank-card warnings = 132.
// 003/004: selfie Android 15 (210–224), selfie iOS 13 (0, 210–221), identity Android 10
// (12000–12009), identity iOS 17 (0, -1, -2, -4, 310–322), liveness SDK string codes 23 = 78.
const EXPECTED_COUNTS: Record<Product, number> = {
  common: 12,
  web: 53,
  'selfie-sdk': 16,
  'pure-api': 53,
  'ekyc-sdk': 14,
  mainland: 132,
  'sdk-client': 78,
};

const BEFORE = new Date('2026-03-09T12:00:00Z');
const AFTER = new Date('2026-03-10T12:00:00Z');

const count = <T>(items: readonly T[], key: (t: T) => string): Record<string, number> =>
  items.reduce<Record<string, number>>((acc, t) => ({ ...acc, [key(t)]: (acc[key(t)] ?? 0) + 1 }), {});

describe('catalog row counts against the documents', () => {
  it.each(PRODUCTS)('%s has the documented number of rows', (p) => {
    expect(codesOf(p)).toHaveLength(EXPECTED_COUNTS[p]);
  });

  it('has 358 rows in all, products in PRODUCTS order', () => {
    expect(CATALOG).toHaveLength(358);
    const order = [...new Set(CATALOG.map((r) => r.product))];
    expect(order).toEqual([...PRODUCTS]);
  });

  it('rows per document: 001/003 tables, then the 000 adjustment', () => {
    const bySource = (p: Product) => count(codesOf(p), (r) => r.source);
    expect(bySource('web')).toEqual({ '001': 50, '000': 3 });
    expect(bySource('selfie-sdk')).toEqual({ '001': 10, '000': 6 });
    expect(bySource('ekyc-sdk')).toEqual({ '001': 9, '000': 5 });
    expect(bySource('pure-api')).toEqual({ '001': 53 });
  });

  it('mainland families', () => {
    expect(count(codesOf('mainland'), (r) => r.category ?? '')).toEqual({
      system: 16,
      wechat: 5,
      'liveness-common': 6,
      'liveness-digits': 9,
      'liveness-action': 10,
      'liveness-silent': 3,
      comparison: 16,
      other: 44,
      'idcard-ocr': 8,
      'idcard-ocr-warning': 4,
      'bankcard-ocr': 6,
      'bankcard-ocr-warning': 5,
    });
  });

  it('client SDK codes per SDK and platform', () => {
    const rows = codesOf('sdk-client');
    expect(count(rows, (r) => `${r.sdk}/${r.platform}`)).toEqual({
      'selfie/android': 15,
      'selfie/ios': 13,
      'ekyc/android': 10,
      'ekyc/ios': 17,
      'liveness/both': 18,
      'liveness/android': 4,
      'liveness/ios': 1,
    });
    const codes = (sdk: string, platform: string) =>
      rows.filter((r) => r.sdk === sdk && r.platform === platform).map((r) => r.code);
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => String(a + i));
    expect(codes('selfie', 'android')).toEqual(range(210, 224));
    expect(codes('selfie', 'ios')).toEqual(['0', ...range(210, 221)]);
    expect(codes('ekyc', 'android')).toEqual(range(12000, 12009));
    expect(codes('ekyc', 'ios')).toEqual(['0', '-1', '-2', '-4', ...range(310, 322)]);
    expect(rows.map((r) => r.code)).toContain('CAMERA_OPEN_FAILED');
  });
});

describe('catalog shape', () => {
  it('codes are strings and every row has the §5 keys first', () => {
    for (const r of CATALOG) {
      expect(typeof r.code).toBe('string');
      expect(Object.keys(r).slice(0, 5)).toEqual([
        'product',
        'code',
        'description',
        'billable',
        'effectiveFrom',
      ]);
    }
  });

  it('only the 2026-03-10 adjustment carries a date', () => {
    const dated = CATALOG.filter((r) => r.effectiveFrom !== null);
    expect(dated.map((r) => `${r.product}:${r.code}`).sort()).toEqual(
      [
        'web:1409',
        'web:1410',
        'web:2012',
        'selfie-sdk:1001',
        'selfie-sdk:1002',
        'selfie-sdk:1005',
        'selfie-sdk:1201',
        'selfie-sdk:2012',
        'selfie-sdk:2017',
        'ekyc-sdk:1002',
        'ekyc-sdk:1005',
        'ekyc-sdk:1201',
        'ekyc-sdk:2012',
        'ekyc-sdk:2017',
      ].sort(),
    );
    expect(new Set(dated.map((r) => r.effectiveFrom))).toEqual(new Set(['2026-03-10']));
  });

  it('every pure-API and common code (except Success) is an API error code', () => {
    for (const r of [...codesOf('pure-api'), ...codesOf('common')]) {
      if (r.code === 'Success') continue;
      expect(API_ERROR_MESSAGES, r.code).toHaveProperty([r.code]);
    }
  });
});

describe('spot checks of tricky rows', () => {
  it('1409 and 1410 exist only from 2026-03-10, non-billable', () => {
    for (const code of ['1409', '1410']) {
      const rows = codesOf('web').filter((r) => r.code === code);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ effectiveFrom: '2026-03-10', billable: false });
      expect(codeInForce('web', code, BEFORE)).toBeUndefined();
      expect(codeInForce('web', code, AFTER)).toBe(rows[0]);
    }
    expect(codeInForce('web', '1409', AFTER)?.description).toBe('Verification process timed out');
    expect(codeInForce('web', '1410', AFTER)?.description).toBe('User exited voluntarily');
  });

  it('2016 is billable in every product that has it', () => {
    for (const p of ['web', 'selfie-sdk', 'ekyc-sdk', 'mainland'] as const) {
      for (const at of [BEFORE, AFTER]) expect(codeInForce(p, '2016', at)?.billable, p).toBe(true);
    }
    expect(codeInForce('pure-api', 'FailedOperation.CompareLowSimilarity', AFTER)?.billable).toBe(true);
  });

  it('1001 is billable in the identity App SDK (and not in the selfie App SDK)', () => {
    for (const at of [BEFORE, AFTER]) {
      expect(codeInForce('ekyc-sdk', '1001', at)).toMatchObject({
        billable: true,
        description: 'Failed to call the liveness engine',
      });
      expect(codeInForce('selfie-sdk', '1001', at)?.billable).toBe(false);
    }
  });

  it('texts where 001 and 003 differ', () => {
    expect(codeInForce('web', '1106', AFTER)?.description).toBe('The volume of the video is too low');
    expect(codeInForce('web', '1401', AFTER)?.description).toBe('face reflect liveness detect failed');
    expect(codeInForce('selfie-sdk', '-999', AFTER)).toMatchObject({ billable: false });
    expect(codeInForce('mainland', '2006', AFTER)).toMatchObject({
      billable: true,
      descriptionZh: '姓名和身份证号不一致，请核实后重试',
    });
    expect(codeInForce('mainland', '66660004', AFTER)?.billable).toBe(true);
    expect(codeInForce('mainland', '-5025', AFTER)).toMatchObject({
      docCode: '66660023/66660036/-5025',
      category: 'other',
    });
  });

  it('sdk-client codes shared by several SDKs need a variant', () => {
    expect(() => codeInForce('sdk-client', '210', AFTER)).toThrow(CatalogError);
    expect(codeInForce('sdk-client', '210', AFTER, { platform: 'android' })?.name).toBe('HY_NETWORK_ERROR');
    expect(codeInForce('sdk-client', '210', AFTER, { sdk: 'selfie', platform: 'ios' })?.name).toBe(
      'HY_INITIALIZATION_PARAMETER_EXCEPTION',
    );
    expect(codeInForce('sdk-client', 'CAMERA_OPEN_FAILED', AFTER)?.platform).toBe('both');
  });
});

describe('verifications finishing before / after 2026-03-10', () => {
  const cases: [Product, string, [string, boolean] | undefined, [string, boolean]][] = [
    ['selfie-sdk', '1001', ['System error', false], ['Failed to call the liveness engine', false]],
    ['selfie-sdk', '2012', ['Several faces were detected', false], ['Multiple faces detected', false]],
    ['web', '2012', ['Failed to detect a full face', false], ['Multiple faces detected', false]],
    ['ekyc-sdk', '2012', ['Failed to detect a full face', true], ['Multiple faces detected', false]],
    ['selfie-sdk', '1002', undefined, ['Suspected spoofed recording', true]],
    ['selfie-sdk', '1005', undefined, ['Liveness detection failed', true]],
    ['selfie-sdk', '1201', undefined, ['Lighting is too dark or overexposed', true]],
    ['selfie-sdk', '2017', undefined, ['Facial occlusion detected', true]],
    ['ekyc-sdk', '1002', undefined, ['Suspected spoofed recording', true]],
    ['ekyc-sdk', '2017', undefined, ['Facial occlusion detected', true]],
    ['web', '1002', ['Suspected spoofed recording.', false], ['Suspected spoofed recording.', false]],
  ];
  it.each(cases)('%s %s', (product, code, before, after) => {
    const b = codeInForce(product, code, BEFORE);
    expect(b === undefined ? undefined : [b.description, b.billable]).toEqual(before);
    const a = codeInForce(product, code, AFTER);
    expect(a && [a.description, a.billable]).toEqual(after);
  });

  it('the switch happens at 2026-03-10 00:00 Beijing time (UTC+8)', () => {
    expect(effectiveInstant('2026-03-10')).toBe(Date.parse('2026-03-09T16:00:00Z'));
    expect(codeInForce('selfie-sdk', '1001', new Date('2026-03-09T15:59:59.999Z'))?.description).toBe(
      'System error',
    );
    expect(codeInForce('selfie-sdk', '1001', new Date('2026-03-09T16:00:00Z'))?.description).toBe(
      'Failed to call the liveness engine',
    );
  });

  it('codesOf(product, at) gives one version of each code', () => {
    expect(codesOf('web', BEFORE)).toHaveLength(50);
    expect(codesOf('web', AFTER)).toHaveLength(52);
    expect(codesOf('selfie-sdk', BEFORE)).toHaveLength(10);
    expect(codesOf('selfie-sdk', AFTER)).toHaveLength(14);
    expect(codesOf('ekyc-sdk', AFTER)).toHaveLength(13);
    expect(codesOf('sdk-client', AFTER)).toHaveLength(78);
  });

  it('rejects an invalid date', () => {
    expect(() => codeInForce('web', '0', new Date('nope'))).toThrow(RangeError);
  });
});

describe('load-time validation', () => {
  const good = {
    product: 'web',
    code: '1',
    description: 'x',
    billable: false,
    effectiveFrom: null,
    source: '001',
  };
  const bad: [string, unknown, Product?][] = [
    ['not an array', { ...good }],
    ['not an object', ['1']],
    ['billable as a string', [{ ...good, billable: 'N' }]],
    ['missing billable', [{ ...good, billable: undefined }]],
    ['numeric code', [{ ...good, code: 1 }]],
    ['empty description', [{ ...good, description: '' }]],
    ['impossible date', [{ ...good, effectiveFrom: '2026-02-30' }]],
    ['date in another format', [{ ...good, effectiveFrom: '10/03/2026' }]],
    ['unknown key', [{ ...good, billed: true }]],
    ['wrong product', [{ ...good, product: 'pure-api' }]],
    ['duplicate row', [good, { ...good }]],
    ['unknown source', [{ ...good, source: '009' }]],
    ['mainland key on web', [{ ...good, descriptionZh: '成功' }]],
    ['mainland row without Chinese', [{ ...good, product: 'mainland', category: 'system' }], 'mainland'],
    ['sdk-client row without sdk', [{ ...good, product: 'sdk-client', platform: 'ios' }], 'sdk-client'],
  ];
  it.each(bad)('rejects %s', (_, raw, product = 'web') => {
    expect(() => parseCatalogRows(product, raw)).toThrow(CatalogError);
  });

  it('accepts a good row and both versions of a code', () => {
    expect(
      parseCatalogRows('web', [good, { ...good, effectiveFrom: '2026-03-10', source: '000' }]),
    ).toHaveLength(2);
  });

  it('buildCatalog fails on a malformed data file', () => {
    const data = {
      common,
      web,
      'selfie-sdk': selfieSdk,
      'pure-api': pureApi,
      'ekyc-sdk': ekycSdk,
      mainland,
      'sdk-client': sdkClient,
    };
    expect(buildCatalog(data)).toHaveLength(358);
    const broken = [...web.slice(0, 3), { ...web[3], billable: 'Y' }];
    expect(() => buildCatalog({ ...data, web: broken })).toThrow(/web\.json\[3\].*billable/);
  });
});
