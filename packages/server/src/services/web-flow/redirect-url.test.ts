import { ApiError } from '@open-ekyc/contract';
import { describe, expect, it } from 'vitest';
import { redirectWithToken, validateRedirectUrl } from './redirect-url.js';

describe('RedirectURL safety', () => {
  it.each([
    'https://www.tencentcloud.com/products/faceid',
    'http://127.0.0.1:8080/done',
    'https://shop.example/kyc?order=42&lang=en#top',
    'HTTPS://Shop.Example/x',
  ])('accepts %s', (url) => {
    expect(() => validateRedirectUrl(url)).not.toThrow();
  });

  it.each([
    ['javascript:alert(1)', 'script URL'],
    ['JaVaScRiPt:alert(1)//https://ok.example', 'script URL, mixed case'],
    ['data:text/html,<script>alert(1)</script>', 'data URL'],
    ['//evil.com/x', 'scheme-relative'],
    ['/relative/path', 'relative'],
    ['https:/evil.com', 'one slash'],
    ['https:\\\\evil.com', 'backslashes'],
    ['https://ok.example\\@evil.com', 'backslash before @'],
    ['https://user:pass@ok.example/', 'credentials'],
    ['https://user@ok.example/', 'user only'],
    ['https://ok.example@evil.com/', 'host confusion with @'],
    ['https://ok.example/\nLocation: https://evil.com', 'newline'],
    ['https://ok.example/\u0000', 'NUL'],
    ['https://ok.example/a b', 'space'],
    [' https://ok.example/', 'leading space'],
    ['https://ok.example/\u2028', 'line separator'],
    ['ftp://ok.example/', 'other scheme'],
    ['https://', 'no host'],
    [`https://ok.example/${'a'.repeat(2100)}`, 'too long'],
  ])('refuses %j (%s)', (url) => {
    expect(() => validateRedirectUrl(url)).toThrow(ApiError);
    try {
      validateRedirectUrl(url);
    } catch (err) {
      expect((err as ApiError).code).toBe('InvalidParameterValue');
    }
  });

  it('appends token= with ? or &, before the fragment, keeping the merchant query byte for byte', () => {
    expect(redirectWithToken('https://a.example/done', 'T-1')).toBe('https://a.example/done?token=T-1');
    expect(redirectWithToken('https://a.example/done?x=a%20b+c', 'T-1')).toBe(
      'https://a.example/done?x=a%20b+c&token=T-1',
    );
    expect(redirectWithToken('https://a.example/done?', 'T-1')).toBe('https://a.example/done?token=T-1');
    expect(redirectWithToken('https://a.example/done?x=1&', 'T-1')).toBe(
      'https://a.example/done?x=1&token=T-1',
    );
    expect(redirectWithToken('https://a.example/done?x=1#frag?y', 'T-1')).toBe(
      'https://a.example/done?x=1&token=T-1#frag?y',
    );
    expect(redirectWithToken('https://a.example/#/route', 'T 1')).toBe(
      'https://a.example/?token=T%201#/route',
    );
  });

  it('the stored form is what the parser reads, so the page goes exactly where the merchant said', () => {
    const stored = validateRedirectUrl('https://Shop.Example:443/kyc?order=42');
    expect(new URL(stored).host).toBe('shop.example');
    expect(stored).toBe('https://shop.example/kyc?order=42');
  });
});
