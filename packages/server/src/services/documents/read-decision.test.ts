import { CARD_STRUCT_FIELDS } from '@open-ekyc/contract';
import type { DocumentAnalysis } from '@open-ekyc/engine';
import { describe, expect, it } from 'vitest';
import { CARD_RULES } from './card-rules.js';
import { isExpired, lastDateIn } from './document-dates.js';
import { decideRead, type ReadChecks } from './read-decision.js';

// Decision rules only: the analysis is what the engine's ocrDocument returns (its shape, hand-filled).
const AT = new Date('2026-06-01T00:00:00Z');
const analysis = (over: Partial<DocumentAnalysis> = {}): DocumentAnalysis => ({
  ok: true,
  findings: [],
  type: 'InternationalIDPassport',
  parsed: {
    type: 'InternationalIDPassport',
    fields: {
      LicenseNumber: 'L898902C3',
      FullName: 'ERIKSSON ANNA MARIA',
      DateOfExpiration: '2030-04-15',
      Sex: ' ',
    },
    evidence: { LicenseNumber: { confidence: 1, valid: true }, Birthday: { confidence: 1, valid: true } },
  },
  mrz: null,
  lines: [],
  card: { found: true, rectified: false, corners: null, width: 1000, height: 630 },
  warnings: [],
  warningScores: {},
  portrait: { box: { x: 0, y: 0, width: 10, height: 10 }, jpeg: new Uint8Array([0xff, 0xd8]) },
  cutJpeg: null,
  timingsMs: { decode: 0, card: 0, ocr: 0, total: 0 },
  ...over,
});
const checks = (over: Partial<ReadChecks> = {}): ReadChecks => ({
  cardType: 'InternationalIDPassport',
  structFields: CARD_STRUCT_FIELDS.InternationalIDPassport,
  rules: CARD_RULES.InternationalIDPassport,
  side: 'front',
  checkWarnings: true,
  blockingWarnings: [-9101, -9102],
  allowExpired: true,
  needPortrait: true,
  at: AT,
  ...over,
});
const photocopy = { code: -9102 as const, name: 'photocopy' as const, score: 0, threshold: 6 };

describe('document read decision', () => {
  it('passes a complete read: every struct field present, blanks as null', () => {
    const d = decideRead(analysis(), checks());
    expect(d.code).toBe('0');
    expect(Object.keys(d.fields)).toEqual([...CARD_STRUCT_FIELDS.InternationalIDPassport]);
    expect(d.fields).toMatchObject({ LicenseNumber: 'L898902C3', Sex: null, Surname: null });
  });

  it('first match wins: image, recognition, warning, expiry, portrait', () => {
    expect(decideRead(null, checks()).code).toBe('IMAGE_INVALID');
    expect(decideRead(analysis({ ok: false }), checks()).code).toBe('IMAGE_INVALID');
    expect(decideRead(analysis({ type: 'HKIDCard' }), checks()).code).toBe('OCR_FAILED');
    const bad = analysis({
      warnings: [photocopy],
      parsed: {
        type: 'InternationalIDPassport',
        fields: { FullName: 'X' },
        evidence: { Birthday: { confidence: 1, valid: false } },
      },
    });
    expect(decideRead(bad, checks())).toMatchObject({
      code: 'OCR_FAILED',
      invalidFields: ['LicenseNumber', 'Birthday'],
      warnings: [-9102],
    });
    expect(decideRead(analysis({ warnings: [photocopy] }), checks()).code).toBe('OCR_WARNING');
    expect(decideRead(analysis({ warnings: [photocopy] }), checks({ checkWarnings: false })).code).toBe('0');
    expect(decideRead(analysis({ warnings: [photocopy] }), checks({ blockingWarnings: [-9108] })).code).toBe(
      '0',
    );
    const expired = analysis();
    (expired.parsed?.fields as Record<string, string>).DateOfExpiration = '2026-05-30';
    expect(decideRead(expired, checks({ allowExpired: false })).code).toBe('DOCUMENT_EXPIRED');
    expect(decideRead(expired, checks()).code).toBe('0');
    expect(decideRead(analysis({ portrait: null }), checks()).code).toBe('NO_PORTRAIT');
    expect(decideRead(analysis({ portrait: null }), checks({ needPortrait: false })).code).toBe('0');
  });

  it('an advisory check highlights the field without failing the read', () => {
    const mykad = analysis({
      type: 'MLIDCard',
      parsed: {
        type: 'MLIDCard',
        fields: { ID: '900101-14-5678', Name: 'SITI', Address: 'JALAN 1' },
        evidence: { Address: { confidence: 1, valid: false } },
      },
    });
    const d = decideRead(
      mykad,
      checks({ cardType: 'MLIDCard', structFields: CARD_STRUCT_FIELDS.MLIDCard, rules: CARD_RULES.MLIDCard }),
    );
    expect(d).toMatchObject({ code: '0', invalidFields: ['Address'] });
  });

  it('a back keeps no fields and is judged on image and warnings only', () => {
    const back = checks({ side: 'back' });
    expect(decideRead(analysis({ type: null, parsed: null }), back)).toMatchObject({ code: '0', fields: {} });
    expect(decideRead(analysis({ warnings: [photocopy] }), back).code).toBe('OCR_WARNING');
  });
});

describe('document dates', () => {
  it('reads the forms the parsers emit and takes the end of a range', () => {
    const iso = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
    expect(iso(lastDateIn('2030-04-15'))).toBe('2030-04-15');
    expect(iso(lastDateIn('15-04-2030'))).toBe('2030-04-15');
    expect(iso(lastDateIn('15 Apr. 2030'))).toBe('2030-04-15');
    expect(iso(lastDateIn('2020.01.01-2030.01.01'))).toBe('2030-01-01');
    expect(lastDateIn('SEUMUR HIDUP')).toBeNull();
    expect(lastDateIn('31-02-2030')).toBeNull();
    expect(isExpired('2026-05-31', AT)).toBe(true);
    expect(isExpired('2026-06-01', AT)).toBe(false);
    expect(isExpired(null, AT)).toBe(false);
  });
});
