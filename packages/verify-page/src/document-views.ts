import { h } from './dom.js';
import { readableFieldName } from './document-fields.js';
import type { I18n } from './i18n.js';

/** Views of the document step. Each returns its root; document-step.ts mounts them and wires the buttons. */

const view = (name: string, ...children: (Node | false | undefined)[]): HTMLElement =>
  h('section', { class: `view view-${name}` }, ...children);
const primary = (label: string, onclick: () => void): HTMLButtonElement =>
  h('button', { type: 'button', class: 'btn primary', onclick }, label);
const secondary = (label: string, onclick: () => void): HTMLButtonElement =>
  h('button', { type: 'button', class: 'btn secondary', onclick }, label);
const photo = (i: I18n, url: string | undefined): HTMLElement | undefined =>
  url ? h('img', { class: 'doc-photo', src: url, alt: i.t('doc.photo') }) : undefined;

/** Taking the photo: title, tip, the SDK's preview / shutter / file button, exit. */
export function documentCaptureView(
  i: I18n,
  title: string,
  tip: string,
  sdkHost: HTMLElement,
  onExit: () => void,
): { view: HTMLElement; setTip: (text: string) => void } {
  const tipEl = h('p', { class: 'body doc-tip' }, tip);
  return {
    view: view(
      'doc-capture',
      h('h1', {}, title),
      tipEl,
      sdkHost,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'btn link', onclick: onExit }, i.t('common.exit')),
      ),
    ),
    setTip: (text) => (tipEl.textContent = text),
  };
}

export function documentReadingView(i: I18n, photoUrl: string | undefined): HTMLElement {
  return view(
    'doc-reading',
    h('div', { class: 'spinner', role: 'progressbar', 'aria-label': i.t('doc.reading.title') }),
    h('h1', {}, i.t('doc.reading.title')),
    h('p', { class: 'body' }, i.t('doc.reading.body')),
    photo(i, photoUrl),
  );
}

export interface ReadFailureViewOptions {
  code: string;
  message: string;
  warnings: string[];
  readsLeft: number;
  photoUrl: string | undefined;
  onRetake: (() => void) | undefined;
  onExit: () => void;
}

/** A read that did not pass: why (per code, the warnings listed), photos left, retake. */
export function documentFailureView(i: I18n, o: ReadFailureViewOptions): HTMLElement {
  return view(
    'doc-failure',
    h('div', { class: 'icon icon-fail', 'aria-hidden': 'true' }),
    h('h1', {}, i.t('doc.failure.title')),
    h(
      'div',
      { class: 'doc-problem', role: 'alert' },
      h('p', { class: 'body' }, o.message),
      o.warnings.length > 0 &&
        h('ul', { class: 'tips doc-warnings' }, ...o.warnings.map((w) => h('li', {}, w))),
    ),
    photo(i, o.photoUrl),
    h('p', { class: 'code' }, i.t('error.code', { code: o.code })),
    h(
      'p',
      { class: 'retries' },
      o.readsLeft > 0 ? i.t('doc.readsLeft', { n: o.readsLeft }) : i.t('doc.noReads'),
    ),
    h(
      'div',
      { class: 'actions' },
      o.onRetake && primary(i.t('doc.retake'), o.onRetake),
      o.onRetake ? secondary(i.t('common.exit'), o.onExit) : primary(i.t('common.continue'), o.onExit),
    ),
  );
}

export interface ConfirmViewOptions {
  fields: [name: string, value: string | null][];
  invalid: readonly string[];
  editable: boolean;
  photoUrl: string | undefined;
  onConfirm: (values: Record<string, string>) => void;
  onExit: () => void;
}

/**
 * The fields read from the document, one labelled input each (read-only unless the session allows
 * edits), fields that failed a check marked invalid with a hint; Confirm submits the form.
 */
export function documentConfirmView(
  i: I18n,
  o: ConfirmViewOptions,
): { view: HTMLElement; setBusy: (busy: boolean) => void; setError: (message: string | undefined) => void } {
  const inputs: HTMLInputElement[] = [];
  const rows = o.fields.map(([name, value], n) => {
    const id = `doc-field-${n}`;
    const invalid = o.invalid.includes(name);
    const input = h('input', {
      id,
      name,
      type: 'text',
      value: value ?? '',
      placeholder: value === null ? i.t('doc.confirm.empty') : undefined,
      readonly: !o.editable,
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-invalid': invalid ? 'true' : undefined,
      'aria-describedby': invalid ? `${id}-hint` : undefined,
    });
    inputs.push(input);
    return h(
      'div',
      { class: invalid ? 'doc-field invalid' : 'doc-field' },
      h('label', { for: id }, readableFieldName(name)),
      input,
      invalid && h('p', { class: 'doc-field-hint', id: `${id}-hint` }, i.t('doc.confirm.invalid')),
    );
  });
  const error = h('p', { class: 'doc-form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn primary' }, i.t('doc.confirm.button'));
  const form = h(
    'form',
    { class: 'doc-form', novalidate: true },
    ...rows,
    error,
    h('div', { class: 'actions' }, submit, secondary(i.t('common.exit'), o.onExit)),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    o.onConfirm(Object.fromEntries(inputs.map((el) => [el.name, el.value])));
  });
  return {
    view: view(
      'doc-confirm',
      h('h1', {}, i.t('doc.confirm.title')),
      h('p', { class: 'body' }, o.editable ? i.t('doc.confirm.bodyEdit') : i.t('doc.confirm.body')),
      photo(i, o.photoUrl),
      form,
    ),
    setBusy: (busy) => {
      submit.disabled = busy;
      form.setAttribute('aria-busy', busy ? 'true' : 'false');
    },
    setError: (message) => {
      error.hidden = message === undefined;
      error.textContent = message ?? '';
    },
  };
}
