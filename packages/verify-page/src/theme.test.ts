import { describe, expect, it } from 'vitest';
import { apiBaseFromLocation, tokenFromLocation } from './location.js';
import {
  DEFAULT_THEME_COLOR,
  buttonColor,
  contrastRatio,
  normalizeThemeColor,
  onThemeColor,
  pickStyle,
} from './theme.js';

describe('normalizeThemeColor (ThemeColor: base-16 RGB, default #2d72f1 on a bad format)', () => {
  it('accepts #rrggbb, #rgb and the bare forms, lower-cased', () => {
    expect(normalizeThemeColor('#2D72F1')).toBe('#2d72f1');
    expect(normalizeThemeColor('ff6600')).toBe('#ff6600');
    expect(normalizeThemeColor('#0a3')).toBe('#00aa33');
    expect(normalizeThemeColor('  #123456 ')).toBe('#123456');
  });
  it('falls back to the default for anything else', () => {
    for (const bad of [
      '',
      'blue',
      '#12345',
      '#1234567',
      'rgb(1,2,3)',
      '#ggg000',
      '#fff;background:url(x)',
      null,
      42,
    ]) {
      expect(normalizeThemeColor(bad)).toBe(DEFAULT_THEME_COLOR);
    }
  });
});

describe('text on the theme colour', () => {
  it('picks the more readable of white and near-black', () => {
    expect(onThemeColor('#2d72f1')).toBe('#ffffff');
    expect(onThemeColor('#ffd800')).toBe('#111111');
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 0);
    // Whatever ThemeColor the merchant picks, the button text keeps at least 4.5:1.
    for (const c of [
      '#2d72f1',
      '#ffd800',
      '#00aa33',
      '#777777',
      '#ff0000',
      '#000080',
      '#808080',
      '#7f7f7f',
    ]) {
      const b = buttonColor(c);
      expect(contrastRatio(b, onThemeColor(b)), c).toBeGreaterThanOrEqual(4.5);
    }
    // Colours that already pass are used as given.
    expect(buttonColor('#000080')).toBe('#000080');
    // The vendor default needs a slightly darker shade for white text (4.39:1 as given).
    expect(contrastRatio('#2d72f1', '#ffffff')).toBeLessThan(4.5);
    expect(buttonColor('#2d72f1')).not.toBe('#2d72f1');
  });
});

describe('pickStyle', () => {
  it('query wins, else the system preference', () => {
    expect(pickStyle('dark', false)).toBe('dark');
    expect(pickStyle('light', true)).toBe('light');
    expect(pickStyle(null, true)).toBe('dark');
    expect(pickStyle('bogus', false)).toBe('light');
  });
});

describe('location helpers', () => {
  it('reads the token from /verify/<token> and puts the API next to /verify', () => {
    expect(tokenFromLocation({ pathname: '/verify/ABC-123_x', search: '' })).toBe('ABC-123_x');
    expect(tokenFromLocation({ pathname: '/verify/', search: '?token=Q' })).toBe('Q');
    expect(tokenFromLocation({ pathname: '/elsewhere', search: '' })).toBe('');
    expect(apiBaseFromLocation('/verify/ABC')).toBe('/capture/v1');
    expect(apiBaseFromLocation('/ekyc/verify/ABC')).toBe('/ekyc/capture/v1');
  });
});
