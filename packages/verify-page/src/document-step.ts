import type { CaptureSession, DocumentConfirmed, DocumentRead, DocumentSide } from '@open-ekyc/contract';
import {
  CLIENT_CODES,
  CaptureFailure,
  canUseCamera,
  captureDocument,
  confirmDocument,
} from '@open-ekyc/web-sdk';
import { h } from './dom.js';
import { changedFields, documentName, readFailureText, shownFields } from './document-fields.js';
import {
  documentCaptureView,
  documentConfirmView,
  documentFailureView,
  documentReadingView,
} from './document-views.js';
import type { I18n } from './i18n.js';

type DocumentConfig = NonNullable<CaptureSession['document']>;

export interface DocumentStepContext {
  token: string;
  apiBase: string;
  document: DocumentConfig;
  i18n: I18n;
  /** Mounts a view (the page flow's `show`: ignored once the user is leaving). */
  show: (state: string, view: HTMLElement) => void;
  /** The user chose Exit (the page flow tells the server and goes back to the merchant). */
  exit: () => void;
  /** Aborted when the user leaves: stops the camera. */
  signal: AbortSignal;
  /** Back to the merchant after the last failed read (no photos left). */
  leave: () => void;
}

/** Failures of a read or confirm call after which there is nothing to retry. */
const FINAL_CODES = new Set(['14', '15', '16', '1410']);

/**
 * The document step of CheckMode 1 / 4 (issue 7): each side in turn (camera with auto capture and
 * a shutter after ocrAutoTimeout, or a file), the server's read with a clear message per code, then
 * the fields to check (and correct, when allowed) and confirm. Resolves with the server's answer to
 * the confirm (`next`: liveness or finished), or undefined when the step ended the flow (the user
 * left, or no photos are left). A non-retryable failure (expired token, ...) is thrown.
 */
export class DocumentStep {
  private readsLeft: number;
  private readonly urls: string[] = [];

  constructor(private readonly c: DocumentStepContext) {
    this.readsLeft = c.document.readsLeft;
  }

  async run(): Promise<DocumentConfirmed | undefined> {
    try {
      let front: { read: DocumentRead; photo: string | undefined } | undefined;
      for (const side of this.c.document.sides) {
        const passed = await this.side(side);
        if (!passed) return undefined;
        if (side === 'front') front = passed;
      }
      if (!front) throw new CaptureFailure(CLIENT_CODES.UNDEFINED, 'the session asks for no front side');
      return await this.confirm(front.read, front.photo);
    } finally {
      for (const u of this.urls) URL.revokeObjectURL(u);
    }
  }

  private get document(): string {
    return documentName(this.c.i18n, this.c.document.cardType);
  }

  /** One side until a read passes; undefined when the user left or no photos are left. */
  private async side(
    side: DocumentSide,
  ): Promise<{ read: DocumentRead; photo: string | undefined } | undefined> {
    const { i18n: i, document: doc } = this.c;
    document.body.dataset.docSide = side;
    for (;;) {
      if (this.c.signal.aborted) return undefined;
      let photo: string | undefined;
      let outcome: DocumentRead | CaptureFailure;
      try {
        outcome = await this.capture(side, (url) => (photo = url));
      } catch (err) {
        const f =
          err instanceof CaptureFailure ? err : new CaptureFailure(CLIENT_CODES.UNDEFINED, String(err));
        if (this.c.signal.aborted || f.code === CLIENT_CODES.USER_GIVE_UP) return undefined;
        if (FINAL_CODES.has(f.code) || !f.retryable) throw f;
        outcome = f;
      }
      const read = outcome instanceof CaptureFailure ? undefined : outcome;
      if (read) this.readsLeft = read.readsLeft;
      const code = outcome.code;
      document.body.dataset.docCode = code;
      if (read?.status === 'passed') return { read, photo };
      const text = readFailureText(i, read ?? { code, message: outcome.message, warnings: [] }, doc.cardType);
      const retake = await new Promise<boolean>((resolve) =>
        this.c.show(
          'doc-failure',
          documentFailureView(i, {
            code,
            ...text,
            readsLeft: this.readsLeft,
            photoUrl: photo,
            onRetake: this.readsLeft > 0 ? () => resolve(true) : undefined,
            onExit: () => resolve(false),
          }),
        ),
      );
      if (!retake) {
        if (this.readsLeft > 0) this.c.exit();
        else this.c.leave();
        return undefined;
      }
    }
  }

