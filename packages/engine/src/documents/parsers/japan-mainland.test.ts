import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../ocr.js';
import { japaneseDate, myNumberCheckDigit, parseJapan } from './japan.js';
import { decodeMainlandId, mainlandCheckChar, parseMainland } from './mainland.js';

const stack = (texts: string[]): OcrLine[] =>
  texts.map((text, i) => ({ text, confidence: 0.9, box: { x: 10, y: 10 + i * 40, width: 500, height: 30 } }));

describe('Japan', () => {
  it('My Number check digit (総務省令 formula)', () => {
    // Hand-computed: Σ P·Q over 12345678901 = 212; 212 mod 11 = 3; 11 − 3 = 8.
    expect(myNumberCheckDigit('12345678901')).toBe(8);
    expect(myNumberCheckDigit('1234567890')).toBeNull();
  });
  it('era and Gregorian dates', () => {
    expect(japaneseDate('昭和60年 1月 1日生')).toEqual({ y: 1985, m: 1, d: 1 });
    expect(japaneseDate('平成元年4月1日')).toEqual({ y: 1989, m: 4, d: 1 });
    expect(japaneseDate('2030年(令和12年)01月01日まで有効')).toEqual({ y: 2030, m: 1, d: 1 });
    expect(japaneseDate('1985/01/01')).toEqual({ y: 1985, m: 1, d: 1 });
    expect(japaneseDate('昭和60年2月30日')).toBeNull();
  });
  it('parses a driving licence', () => {
    const p = parseJapan(
      {
        lines: stack([
          '氏名 山田 太郎 昭和60年 1月 1日生',
          '住所 東京都千代田区霞が関2-1-2',
          '交付 令和02年 4月 1日 12345',
          '2030年(令和12年)01月01日まで有効',
          '第 3O1234567890 号',
          '東京都公安委員会',
        ]),
        mrz: null,
      },
      new Date('2026-01-01'),
    );
    expect(p.fields).toEqual({
      FullName: '山田 太郎',
      LicenseNumber: '301234567890',
      Age: '41',
      Birthday: '1985-01-01',
      ExpirationDate: '2030-01-01',
      FormattedAddress: '東京都千代田区霞が関2-1-2',
    });
    expect(p.evidence.LicenseNumber?.valid).toBeUndefined(); // licence check digit is not published
  });
  it('finds the expiry as the recogniser reads it (no kana, Chinese 效 for 効)', () => {
    const p = parseJapan({ lines: stack(['2030年(令和12年)01月01日 有效']), mrz: null });
    expect(p.fields.ExpirationDate).toBe('2030-01-01');
  });
  it('verifies a My Number card number', () => {
    const ok = parseJapan({ lines: stack(['個人番号 1234 5678 9018']), mrz: null });
    expect(ok.evidence.LicenseNumber?.valid).toBe(true);
    const bad = parseJapan({ lines: stack(['個人番号 1234 5678 9017']), mrz: null });
    expect(bad.evidence.LicenseNumber?.valid).toBe(false);
  });
});

describe('Mainland resident identity card', () => {
  it('ISO 7064 MOD 11-2 check character', () => {
    // GB 11643-1999's own example number.
    expect(mainlandCheckChar('11010519491231002')).toBe('X');
    expect(decodeMainlandId('11010519491231002X')).toEqual({
      checkOk: true,
      regionOk: true,
      birth: { y: 1949, m: 12, d: 31 },
      male: false,
    });
    expect(decodeMainlandId('110105194912310021')?.checkOk).toBe(false);
  });
  it('parses the Chinese front and back', () => {
    const p = parseMainland({
      lines: stack([
        '姓名 张三',
        '性别 男 民族 汉',
        '出生 1990 年 3 月 7 日',
        '住址 北京市东城区景山前街',
        '4号',
        '公民身份号码 110101199003076632',
        '签发机关 北京市公安局东城分局',
        '有效期限 2010.01.01-2030.01.01',
      ]),
      mrz: null,
    });
    expect(p.fields).toEqual({
      FullName: '张三',
      Sex: '男',
      Nation: '汉',
      Birthday: '1990/3/7',
      Address: '北京市东城区景山前街4号',
      LicenseNumber: '110101199003076632',
      FormattedAddress: '北京市东城区景山前街4号',
      Authority: '北京市公安局东城分局',
      ValidDate: '2010.01.01-2030.01.01',
    });
    expect(p.evidence.LicenseNumber?.valid).toBe(true);
    expect(p.evidence.Birthday?.valid).toBe(true);
    expect(p.evidence.Sex?.valid).toBe(true);
  });
  it('fills birth date and sex from the number alone, fixes O/0, I/1, x and flags a bad check', () => {
    const p = parseMainland({ lines: stack(['II0I0I I99003O76632']), mrz: null });
    expect(p.fields.LicenseNumber).toBe('110101199003076632');
    expect(p.fields).toMatchObject({ Birthday: '1990/3/7', Sex: '男' });
    const x = parseMainland({ lines: stack(['11010519491231002x']), mrz: null });
    expect(x.fields).toMatchObject({ LicenseNumber: '11010519491231002X', Sex: '女' });
    const bad = parseMainland({ lines: stack(['110101199003076631']), mrz: null });
    expect(bad.evidence.LicenseNumber?.valid).toBe(false);
    const mismatch = parseMainland({ lines: stack(['性别 女', '110101199003076632']), mrz: null });
    expect(mismatch.evidence.Sex?.valid).toBe(false);
  });
});
