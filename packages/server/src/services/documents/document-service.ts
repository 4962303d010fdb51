import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  DOCUMENT_IMAGE_TYPES,
  DOCUMENT_READ_CODES,
  type CaptureSession,
  type DocumentConfirmed,
  type DocumentRead,
  type DocumentSide,
} from '@open-ekyc/contract';
import type { MediaStore } from '../../blobs/media-store.js';
import type { EngineJobs } from '../../jobs/engine-jobs.js';
import type { Database } from '../../store/database.js';
import { DocumentReadsRepository } from '../../store/repositories/document-reads-repository.js';
import type { SessionRecord, SessionsService } from '../sessions/sessions-service.js';
import { captureErrors, refusalOf } from '../web-flow/capture-errors.js';
import { flowSettings } from '../web-flow/flow-settings.js';
import { redirectWithToken } from '../web-flow/redirect-url.js';
import { CARD_RULES } from './card-rules.js';
import type { DocumentSettings } from './document-settings.js';
import type { DocumentReadRecord, EditRecord } from './document-types.js';
import { editsOf } from './document-edits.js';
import { runOcr, storeReadMedia } from './document-ocr.js';
import { decideRead } from './read-decision.js';

export interface DocumentServiceDeps {
  readonly db: Kysely<Database>;
  readonly sessions: SessionsService;
  readonly media: MediaStore;
  readonly jobs: EngineJobs;
  readonly now: () => Date;
  readonly maxImageBytes: number;
  /** Photos a session may submit, both sides counted (default MAX_DOCUMENT_READS). */
  readonly maxReads?: number;
}

/** Largest document photo (also the capture route's body limit): a 12 MP phone JPEG is 3–6 MB. */
export const DOCUMENT_MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** Smallest upload that can hold a photo a document is readable on. */
const MIN_IMAGE_BYTES = 1024;
export const MAX_DOCUMENT_READS = 10;

class NotConfirmed extends Error {}

/**
 * The identity-document step of a capture session (CheckMode 1 and 4, contract capture-api.ts):
 * each photo is read by the engine's ocrDocument task on the job layer, decided (read-decision.ts),
 * kept with its media (encrypted, with retention) and returned to the page; the user then confirms a
 * passed front read, with corrections when allowed. CheckMode 1 goes on to liveness with the
 * document's portrait as the reference photo; CheckMode 4 finishes the session ("0", billed by the
 * finish hook like every finish).
 */
export class DocumentService {
  private readonly reads: DocumentReadsRepository;
  private readonly maxReads: number;

  constructor(private readonly deps: DocumentServiceDeps) {
    this.reads = new DocumentReadsRepository(deps.db);
    this.maxReads = deps.maxReads ?? MAX_DOCUMENT_READS;
  }

  /** CaptureSession.document: null when the flow has no document step. */
  async view(session: SessionRecord): Promise<NonNullable<CaptureSession['document']> | null> {
    const doc = flowSettings(session).document;
    if (!doc) return null;
    const reads = await this.reads.list(session.token);
    return {
      cardType: doc.cardType,
      sides: [...doc.sides],
      allowEdit: doc.allowEdit,
      displayFields: [...doc.displayFields],
      confirmed: reads.some((r) => r.confirmedAt !== null),
      next: doc.checkMode === 1 ? 'liveness' : 'finish',
      readsLeft: Math.max(0, this.maxReads - reads.length),
    };
  }

  /** For CaptureService.startAttempt: does the session still owe its document? */
  async pending(session: SessionRecord): Promise<DocumentSettings | null> {
    const doc = flowSettings(session).document;
    if (!doc) return null;
    return (await this.reads.confirmed(session.token)) ? null : doc;
  }

  async read(
    token: string,
    side: DocumentSide,
    contentType: string | undefined,
    bytes: Buffer,
  ): Promise<DocumentRead> {
    const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!(DOCUMENT_IMAGE_TYPES as readonly string[]).includes(type) || !hasSignature(type, bytes))
      throw captureErrors.imageType();
    if (bytes.length < MIN_IMAGE_BYTES || bytes.length > this.deps.maxImageBytes)
      throw captureErrors.imageSize();
    const at = this.deps.now();
    const session = await this.open(token, at);
    const doc = flowSettings(session).document;
    if (!doc) throw captureErrors.noDocumentStep();
    if (!doc.sides.includes(side)) throw captureErrors.noSide(side);
    const reads = await this.reads.list(token);
    if (reads.some((r) => r.confirmedAt !== null)) throw captureErrors.documentConfirmed();
    if (reads.length >= this.maxReads) {
      await this.readsUsedUp(session, reads, at);
      throw captureErrors.retryLimit();
    }
    const started = await this.deps.sessions.start(token, at);
    if (!started.ok) throw refusalOf(started.session);

