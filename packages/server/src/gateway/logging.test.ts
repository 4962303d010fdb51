import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging.js';

describe('redactUrl', () => {
  it('masks every query value except harmless common parameters', () => {
    expect(
      redactUrl('/?Action=GetFaceIdTokenIntl&SecretId=AKIDx&Signature=abc%3D&Image=AAAA&Version=2018-03-01'),
    ).toBe('/?Action=GetFaceIdTokenIntl&SecretId=*&Signature=*&Image=*&Version=2018-03-01');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});
