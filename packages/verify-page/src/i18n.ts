import en from './i18n/en.json' with { type: 'json' };
import id from './i18n/id.json' with { type: 'json' };
import ja from './i18n/ja.json' with { type: 'json' };
import ko from './i18n/ko.json' with { type: 'json' };
import ms from './i18n/ms.json' with { type: 'json' };
import th from './i18n/th.json' with { type: 'json' };
import zhCn from './i18n/zh-cn.json' with { type: 'json' };
import zhTc from './i18n/zh-tc.json' with { type: 'json' };

export type MessageKey = keyof typeof en;
export type Messages = Record<string, string>;

/** Languages of the page; the keys are WebVerificationConfigIntl.Language values. */
export const LANGUAGES: Readonly<Record<string, Messages>> = {
  en,
  'zh-cn': zhCn,
  'zh-tc': zhTc,
  th,
  id,
  ms,
  ja,
  ko,
};

/** BCP 47 tag for <html lang>. */
export const HTML_LANG: Readonly<Record<string, string>> = {
  en: 'en',
  'zh-cn': 'zh-Hans',
  'zh-tc': 'zh-Hant',
  th: 'th',
  id: 'id',
  ms: 'ms',
  ja: 'ja',
  ko: 'ko',
};

/** The session's language when we have it, else en (the vendor default). Accepts e.g. `zh-CN`, `zh_TW`, `ja-JP`. */
export function pickLanguage(requested: string | undefined | null): string {
  const r = (requested ?? '').trim().toLowerCase().replace('_', '-');
  if (r in LANGUAGES) return r;
  if (r === 'zh' || r === 'zh-hans' || r === 'zh-sg') return 'zh-cn';
  if (r === 'zh-tw' || r === 'zh-hk' || r === 'zh-hant' || r === 'zh-mo') return 'zh-tc';
  const base = r.split('-')[0] ?? '';
  return base in LANGUAGES && base !== 'zh' ? base : 'en';
}

export class I18n {
  readonly messages: Messages;

  constructor(readonly lang: string) {
    this.messages = LANGUAGES[lang] ?? en;
  }

  t(key: MessageKey, vars: Record<string, string | number> = {}): string {
    const text = this.messages[key] ?? (en as Messages)[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  }

  /** Message for a result or client code, when we have one. */
  code(code: string): string | undefined {
    return this.messages[`code.${code}`] ?? (en as Messages)[`code.${code}`];
  }
}
