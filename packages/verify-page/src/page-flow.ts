import type { AttemptResult, CaptureSession, DocumentConfirmed } from '@open-ekyc/contract';
import { CLIENT_CODES, CaptureFailure, WebSdk, canCaptureLive, type StartConfig } from '@open-ekyc/web-sdk';
import { CaptureView, fallbackInstructions, fallbackView } from './capture-view.js';
import { documentName } from './document-fields.js';
import { DocumentStep } from './document-step.js';
import { h, mount } from './dom.js';
import type { I18n } from './i18n.js';
import type { ColorStyle } from './theme.js';
import { createViews, type StartText, type Views } from './views.js';

const CAMERA_CODES = new Set<string>([
  CLIENT_CODES.CAMERA_OPEN_FAILED,
  CLIENT_CODES.NO_CAMERA_PERMISSION,
  CLIENT_CODES.DEVICE_NOT_SUPPORT,
]);
/** Codes after which there is nothing to retry. */
const FINAL_CODES = new Set(['14', '15', '16', '1410']);

export interface PageContext {
  app: HTMLElement;
  token: string;
  apiBase: string;
  assetsBase: string;
  session: CaptureSession;
  i18n: I18n;
  style: ColorStyle;
  /** Navigation, injectable for tests of the flow. */
  navigate: (url: string) => void;
}

/** The page's state machine on top of the web SDK: consent → start → permission → notice → capture → result. */
export class PageFlow {
  private readonly v: Views;
  private readonly sdk = new WebSdk();
  private readonly sdkHost = h('div', { class: 'sdk-host' });
  private retriesLeft: number;
  /** Set once the user chose Exit: a capture that ends because of it must not show its failure. */
  private leaving = false;
  /** Stops the document step's camera when the user leaves. */
  private readonly docAbort = new AbortController();

  constructor(private readonly c: PageContext) {
    this.v = createViews(c.i18n);
    this.retriesLeft = c.session.retriesLeft;
    this.sdk.init({
      container: this.sdkHost,
      apiBase: c.apiBase,
      assetsBase: c.assetsBase,
      preload: canCaptureLive(),
    });
  }

  private show(state: string, view: HTMLElement): void {
    if (this.leaving && state !== 'exited') return;
    mount(this.c.app, state, view);
  }

  private wait(state: string, build: (done: () => void) => HTMLElement): Promise<void> {
    return new Promise((resolve) => this.show(state, build(resolve)));
  }

  async run(): Promise<void> {
    const s = this.c.session;
    if (!s.skipPrivacyPolicy) await this.wait('consent', (done) => this.v.consent(done));
    const live = canCaptureLive();
    // Vendor: AutoSkipStartPage does not apply when the flow was downgraded (recording mode).
    if (!s.autoSkipStartPage || !live)
      await this.wait('start', (done) => this.v.start(done, () => void this.exit(), this.startText()));
    if (live && !(await this.cameraGranted()))
      await this.wait('permission', (done) => this.v.permission(done, () => void this.exit()));
    if (s.document && !s.document.confirmed) {
      const confirmed = await this.document(s.document);
      if (!confirmed) return;
      if (confirmed.next === 'finished') return this.showFinished(confirmed);
    }
    if (live && (s.securityLevel === 3 || s.securityLevel === 4))
      await this.wait('flash-notice', (done) => this.v.flashNotice(done, () => void this.exit()));
    await this.attempt();
  }

  /** With a document step the start page says what comes: the document, then (CheckMode 1) the face. */
  private startText(): StartText | undefined {
    const doc = this.c.session.document;
    if (!doc) return undefined;
    const i = this.c.i18n;
    const document = documentName(i, doc.cardType);
    const faceTips = [i.t('start.tip1'), i.t('start.tip2')];
    return doc.next === 'liveness'
      ? {
          title: i.t('start.doc.title'),
          body: i.t('start.doc.body', { document }),
          tips: [i.t('start.doc.tip', { document }), ...faceTips],
        }
      : {
          title: i.t('start.doc.title'),
          body: i.t('start.doc.bodyOnly', { document }),
          tips: [i.t('start.doc.tip', { document })],
        };
  }

  /** The document step (document-step.ts); undefined when it ended the flow. */
  private async document(
    doc: NonNullable<CaptureSession['document']>,
  ): Promise<DocumentConfirmed | undefined> {
    try {
      return await new DocumentStep({
        token: this.c.token,
        apiBase: this.c.apiBase,
        document: doc,
        i18n: this.c.i18n,
        show: (state, view) => this.show(state, view),
        exit: () => void this.exit(),
        leave: () => {
          const target = this.c.session.redirectUrl;
          if (target) this.c.navigate(target);
        },
        signal: this.docAbort.signal,
      }).run();
    } catch (err) {
      this.showFailure(
        err instanceof CaptureFailure ? err : new CaptureFailure(CLIENT_CODES.UNDEFINED, String(err)),
      );
      return undefined;
    }
  }

  /** CheckMode 4: the confirm finished the session; shown like a finished attempt. */
  private showFinished(c: DocumentConfirmed): void {
    this.showResult({
      status: c.code === '0' ? 'passed' : 'failed',
      code: c.code ?? '',
      message: c.message ?? '',
      retriesLeft: 0,
      ...(c.redirectTo ? { redirectTo: c.redirectTo } : {}),
    });
  }

