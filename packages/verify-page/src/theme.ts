/** ThemeColor handling (WebVerificationConfigIntl.ThemeColor: base-16 RGB, default #2d72f1, default on a bad format). */
export const DEFAULT_THEME_COLOR = '#2d72f1';

/** `#rgb` / `#rrggbb` (the `#` optional) → lower-case `#rrggbb`; anything else → the default. */
export function normalizeThemeColor(input: unknown): string {
  if (typeof input !== 'string') return DEFAULT_THEME_COLOR;
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(input.trim());
  if (!m?.[1]) return DEFAULT_THEME_COLOR;
  const hex = m[1].toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text colour for text on the theme colour: white unless dark text reads better. */
export function onThemeColor(theme: string): '#ffffff' | '#111111' {
  return contrastRatio(theme, '#ffffff') >= contrastRatio(theme, '#111111') ? '#ffffff' : '#111111';
}

function mix(hex: string, toward: number, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => Math.round(c + (toward - c) * amount));
  return `#${ch.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Button background for the theme colour: the colour itself when its text reaches WCAG AA (4.5:1),
 * otherwise the closest darker (or lighter) shade that does. The vendor default #2d72f1 with white
 * text is 4.39:1, so it is darkened by a few percent.
 */
export function buttonColor(theme: string): string {
  if (contrastRatio(theme, onThemeColor(theme)) >= 4.5) return theme;
  const toward = onThemeColor(theme) === '#ffffff' ? 0 : 255;
  for (let step = 1; step <= 20; step += 1) {
    const c = mix(theme, toward, step * 0.03);
    if (contrastRatio(c, onThemeColor(c)) >= 4.5) return c;
  }
  return toward === 0 ? '#000000' : '#ffffff';
}

export type ColorStyle = 'light' | 'dark';

export function pickStyle(query: string | null, prefersDark: boolean): ColorStyle {
  if (query === 'dark' || query === 'light') return query;
  return prefersDark ? 'dark' : 'light';
}

export function applyTheme(root: HTMLElement, themeColor: unknown, style: ColorStyle): string {
  const color = normalizeThemeColor(themeColor);
  root.style.setProperty('--ekyc-theme', color);
  const button = buttonColor(color);
  root.style.setProperty('--ekyc-button', button);
  root.style.setProperty('--ekyc-on-theme', onThemeColor(button));
  root.dataset.style = style;
  return color;
}
