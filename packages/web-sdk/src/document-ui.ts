import { guideRect, type DocumentGuidance } from './document-quality.js';
import { adoptStyle } from './stylesheet.js';

/** The document step's own strings; the host passes translations through DocumentCaptureOptions.messages. */
export const DOCUMENT_MESSAGES: Readonly<Record<string, string>> = {
  'sdk.doc.preview': 'Camera preview of your document',
  'sdk.doc.starting': 'Starting the camera…',
  'sdk.doc.shutter': 'Take photo',
  'sdk.doc.file': 'Choose a photo',
  'sdk.doc.manual': 'Line up the document, then press the round button.',
  'sdk.doc.noCamera': 'The camera is not available: choose a photo of your document instead.',
  'sdk.doc.ok': 'Hold still…',
  'sdk.doc.no_card': 'Place your document inside the frame',
  'sdk.doc.align': 'Line up the document with the frame',
  'sdk.doc.move_closer': 'Move closer',
  'sdk.doc.move_back': 'Move back a little',
  'sdk.doc.too_dark': 'Too dark: find more light',
  'sdk.doc.too_bright': 'Too bright: avoid glare and direct light',
  'sdk.doc.blurry': 'Not sharp: hold steady',
  'sdk.doc.hold_still': 'Hold still',
};

const CSS = `
.ekyc-doc{display:flex;flex-direction:column;align-items:center;gap:10px;width:100%}
.ekyc-doc-stage{position:relative;width:min(100%,calc(50vh * var(--ekyc-doc-ratio,1.3333)));aspect-ratio:var(--ekyc-doc-ratio,4/3);
 overflow:hidden;border-radius:12px;background:#111}
.ekyc-doc-stage[hidden]{display:none}
.ekyc-doc-video{position:absolute;inset:0;width:100%;height:100%;object-fit:fill}
.ekyc-doc-guide{position:absolute;border:3px solid #fff;border-radius:8px;box-shadow:0 0 0 100vmax rgba(0,0,0,.45)}
.ekyc-doc-guide[data-status=ok]{border-color:#35c26b}
.ekyc-doc-hint{margin:0;min-height:1.5em;text-align:center;font:600 16px/1.4 system-ui,sans-serif}
.ekyc-doc-note{margin:0;text-align:center;font:14px/1.4 system-ui,sans-serif;opacity:.85}
.ekyc-doc-note[hidden]{display:none}
.ekyc-doc-shutter{width:72px;height:72px;border-radius:50%;border:5px solid var(--ekyc-button,var(--ekyc-theme,#2d72f1));
 background:#fff;box-shadow:inset 0 0 0 4px #fff,inset 0 0 0 40px var(--ekyc-button,var(--ekyc-theme,#2d72f1));cursor:pointer}
.ekyc-doc-shutter[hidden]{display:none}
.ekyc-doc-shutter:focus-visible{outline:3px solid currentColor;outline-offset:3px}
.ekyc-doc-file{position:absolute;width:1px;height:1px;opacity:0}
.ekyc-doc-file-label{display:block;box-sizing:border-box;width:100%;min-height:48px;padding:12px 16px;border-radius:10px;
 border:2px solid currentColor;font:600 16px/1.3 system-ui,sans-serif;text-align:center;cursor:pointer}
.ekyc-doc-file:focus-visible+.ekyc-doc-file-label{outline:3px solid currentColor;outline-offset:2px}
`;

let uid = 0;

/** The DOM the document capture owns inside the host's container. */
export class DocumentUi {
  readonly root: HTMLDivElement;
  readonly video: HTMLVideoElement;
  readonly shutter: HTMLButtonElement;
  readonly fileInput: HTMLInputElement;
  private readonly stage: HTMLDivElement;
  private readonly guide: HTMLDivElement;
  private readonly hint: HTMLParagraphElement;
  private readonly note: HTMLParagraphElement;
  private readonly messages: Record<string, string>;
  private shownSize = '';

  constructor(
    container: HTMLElement,
    messages: Record<string, string> | undefined,
    private readonly aspect: number,
    language?: string,
  ) {
    const doc = container.ownerDocument;
    adoptStyle(doc, 'ekyc-doc-style', CSS);
    this.messages = { ...DOCUMENT_MESSAGES, ...(messages ?? {}) };
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] => {
      const e = doc.createElement(tag);
      e.className = cls;
      return e;
    };
    this.root = el('div', 'ekyc-doc');
    if (language) this.root.lang = language;
    this.stage = el('div', 'ekyc-doc-stage');
    this.stage.hidden = true;
    this.video = el('video', 'ekyc-doc-video');
    this.video.muted = true;
    this.video.autoplay = true;
    this.video.playsInline = true;
    this.video.setAttribute('aria-label', this.t('sdk.doc.preview'));
    this.guide = el('div', 'ekyc-doc-guide');
    this.guide.setAttribute('aria-hidden', 'true');
    this.stage.append(this.video, this.guide);
    this.hint = el('p', 'ekyc-doc-hint');
    this.hint.setAttribute('aria-live', 'polite');
    this.note = el('p', 'ekyc-doc-note');
    this.note.hidden = true;
    this.shutter = el('button', 'ekyc-doc-shutter');
    this.shutter.type = 'button';
    this.shutter.hidden = true;
    this.shutter.setAttribute('aria-label', this.t('sdk.doc.shutter'));
    this.fileInput = el('input', 'ekyc-doc-file');
    this.fileInput.type = 'file';
    this.fileInput.accept = 'image/*';
    // The phone's camera app, rear camera (a desktop browser opens its file picker instead).
    this.fileInput.setAttribute('capture', 'environment');
    this.fileInput.id = `ekyc-doc-file-${++uid}`;
    const label = el('label', 'ekyc-doc-file-label');
    label.htmlFor = this.fileInput.id;
    label.textContent = this.t('sdk.doc.file');
    this.root.append(this.stage, this.hint, this.note, this.shutter, this.fileInput, label);
    container.append(this.root);
  }

  t(key: string): string {
    return this.messages[key] ?? DOCUMENT_MESSAGES[key] ?? key;
  }

  /** Shows the preview at the video's own aspect, with the guide where the analysis expects the card. */
  showCamera(width: number, height: number): void {
    const size = `${width}x${height}`;
    if (size === this.shownSize || width === 0 || height === 0) return;
    this.shownSize = size;
    // CSSOM properties, not a style attribute: allowed under the page's CSP (style-src 'self').
    this.stage.style.setProperty('--ekyc-doc-ratio', (width / height).toFixed(4));
    const g = guideRect(width, height, this.aspect);
    this.guide.style.left = `${(100 * g.x) / width}%`;
    this.guide.style.top = `${(100 * g.y) / height}%`;
    this.guide.style.width = `${(100 * g.width) / width}%`;
    this.guide.style.height = `${(100 * g.height) / height}%`;
    this.stage.hidden = false;
  }

  hideCamera(): void {
    this.stage.hidden = true;
    this.shownSize = '';
  }

  setStatus(status: DocumentGuidance | undefined): void {
    if (status) this.guide.dataset.status = status;
    else delete this.guide.dataset.status;
    if (status) this.setHint(this.t(`sdk.doc.${status}`));
  }

  setHint(text: string): void {
    if (this.hint.textContent !== text) this.hint.textContent = text;
  }

  showShutter(): void {
    this.note.textContent = this.t('sdk.doc.manual');
    this.note.hidden = false;
    this.shutter.hidden = false;
  }

  destroy(): void {
    this.root.remove();
  }
}
