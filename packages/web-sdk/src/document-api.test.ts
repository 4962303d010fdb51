import {
  DOCUMENT_SIDE_HEADER,
  DocumentConfirmedSchema,
  DocumentReadSchema,
  DOCUMENT_IMAGE_TYPES,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDocumentConfirmed, checkDocumentRead } from './api-client.js';
import { CaptureFailure } from './client-codes.js';

const passed = {
  readId: 'r1',
  side: 'front',
  status: 'passed',
  code: '0',
  message: 'Success',
  warnings: [],
  fields: { LicenseNumber: 'L898902C3', Surname: 'ERIKSSON', Address: null },
  invalidFields: [],
  readsLeft: 4,
};

const accepts = (f: (v: unknown) => unknown, v: unknown): boolean => {
  try {
    f(v);
    return true;
  } catch (err) {
    expect(err).toBeInstanceOf(CaptureFailure);
    expect((err as CaptureFailure).code).toBe('AUTH_NETWORK_ERROR');
    return false;
  }
};

describe('document answers are shape-checked on receipt, in step with the contract schemas', () => {
  const reads: unknown[] = [
    passed,
    { ...passed, side: 'back', fields: {} },
    { ...passed, status: 'failed', code: 'OCR_WARNING', warnings: [-9101, -9108] },
    { ...passed, status: 'maybe' },
    { ...passed, side: 'middle' },
    { ...passed, warnings: ['-9101'] },
    { ...passed, fields: { Name: 3 } },
    { ...passed, invalidFields: [1] },
    { ...passed, readsLeft: undefined },
    null,
    [],
  ];
  it('DocumentRead', () => {
    for (const r of reads)
      expect(accepts(checkDocumentRead, r), JSON.stringify(r)).toBe(Value.Check(DocumentReadSchema, r));
  });

  it('DocumentConfirmed', () => {
    for (const r of [
      { next: 'liveness' },
      { next: 'finished', code: '0', message: 'Success', redirectTo: 'https://m.example/?token=x' },
      { next: 'finish' },
      {},
    ])
      expect(accepts(checkDocumentConfirmed, r), JSON.stringify(r)).toBe(
        Value.Check(DocumentConfirmedSchema, r),
      );
  });

  it('the client sends the header and types the contract names (kept as literals: the page bundles no TypeBox)', () => {
    const src = readFileSync(new URL('./api-client.ts', import.meta.url), 'utf8');
    expect(src).toContain(`'${DOCUMENT_SIDE_HEADER}': side`);
    for (const t of DOCUMENT_IMAGE_TYPES) expect(src).toContain(`'${t}'`);
  });
});