  /** Shows the capture view and runs the SDK's captureDocument: auto+manual on a live camera, else the file button. */
  private capture(side: DocumentSide, onPhoto: (url: string) => void): Promise<DocumentRead> {
    const { i18n: i, document: doc } = this.c;
    const live = canUseCamera();
    const title =
      doc.cardType === 'InternationalIDPassport' && side === 'front'
        ? i.t('doc.capture.passport')
        : i.t(side === 'front' ? 'doc.capture.front' : 'doc.capture.back', { document: this.document });
    const host = h('div', { class: 'sdk-host doc-host' });
    const v = documentCaptureView(
      i,
      title,
      live ? i.t('doc.capture.tip') : i.t('doc.capture.tipFile'),
      host,
      () => this.c.exit(),
    );
    this.c.show('doc-capture', v.view);
    const messages: Record<string, string> = {};
    for (const [k, text] of Object.entries(i.messages)) if (k.startsWith('sdk.doc.')) messages[k] = text;
    let photoUrl: string | undefined;
    return captureDocument(
      this.c.token,
      {
        container: host,
        side,
        mode: 'auto+manual',
        cardType: doc.cardType,
        apiBase: this.c.apiBase,
        camera: live,
        language: i.lang,
        messages,
        signal: this.c.signal,
      },
      {
        onStateChange: (state) => {
          document.body.dataset.docCapture = state;
          if (state === 'file') v.setTip(i.t('doc.capture.tipFile'));
          if (state === 'reading') this.c.show('doc-reading', documentReadingView(i, photoUrl));
        },
        onGuidance: (status) => (document.body.dataset.docGuidance = status),
        onManual: () => (document.body.dataset.docManual = 'true'),
        onCameraError: (f) => (document.body.dataset.docCameraError = f.code),
        onPhoto: (image, source) => {
          document.body.dataset.docPhoto = source;
          photoUrl = URL.createObjectURL(image);
          this.urls.push(photoUrl);
          onPhoto(photoUrl);
        },
      },
    );
  }

  /** The fields to check; Confirm sends the changed ones. Resolves with the server's answer. */
  private confirm(read: DocumentRead, photo: string | undefined): Promise<DocumentConfirmed | undefined> {
    const { i18n: i, document: doc } = this.c;
    return new Promise((resolve, reject) => {
      const v = documentConfirmView(i, {
        fields: shownFields(read.fields, doc.displayFields),
        invalid: read.invalidFields,
        editable: doc.allowEdit,
        photoUrl: photo,
        onExit: () => {
          this.c.exit();
          resolve(undefined);
        },
        onConfirm: (values) => {
          v.setBusy(true);
          v.setError(undefined);
          const edits = doc.allowEdit ? changedFields(read.fields, values) : {};
          confirmDocument(this.c.token, read.readId, edits, this.c.apiBase).then(resolve, (err: unknown) => {
            v.setBusy(false);
            const f =
              err instanceof CaptureFailure ? err : new CaptureFailure(CLIENT_CODES.UNDEFINED, String(err));
            if (FINAL_CODES.has(f.code) || !f.retryable) return reject(f);
            document.body.dataset.docCode = f.code;
            v.setError(i.code(f.code) ?? i.code(f.code.replace(/_\d+$/, '')) ?? f.message);
          });
        },
      });
      this.c.show('doc-confirm', v.view);
    });
  }
}
