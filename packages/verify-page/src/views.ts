import { h } from './dom.js';
import type { I18n } from './i18n.js';

/** Static views of the page. Each returns its root; the flow mounts it and wires the buttons. */
export interface Views {
  loading(): HTMLElement;
  consent(onContinue: () => void): HTMLElement;
  /** `text`: the document flow's title, body and tips instead of the face-only ones. */
  start(onStart: () => void, onExit: () => void, text?: StartText): HTMLElement;
  permission(onAllow: () => void, onExit: () => void): HTMLElement;
  cameraError(code: string, onRetry: () => void, onExit: () => void): HTMLElement;
  flashNotice(onContinue: () => void, onExit: () => void): HTMLElement;
  uploading(): { view: HTMLElement; progress: (fraction: number) => void };
  processing(): HTMLElement;
  success(onContinue: (() => void) | undefined, redirecting: boolean): HTMLElement;
  failure(
    code: string,
    message: string,
    retriesLeft: number,
    onRetry: (() => void) | undefined,
    onContinue: (() => void) | undefined,
  ): HTMLElement;
  fatal(code: string, message: string, onContinue?: () => void): HTMLElement;
}

export interface StartText {
  title: string;
  body: string;
  tips: string[];
}

const icon = (kind: 'ok' | 'fail' | 'camera' | 'flash' | 'face'): HTMLElement =>
  h('div', { class: `icon icon-${kind}`, 'aria-hidden': 'true' });

export function createViews(i: I18n): Views {
  const primary = (
    label: string,
    onclick: () => void,
    extra: Record<string, string | boolean> = {},
  ): HTMLButtonElement => h('button', { type: 'button', class: 'btn primary', onclick, ...extra }, label);
  const secondary = (label: string, onclick: () => void): HTMLButtonElement =>
    h('button', { type: 'button', class: 'btn secondary', onclick }, label);
  const view = (name: string, ...children: (Node | false | undefined)[]): HTMLElement =>
    h('section', { class: `view view-${name}` }, ...children);

  const cameraMessage = (code: string): string =>
    code === 'NO_CAMERA_PERMISSION'
      ? i.t('camera.denied')
      : code === 'DEVICE_NOT_SUPPORT'
        ? i.t('camera.notWorking')
        : i.t('camera.busy');

  return {
    loading: () =>
      view(
        'loading',
        h('div', { class: 'spinner', role: 'progressbar', 'aria-label': i.t('loading') }),
        h('p', { class: 'body' }, i.t('loading')),
      ),

    consent: (onContinue) => {
      const box = h('input', { type: 'checkbox', id: 'consent-check' });
      const go = primary(i.t('common.continue'), onContinue, { disabled: true });
      box.addEventListener('change', () => (go.disabled = !box.checked));
      return view(
        'consent',
        icon('face'),
        h('h1', {}, i.t('consent.title')),
        h('p', { class: 'body' }, i.t('consent.body')),
        h('div', { class: 'check' }, box, h('label', { for: 'consent-check' }, i.t('consent.checkbox'))),
        h('div', { class: 'actions' }, go),
      );
    },

    start: (onStart, onExit, text) =>
      view(
        'start',
        icon('face'),
        h('h1', {}, text?.title ?? i.t('start.title')),
        h('p', { class: 'body' }, text?.body ?? i.t('start.body')),
        h(
          'ul',
          { class: 'tips' },
          ...(text?.tips ?? [i.t('start.tip1'), i.t('start.tip2'), i.t('start.tip3')]).map((t) =>
            h('li', {}, t),
          ),
        ),
        h(
          'div',
          { class: 'actions' },
          primary(i.t('start.button'), onStart),
          secondary(i.t('common.exit'), onExit),
        ),
      ),

    permission: (onAllow, onExit) =>
      view(
        'permission',
        icon('camera'),
        h('h1', {}, i.t('permission.title')),
        h('p', { class: 'body' }, i.t('permission.body')),
        h(
          'div',
          { class: 'actions' },
          primary(i.t('permission.button'), onAllow),
          secondary(i.t('common.exit'), onExit),
        ),
      ),

    cameraError: (code, onRetry, onExit) =>
      view(
        'camera-error',
        icon('camera'),
        h('h1', {}, i.t('camera.title')),
        h('p', { class: 'body', role: 'alert' }, cameraMessage(code)),
        h('p', { class: 'code' }, i.t('error.code', { code })),
        h(
          'div',
          { class: 'actions' },
          primary(i.t('common.retry'), onRetry),
          secondary(i.t('common.exit'), onExit),
        ),
      ),

    flashNotice: (onContinue, onExit) =>
      view(
        'flash-notice',
        icon('flash'),
        h('h1', {}, i.t('flash.title')),
        h('p', { class: 'body' }, i.t('flash.body')),
        h(
          'div',
          { class: 'actions' },
          primary(i.t('flash.button'), onContinue),
          secondary(i.t('common.exit'), onExit),
        ),
      ),

    uploading: () => {
      const bar = h('progress', {
        max: 100,
        value: 0,
        id: 'upload-progress',
        'aria-label': i.t('upload.title'),
      });
      const label = h('p', { class: 'body', 'aria-live': 'polite' }, i.t('upload.progress', { percent: 0 }));
      return {
        view: view('uploading', h('h1', {}, i.t('upload.title')), bar, label),
        progress: (fraction) => {
          const percent = Math.max(0, Math.min(100, Math.round(fraction * 100)));
          bar.value = percent;
          label.textContent = i.t('upload.progress', { percent });
        },
      };
    },

    processing: () =>
      view(
        'processing',
        h('div', { class: 'spinner', 'aria-hidden': 'true' }),
        h('h1', {}, i.t('processing.title')),
        h('p', { class: 'body' }, i.t('processing.body')),
      ),

    success: (onContinue, redirecting) =>
      view(
        'success',
        icon('ok'),
        h('h1', {}, i.t('result.success.title')),
        h('p', { class: 'body' }, redirecting ? i.t('result.redirecting') : i.t('result.success.body')),
        onContinue &&
          !redirecting &&
          h('div', { class: 'actions' }, primary(i.t('common.continue'), onContinue)),
      ),

    failure: (code, message, retriesLeft, onRetry, onContinue) =>
      view(
        'failure',
        icon('fail'),
        h('h1', {}, i.t('result.failure.title')),
        h('p', { class: 'body', role: 'alert' }, message),
        h('p', { class: 'code' }, i.t('error.code', { code })),
        h(
          'p',
          { class: 'retries' },
          retriesLeft > 0 ? i.t('result.retriesLeft', { n: retriesLeft }) : i.t('result.noRetries'),
        ),
        h(
          'div',
          { class: 'actions' },
          onRetry && primary(i.t('common.retry'), onRetry),
          onContinue &&
            (onRetry
              ? secondary(i.t('common.exit'), onContinue)
              : primary(i.t('common.continue'), onContinue)),
        ),
      ),

    fatal: (code, message, onContinue) =>
      view(
        'fatal',
        icon('fail'),
        h('h1', {}, i.t('error.title')),
        h('p', { class: 'body', role: 'alert' }, message),
        h('p', { class: 'code' }, i.t('error.code', { code })),
        onContinue && h('div', { class: 'actions' }, primary(i.t('common.continue'), onContinue)),
      ),
  };
}