  private async cameraGranted(): Promise<boolean> {
    try {
      const p = await navigator.permissions?.query({ name: 'camera' as PermissionName });
      return p?.state === 'granted';
    } catch {
      return false;
    }
  }

  private config(): StartConfig {
    const s = this.c.session;
    const sdkMessages: Record<string, string> = {};
    for (const [k, text] of Object.entries(this.c.i18n.messages))
      if (k.startsWith('sdk.') || k.startsWith('code.')) sdkMessages[k] = text;
    return {
      livenessTimeoutMs: s.livenessTimeoutSeconds * 1000,
      language: this.c.i18n.lang,
      colorStyle: this.c.style,
      videoSize: '480p',
      showCountdown: true,
      errorDialog: false,
      messages: sdkMessages,
    };
  }

  private async attempt(): Promise<void> {
    const live = canCaptureLive();
    let capture: CaptureView | undefined;
    if (live) {
      capture = new CaptureView(this.c.i18n, this.sdkHost, () => void this.exit());
      this.show('capture', capture.view);
    } else {
      const fb = fallbackView(this.c.i18n, this.sdkHost, () => void this.exit());
      this.show('fallback', fb.view);
      capture = undefined;
      this.fallbackText = fb.setInstructions;
    }
    let upload: ReturnType<Views['uploading']> | undefined;
    let failure: CaptureFailure | undefined;
    const result = await this.sdk.start(this.c.token, this.config(), {
      onStateChange: (state) => {
        document.body.dataset.sdkState = state;
        if (state === 'aligning' && capture) capture.setPrompt('guide.models');
        if (state === 'recording') capture?.setRecording(true);
        if (state === 'uploading') {
          upload = this.v.uploading();
          this.show('uploading', upload.view);
        }
        if (state === 'processing') this.show('processing', this.v.processing());
      },
      onGuidance: (e) => {
        if (e.kind === 'instructions') this.fallbackText?.(fallbackInstructions(this.c.i18n, e.challenge));
        else capture?.guidance(e);
      },
      onProgress: (p) => {
        if (p.phase === 'camera') {
          document.body.dataset.previewMs = String(Math.round(p.previewMs));
          document.body.dataset.camera = `${p.width}x${p.height}@${p.fps}`;
        }
        if (p.phase === 'models') document.body.dataset.models = p.ready ? 'ready' : 'unavailable';
        if (p.phase === 'upload') upload?.progress(p.total > 0 ? p.loaded / p.total : 0);
      },
      onError: (f) => (failure = f),
    });
    if (result) this.showResult(result);
    else this.showFailure(failure ?? new CaptureFailure(CLIENT_CODES.UNDEFINED));
  }

  private fallbackText: ((text: string) => void) | undefined;

  private redirect(url: string | undefined): (() => void) | undefined {
    return url ? () => this.c.navigate(url) : undefined;
  }

  private showResult(r: AttemptResult): void {
    this.retriesLeft = r.retriesLeft;
    const target = r.redirectTo ?? this.c.session.redirectUrl;
    if (r.status === 'passed') {
      const auto = this.c.session.autoSkip && target !== undefined;
      this.show('success', this.v.success(this.redirect(target), auto));
      if (auto && target) this.c.navigate(target);
      return;
    }
    const message = this.c.i18n.code(r.code) ?? r.message;
    const retry = r.retriesLeft > 0 ? () => void this.attempt() : undefined;
    this.show('failure', this.v.failure(r.code, message, r.retriesLeft, retry, this.redirect(target)));
  }

  private showFailure(f: CaptureFailure): void {
    document.body.dataset.errorCode = f.code;
    const message = this.c.i18n.code(f.code) ?? this.c.i18n.code(f.code.replace(/_\d+$/, '')) ?? f.message;
    const target = this.c.session.redirectUrl;
    if (FINAL_CODES.has(f.code) || !f.retryable) {
      this.show('fatal', this.v.fatal(f.code, message, this.redirect(target)));
      return;
    }
    if (CAMERA_CODES.has(f.code)) {
      this.show(
        'camera-error',
        this.v.cameraError(
          f.code,
          () => void this.attempt(),
          () => void this.exit(f.code),
        ),
      );
      return;
    }
    // A client-side stop (face lost, timeout, ...) did not reach the server: the attempt count is unchanged.
    this.show(
      'failure',
      this.v.failure(f.code, message, this.retriesLeft, () => void this.attempt(), this.redirect(target)),
    );
  }

  /** The user gives up: tell the server (1410), then go back to the merchant. */
  async exit(reason: string = CLIENT_CODES.USER_GIVE_UP): Promise<void> {
    if (this.leaving) return;
    this.leaving = true;
    this.docAbort.abort();
    let target = this.c.session.redirectUrl;
    try {
      const r = await this.sdk.giveUp(reason, this.c.token);
      target = r?.redirectTo ?? target;
    } catch {
      // Leaving must work even when the server cannot be reached.
    }
    this.show('exited', this.v.fatal('1410', this.c.i18n.t('code.1410'), this.redirect(target)));
    if (target) this.c.navigate(target);
  }
}
