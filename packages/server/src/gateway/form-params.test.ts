import { describe, expect, it } from 'vitest';
import { parseForm, unflatten } from './form-params.js';

describe('parseForm', () => {
  it('decodes + and percent escapes, keeps the last duplicate, survives broken escapes', () => {
    const p = parseForm(
      'Image=AAAA%2B%2F%3D%3D&RedirectURL=https%3A%2F%2Fm.example%2Fcb%3Fx%3D1%26y%3Da+b&A=1&A=2&Bad=%E0%A4%A&Empty=&NoEq&=v',
    );
    expect(p.get('Image')).toBe('AAAA+/==');
    expect(p.get('RedirectURL')).toBe('https://m.example/cb?x=1&y=a b');
    expect(p.get('A')).toBe('2');
    expect(typeof p.get('Bad')).toBe('string');
    expect(p.get('Empty')).toBe('');
    expect(p.get('NoEq')).toBe('');
    expect(p.has('')).toBe(false);
  });
});

describe('unflatten (spec §3.7)', () => {
  it('rebuilds nested objects and indexed lists, dropping common parameters', () => {
    const p = parseForm(
      'Action=X&Version=2018-03-01&Nonce=1&Config.AutoSkip=true&Config.CheckMode=1&List.0=a&List.1=b&Items.0.Name=n0&Items.1.Name=n1&Plain=v',
    );
    const u = unflatten(p, true);
    expect(JSON.parse(JSON.stringify(u))).toEqual({
      Config: { AutoSkip: 'true', CheckMode: '1' },
      List: { '0': 'a', '1': 'b' },
      Items: { '0': { Name: 'n0' }, '1': { Name: 'n1' } },
      Plain: 'v',
    });
  });
  it('keeps common-parameter names when asked (TC3 GET carries them in headers)', () => {
    expect(unflatten(new Map([['Language', 'en']]), false).Language).toBe('en');
  });
  it('ignores prototype-polluting and empty segments', () => {
    const u = unflatten(parseForm('__proto__.polluted=1&a.constructor.x=1&a..b=1&.c=1&ok=1'), true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(u)).toEqual(['ok']);
  });
  it('prefers the nested form when a key is both a leaf and a parent', () => {
    expect(JSON.parse(JSON.stringify(unflatten(parseForm('A=1&A.B=2'), true)))).toEqual({ A: { B: '2' } });
    expect(JSON.parse(JSON.stringify(unflatten(parseForm('A.B=2&A=1'), true)))).toEqual({ A: { B: '2' } });
  });
});