    const needPortrait = side === 'front' && doc.checkMode === 1;
    // A back is read for its warnings only: no parser, no portrait.
    const engineKey = side === 'front' ? doc.cardType : null;
    const analysis = await runOcr(this.deps.jobs, session.appId, bytes, engineKey, needPortrait);
    const decision = decideRead(analysis, {
      cardType: doc.cardType,
      structFields: doc.structFields,
      rules: CARD_RULES[doc.cardType],
      side,
      checkWarnings: doc.checkWarnings,
      blockingWarnings: doc.blockingWarnings,
      allowExpired: doc.allowExpired,
      needPortrait,
      at: this.deps.now(),
    });
    const media = await storeReadMedia(this.deps.media, bytes, type, analysis, side === 'front');
    const record = await this.reads.insert({
      id: randomBytes(16).toString('base64url'),
      token,
      side,
      state: decision.code === DOCUMENT_READ_CODES.PASSED ? 'passed' : 'failed',
      cardType: doc.cardType,
      code: decision.code,
      message: decision.message,
      warnings: decision.warnings,
      fields: decision.fields,
      invalidFields: decision.invalidFields,
      ...media,
      createdAt: at,
    });
    return {
      readId: record.id,
      side: record.side,
      status: record.state,
      code: record.code,
      message: record.message,
      warnings: [...record.warnings],
      fields: { ...record.fields },
      invalidFields: [...record.invalidFields],
      readsLeft: Math.max(0, this.maxReads - reads.length - 1),
    };
  }

  async confirm(
    token: string,
    readId: string,
    fields: Readonly<Record<string, string>> | undefined,
  ): Promise<DocumentConfirmed> {
    const at = this.deps.now();
    const session = await this.open(token, at);
    const doc = flowSettings(session).document;
    if (!doc) throw captureErrors.noDocumentStep();
    const read = await this.reads.find(token, readId);
    if (!read) throw captureErrors.noRead();
    // Confirmed already (a retry after a lost answer): carry on with what follows it.
    if (read.confirmedAt !== null) return this.afterConfirm(session, doc, at);
    if (read.side !== 'front' || read.state !== 'passed') throw captureErrors.notConfirmable();
    const edits = editsOf(doc, read, fields);
    if (doc.checkMode === 1) await this.confirmWithPortrait(session, read, edits, at);
    else if (!(await this.reads.confirm(token, read.id, edits, at))) throw captureErrors.documentConfirmed();
    return this.afterConfirm(session, doc, at);
  }

  /** CheckMode 1: the confirmed read and the session's reference photo commit together. */
  private async confirmWithPortrait(
    session: SessionRecord,
    read: DocumentReadRecord,
    edits: readonly EditRecord[],
    at: Date,
  ): Promise<void> {
    const portrait = read.portraitMediaId ? await this.deps.media.get(read.portraitMediaId) : null;
    // A passed CheckMode 1 front always has a portrait (NO_PORTRAIT otherwise): it was lost from the store.
    if (!portrait) throw new Error(`portrait of document read ${read.id} is missing from the media store`);
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        if (!(await new DocumentReadsRepository(trx).confirm(session.token, read.id, edits, at)))
          throw new NotConfirmed();
        if (!(await this.deps.sessions.setReferenceImage(session.token, portrait.bytes, at, trx)))
          throw new NotConfirmed();
      });
    } catch (err) {
      if (!(err instanceof NotConfirmed)) throw err;
      const now = await this.deps.sessions.get(session.token, at);
      throw now?.state === 'created' || now?.state === 'in_progress'
        ? captureErrors.documentConfirmed()
        : refusalOf(now);
    }
  }

  private async afterConfirm(
    session: SessionRecord,
    doc: DocumentSettings,
    at: Date,
  ): Promise<DocumentConfirmed> {
    if (doc.checkMode === 1) return { next: 'liveness' };
    const confirmed = await this.reads.confirmed(session.token);
    // spec §8 WebVerificationConfigIntl CheckMode 4 "OCR": the verification is the document; "0" bills per catalog.
    const finished = await this.deps.sessions.finish(
      session.token,
      {
        resultCode: '0',
        result: { attemptId: null, similarity: null, finding: null, documentReadId: confirmed?.id ?? null },
      },
      { at },
    );
    const now = finished.session;
    if (!finished.ok && now?.state !== 'finished') throw refusalOf(now);
    const redirect = session.redirectUrl ? redirectWithToken(session.redirectUrl, session.token) : undefined;
    return {
      next: 'finished',
      code: now?.resultCode ?? '0',
      message: 'Success',
      ...(redirect ? { redirectTo: redirect } : {}),
    };
  }

  /**
   * Every allowed photo was taken without a confirmable read: the web flow ends with 16, like used-up
   * liveness attempts (the SDK products have no 16; their session stays open until it expires).
   */
  private async readsUsedUp(session: SessionRecord, reads: DocumentReadRecord[], at: Date): Promise<void> {
    const confirmable = reads.some((r) => r.side === 'front' && r.state === 'passed');
    if (session.kind !== 'web' || confirmable || session.state !== 'in_progress') return;
    await this.deps.sessions.finish(
      session.token,
      { resultCode: '16', result: { attemptId: null, similarity: null, finding: null } },
      { at },
    );
  }

  private async open(token: string, at: Date): Promise<SessionRecord> {
    const access = await this.deps.sessions.openForCapture(token, at);
    if (access.ok) return access.session;
    throw refusalOf(access.session);
  }
}

function hasSignature(type: string, b: Buffer): boolean {
  if (type === 'image/jpeg') return b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  return b.length > 8 && b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'));
}
