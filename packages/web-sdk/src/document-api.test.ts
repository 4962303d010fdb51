import {
  CAPTURE_API_PREFIX,
  DOCUMENT_SIDE_HEADER,
  DocumentConfirmedSchema,
  DocumentReadSchema,
  DOCUMENT_IMAGE_TYPES,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CaptureApi, checkDocumentConfirmed, checkDocumentRead } from './api-client.js';
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

  it('readDocument sends the image with the contract header and type to the contract path', async () => {
    const seen: { url?: string; side?: string; type?: string; bytes?: number } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        Object.assign(seen, {
          url: req.url,
          side: req.headers[DOCUMENT_SIDE_HEADER],
          type: req.headers['content-type'],
          bytes: Buffer.concat(chunks).length,
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(passed));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const api = new CaptureApi(`http://127.0.0.1:${port}${CAPTURE_API_PREFIX}`, 'TOKEN-1234');
      for (const type of DOCUMENT_IMAGE_TYPES) {
        const read = await api.readDocument('front', new Blob([new Uint8Array(2048)], { type }));
        expect(read.readId).toBe('r1');
        expect(seen).toEqual({
          url: `${CAPTURE_API_PREFIX}/sessions/TOKEN-1234/documents`,
          side: 'front',
          type,
          bytes: 2048,
        });
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
