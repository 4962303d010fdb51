import { describe, expect, it } from 'vitest';
import { bodyKindOf, readApiRequest } from './api-request.js';

const empty = Buffer.alloc(0);

describe('bodyKindOf', () => {
  it('accepts JSON with any charset and forms; refuses the rest', () => {
    expect(bodyKindOf('application/json', empty)).toBe('json');
    expect(bodyKindOf('Application/JSON; charset=utf-8', empty)).toBe('json');
    expect(bodyKindOf('application/x-www-form-urlencoded; charset=UTF-8', empty)).toBe('form');
    expect(bodyKindOf(undefined, empty)).toBe('none');
    expect(() => bodyKindOf(undefined, Buffer.from('x'))).toThrow(
      expect.objectContaining({ code: 'UnsupportedProtocol' }),
    );
    expect(() => bodyKindOf('multipart/form-data; boundary=x', empty)).toThrow(
      expect.objectContaining({ code: 'UnsupportedProtocol' }),
    );
  });
});

describe('readApiRequest', () => {
  it('TC3: common parameters from headers; X-TC-Region "null" means no region (spec §0.8)', () => {
    const r = readApiRequest({
      method: 'POST',
      url: '/',
      headers: {
        host: 'h:1',
        authorization: 'x',
        'content-type': 'application/json',
        'x-tc-action': 'A',
        'x-tc-version': 'V',
        'x-tc-region': 'null',
        'x-tc-language': 'en-US',
      },
      body: Buffer.from('{}'),
    });
    expect(r).toMatchObject({
      style: 'tc3',
      action: 'A',
      version: 'V',
      region: undefined,
      language: 'en-US',
      host: 'h:1',
    });
    expect(r.form).toBeUndefined();
  });

  it('v1 GET: everything from the raw query, kept verbatim for signing', () => {
    const r = readApiRequest({
      method: 'GET',
      url: '/?Action=A&Version=V&Region=ap-singapore&Image=AAAA%2B%2F%3D%3D',
      headers: { host: 'h' },
      body: empty,
    });
    expect(r).toMatchObject({
      style: 'v1',
      method: 'GET',
      action: 'A',
      version: 'V',
      region: 'ap-singapore',
    });
    expect(r.rawQuery).toBe('Action=A&Version=V&Region=ap-singapore&Image=AAAA%2B%2F%3D%3D');
    expect(r.form?.get('Image')).toBe('AAAA+/==');
  });

  it('v1 form POST; a JSON body without Authorization is still TC3-style', () => {
    const form = readApiRequest({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Action=A&Region='),
    });
    expect(form).toMatchObject({ style: 'v1', action: 'A', region: undefined });
    const json = readApiRequest({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json' },
      body: empty,
    });
    expect(json.style).toBe('tc3');
  });

  it('other methods are UnsupportedProtocol', () => {
    expect(() => readApiRequest({ method: 'PUT', url: '/', headers: {}, body: empty })).toThrow(
      expect.objectContaining({ code: 'UnsupportedProtocol' }),
    );
  });
});
