import type { GuidanceStatus } from './guidance.js';
import { adoptStyle } from './stylesheet.js';

/** The SDK's own few strings; the host passes translations through StartConfig.messages. */
export const DEFAULT_MESSAGES: Readonly<Record<string, string>> = {
  'sdk.preview': 'Camera preview',
  'sdk.countdown': '{s} s',
  'sdk.dialog.ok': 'OK',
  'sdk.dialog.title': 'Verification interrupted',
  'sdk.fallback.button': 'Record a video',
  'sdk.dialog.generic': 'The verification could not continue. Please try again.',
  // vendor-docs 003_*: the three camera messages of the web flow.
  'code.CAMERA_OPEN_FAILED':
    'Unable to access your camera/mic. Please make sure that there is no other app requesting access to them and try again.',
  'code.NO_CAMERA_PERMISSION':
    'Mic and camera permissions of your device are required during the whole verification. Please clear your browser cache and try again.',
  'code.DEVICE_NOT_SUPPORT': 'Please check whether the camera/mic can be accessed normally and try again.',
};

const CSS = `
.ekyc-sdk{position:relative;display:flex;flex-direction:column;align-items:center;gap:8px;width:100%}
.ekyc-flash{position:fixed;inset:0;z-index:1;pointer-events:none}
.ekyc-stage{position:relative;z-index:2;width:min(72vw,280px);aspect-ratio:1;border-radius:50%;overflow:hidden;background:#111;
 box-shadow:0 0 0 4px var(--ekyc-ring,#9aa4b2)}
.ekyc-stage[data-status=ok]{--ekyc-ring:var(--ekyc-theme,#2d72f1)}
.ekyc-stage[data-status=no_face],.ekyc-stage[data-status=multiple_faces]{--ekyc-ring:#c62828}
.ekyc-video{width:100%;height:100%;object-fit:cover;transform:scaleX(-1)}
.ekyc-countdown{position:relative;z-index:2;font:600 14px/1.4 system-ui,sans-serif;min-height:20px}
.ekyc-dialog{position:fixed;inset:0;z-index:10;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.5)}
.ekyc-dialog[hidden]{display:none}
.ekyc-sdk[data-style=dark] .ekyc-dialog>div{background:#1c2128;color:#eef1f5}
.ekyc-dialog>div{background:#fff;color:#111;border-radius:12px;padding:20px;max-width:300px;font:15px/1.5 system-ui,sans-serif}
.ekyc-dialog button,.ekyc-file-label{display:block;margin-top:12px;width:100%;min-height:44px;border:0;border-radius:8px;
 background:var(--ekyc-button,var(--ekyc-theme,#2d72f1));color:var(--ekyc-on-theme,#fff);font:600 16px system-ui,sans-serif;text-align:center;line-height:44px;cursor:pointer}
.ekyc-file{position:absolute;width:1px;height:1px;opacity:0}
.ekyc-file:focus-visible+.ekyc-file-label{outline:3px solid #111;outline-offset:2px}
`;

/** The DOM the SDK owns inside the host's container: preview circle, flash layer, countdown, dialog. */
export class SdkUi {
  readonly root: HTMLDivElement;
  readonly video: HTMLVideoElement;
  readonly flash: HTMLDivElement;
  private readonly stage: HTMLDivElement;
  private readonly countdown: HTMLDivElement;
  private readonly dialog: HTMLDivElement;
  private messages: Record<string, string> = { ...DEFAULT_MESSAGES };

  constructor(private readonly container: HTMLElement) {
    const doc = container.ownerDocument;
    adoptStyle(doc, 'ekyc-sdk-style', CSS);
    this.root = doc.createElement('div');
    this.root.className = 'ekyc-sdk';
    this.flash = doc.createElement('div');
    this.flash.className = 'ekyc-flash';
    this.flash.hidden = true;
    this.stage = doc.createElement('div');
    this.stage.className = 'ekyc-stage';
    this.video = doc.createElement('video');
    this.video.className = 'ekyc-video';
    this.video.muted = true;
    this.video.autoplay = true;
    this.video.playsInline = true;
    this.stage.append(this.video);
    this.countdown = doc.createElement('div');
    this.countdown.className = 'ekyc-countdown';
    this.countdown.setAttribute('aria-hidden', 'true');
    this.dialog = doc.createElement('div');
    this.dialog.className = 'ekyc-dialog';
    this.dialog.hidden = true;
    this.dialog.setAttribute('role', 'alertdialog');
    this.dialog.setAttribute('aria-modal', 'true');
    this.root.append(this.flash, this.stage, this.countdown, this.dialog);
    container.append(this.root);
  }

  setMessages(
    messages: Record<string, string> | undefined,
    style: 'light' | 'dark',
    language?: string,
  ): void {
    this.messages = { ...DEFAULT_MESSAGES, ...(messages ?? {}) };
    this.root.dataset.style = style;
    if (language) this.root.lang = language;
    this.video.setAttribute('aria-label', this.t('sdk.preview'));
  }

  t(key: string, vars: Record<string, string | number> = {}): string {
    const text = this.messages[key] ?? DEFAULT_MESSAGES[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  }

  /** The user-facing message for a failure code (never the technical error text). */
  codeMessage(code: string): string {
    const key = `code.${code.replace(/_\d+$/, '')}`;
    return this.messages[key] ?? DEFAULT_MESSAGES[key] ?? this.t('sdk.dialog.generic');
  }

  setStatus(status: GuidanceStatus | undefined): void {
    if (status) this.stage.dataset.status = status;
    else delete this.stage.dataset.status;
  }

  showStage(show: boolean): void {
    this.stage.hidden = !show;
    if (show) this.removeFileInput();
  }

  setCountdown(secondsLeft: number | undefined): void {
    this.countdown.textContent = secondsLeft === undefined ? '' : this.t('sdk.countdown', { s: secondsLeft });
  }

  /** Shows the error dialog; resolves when the user closes it. */
  showDialog(message: string, code: string): Promise<void> {
    const doc = this.container.ownerDocument;
    const box = doc.createElement('div');
    const title = doc.createElement('h2');
    title.id = 'ekyc-dialog-title';
    title.textContent = this.t('sdk.dialog.title');
    const text = doc.createElement('p');
    text.textContent = `${message} (${code})`;
    const ok = doc.createElement('button');
    ok.type = 'button';
    ok.textContent = this.t('sdk.dialog.ok');
    box.append(title, text, ok);
    this.dialog.replaceChildren(box);
    this.dialog.setAttribute('aria-labelledby', title.id);
    this.dialog.hidden = false;
    ok.focus();
    return new Promise((resolve) => {
      ok.addEventListener('click', () => {
        this.dialog.hidden = true;
        resolve();
      });
    });
  }

  /** Recording mode: a labelled file input that opens the phone's camera app (capture=user). */
  showFileInput(onFile: (file: File) => void): HTMLInputElement {
    const doc = this.container.ownerDocument;
    this.showStage(false);
    this.removeFileInput();
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = 'video/*';
    input.setAttribute('capture', 'user');
    input.className = 'ekyc-file';
    input.id = 'ekyc-file-input';
    const label = doc.createElement('label');
    label.className = 'ekyc-file-label';
    label.htmlFor = input.id;
    label.textContent = this.t('sdk.fallback.button');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) onFile(file);
    });
    this.root.append(input, label);
    return input;
  }

  removeFileInput(): void {
    this.root.querySelectorAll('.ekyc-file, .ekyc-file-label').forEach((el) => el.remove());
  }

  destroy(): void {
    this.root.remove();
  }
}
