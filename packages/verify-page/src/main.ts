import type { CaptureSession } from '@open-ekyc/contract';
import { CaptureApi, CaptureFailure } from '@open-ekyc/web-sdk';
import { mount } from './dom.js';
import { apiBaseFromLocation, tokenFromLocation } from './location.js';
import { HTML_LANG, I18n, pickLanguage } from './i18n.js';
import { PageFlow } from './page-flow.js';
import { applyTheme, pickStyle } from './theme.js';
import { createViews } from './views.js';

const STATE_CODES: Partial<Record<CaptureSession['state'], string>> = {
  finished: '14',
  expired: '15',
  exited: '1410',
};

async function boot(): Promise<void> {
  const app = document.getElementById('app');
  if (!app) return;
  const params = new URLSearchParams(location.search);
  const style = pickStyle(
    params.get('style'),
    window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
  );
  applyTheme(document.documentElement, undefined, style);
  let i18n = new I18n(pickLanguage(params.get('lang') ?? navigator.language));
  mount(app, 'loading', createViews(i18n).loading());

  const token = tokenFromLocation(location);
  const apiBase = apiBaseFromLocation(location.pathname);
  let session: CaptureSession;
  try {
    session = await new CaptureApi(apiBase, token).session();
  } catch (err) {
    const f = err instanceof CaptureFailure ? err : new CaptureFailure('UNDEFINED', String(err));
    document.body.dataset.errorCode = f.code;
    mount(app, 'fatal', createViews(i18n).fatal(f.code, i18n.code(f.code) ?? f.message));
    return;
  }
  i18n = new I18n(pickLanguage(params.get('lang') ?? session.language));
  document.documentElement.lang = HTML_LANG[i18n.lang] ?? 'en';
  document.title = i18n.t('page.title');
  applyTheme(document.documentElement, session.themeColor, style);
  const stateCode = STATE_CODES[session.state];
  if (stateCode) {
    document.body.dataset.errorCode = stateCode;
    mount(app, 'fatal', createViews(i18n).fatal(stateCode, i18n.code(stateCode) ?? stateCode));
    return;
  }
  const assetsBase = new URL('./', import.meta.url).href;
  await new PageFlow({
    app,
    token,
    apiBase,
    assetsBase,
    session,
    i18n,
    style,
    navigate: (url) => location.assign(url),
  }).run();
}

void boot();
