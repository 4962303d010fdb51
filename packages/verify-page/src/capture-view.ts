import type { CaptureChallenge } from '@open-ekyc/contract';
import type { GuidanceEvent } from '@open-ekyc/web-sdk';
import { h } from './dom.js';
import type { I18n, MessageKey } from './i18n.js';

/** The capture screen around the SDK's preview: the big prompt, step, guidance hint and exit. */
export class CaptureView {
  readonly view: HTMLElement;
  private readonly prompt: HTMLHeadingElement;
  private readonly step: HTMLParagraphElement;
  private readonly hint: HTMLParagraphElement;
  private readonly rec: HTMLSpanElement;
  private recording = false;

  constructor(
    private readonly i: I18n,
    sdkHost: HTMLElement,
    onExit: () => void,
  ) {
    this.prompt = h('h1', { class: 'prompt', 'aria-live': 'assertive' }, i.t('guide.starting'));
    this.step = h('p', { class: 'step' });
    this.hint = h('p', { class: 'hint', 'aria-live': 'polite' });
    this.rec = h('span', { class: 'rec', hidden: true }, i.t('prompt.recording'));
    this.view = h(
      'section',
      { class: 'view view-capture' },
      h('div', { class: 'pill' }, this.prompt, this.step),
      sdkHost,
      h('div', { class: 'pill status' }, this.hint, this.rec),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'btn link', onclick: onExit }, this.i.t('common.exit')),
      ),
    );
  }

  setPrompt(key: MessageKey): void {
    this.prompt.textContent = this.i.t(key);
  }

  setRecording(on: boolean): void {
    this.recording = on;
    this.rec.hidden = !on;
    document.body.dataset.recording = on ? 'true' : 'false';
  }

  /** Applies one SDK guidance event. */
  guidance(e: GuidanceEvent): void {
    switch (e.kind) {
      case 'face':
        document.body.dataset.guidance = e.status;
        if (!this.recording) this.setPrompt(`guide.${e.status}`);
        this.hint.textContent = this.recording && e.status !== 'ok' ? this.i.t(`guide.${e.status}`) : '';
        return;
      case 'hold':
        this.setPrompt('prompt.hold');
        return;
      case 'prompt':
        document.body.dataset.prompt = e.action;
        this.setPrompt(`prompt.${e.action}`);
        this.step.textContent =
          e.total > 1 ? this.i.t('prompt.step', { n: e.index + 1, total: e.total }) : '';
        return;
      case 'action_done':
        return;
      case 'flash':
        document.body.dataset.flash = e.color;
        this.setPrompt('prompt.flash');
        this.step.textContent = '';
        return;
      case 'instructions':
        return;
    }
  }
}

/** Instructions for recording mode: what to do in the self-recorded video. */
export function fallbackInstructions(i: I18n, challenge: CaptureChallenge): string {
  const actions =
    challenge.mode === 'action' || challenge.mode === 'action+reflection' ? challenge.actions : [];
  if (actions.length === 0) return i.t('fallback.body');
  return `${i.t('fallback.body')} ${i.t('fallback.actions', { actions: actions.map((a) => i.t(`prompt.${a}`)).join(' → ') })}`;
}

export function fallbackView(
  i: I18n,
  sdkHost: HTMLElement,
  onExit: () => void,
): { view: HTMLElement; setInstructions: (text: string) => void } {
  const body = h('p', { class: 'body' }, i.t('fallback.body'));
  const view = h(
    'section',
    { class: 'view view-fallback' },
    h('div', { class: 'icon icon-camera', 'aria-hidden': 'true' }),
    h('h1', {}, i.t('fallback.title')),
    body,
    sdkHost,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'btn secondary', onclick: onExit }, i.t('common.exit')),
    ),
  );
  return { view, setInstructions: (text) => (body.textContent = text) };
}
