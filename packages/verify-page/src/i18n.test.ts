import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { I18n, LANGUAGES, pickLanguage } from './i18n.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'i18n');
const en = JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8')) as Record<string, string>;
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('i18n data', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('has the languages the page promises (vendor list + ms, ja, ko), each registered', () => {
    const langs = files.map((f) => f.replace(/\.json$/, '')).sort();
    expect(langs).toEqual(['en', 'id', 'ja', 'ko', 'ms', 'th', 'zh-cn', 'zh-tc']);
    expect(Object.keys(LANGUAGES).sort()).toEqual(langs);
  });

  for (const file of files) {
    it(`${file}: every key of en.json, no extra keys, no empty strings, same placeholders`, () => {
      const m = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, string>;
      expect(Object.keys(m).sort()).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(m)) {
        expect(typeof v === 'string' && v.trim().length > 0, `${file} ${k}`).toBe(true);
        expect(placeholders(v), `${file} ${k}`).toEqual(placeholders(en[k] ?? ''));
      }
    });
  }

  it('non-English files are actually translated (most strings differ from English)', () => {
    for (const [lang, m] of Object.entries(LANGUAGES)) {
      if (lang === 'en') continue;
      const same = Object.keys(en).filter((k) => m[k] === en[k]).length;
      expect(same, lang).toBeLessThan(Object.keys(en).length * 0.1);
    }
  });
});

describe('pickLanguage', () => {
  it('maps vendor Language values and browser tags, defaulting to en', () => {
    expect(pickLanguage('zh-cn')).toBe('zh-cn');
    expect(pickLanguage('zh-CN')).toBe('zh-cn');
    expect(pickLanguage('zh_TW')).toBe('zh-tc');
    expect(pickLanguage('zh-HK')).toBe('zh-tc');
    expect(pickLanguage('ja-JP')).toBe('ja');
    expect(pickLanguage('th')).toBe('th');
    expect(pickLanguage('fr')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });
});

describe('I18n', () => {
  it('fills placeholders and finds code messages', () => {
    const i = new I18n('en');
    expect(i.t('upload.progress', { percent: 42 })).toBe('42% uploaded');
    expect(i.code('15')).toMatch(/expired/);
    expect(i.code('no-such-code')).toBeUndefined();
    expect(new I18n('ja').t('result.retriesLeft', { n: 2 })).toBe('残り回数：2');
  });
});
