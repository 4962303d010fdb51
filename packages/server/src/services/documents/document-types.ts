import type { CardInfoKey, DocumentSide } from '@open-ekyc/contract';
import type { StoredFile } from '../web-flow/web-flow-service.js';

/**
 * The document step's shared vocabulary: what the issuing actions store in the session config, what a
 * read keeps, and what the result actions get back (WebFlowService.result → FlowResult.documents).
 */

/**
 * Document keys of a session's stored config, written by ApplyWebVerificationBizTokenIntl
 * (Config.*) and ApplySdkVerificationToken, already resolved (defaults applied, names mapped with
 * contract documents/card-types.ts). A session has a document step iff CheckMode is 1 or 4.
 */
export interface DocumentSessionConfig {
  readonly CheckMode: 1 | 2 | 3 | 4;
  readonly CardType: CardInfoKey;
  /** spec: default false = warnings are checked and block the flow. */
  readonly DisableCheckOcrWarnings: boolean;
  /** Resolved: never empty (empty input = every code). */
  readonly SelectedWarningCodes: readonly number[];
  /** spec: default true; only HKID has a "validity" notion in the spec, we apply it to any expiry field. */
  readonly AllowExpiredDocument: boolean;
  /** ApplySdkVerificationToken.DisableChangeOcrResult; web: false. */
  readonly DisableChangeOcrResult: boolean;
  /** WebVerificationConfigIntl.IdCardCutReturn: show/return the cut (rectified) card image. */
  readonly IdCardCutReturn: boolean;
  /** ApplySdkVerificationToken.CardOcrDisplayFields as given; [] = all. */
  readonly CardOcrDisplayFields: readonly string[];
}

/** One photo of one side, read by the engine (table document_reads). */
export interface DocumentReadRecord {
  readonly id: string;
  readonly token: string;
  readonly side: DocumentSide;
  readonly state: 'passed' | 'failed';
  readonly cardType: CardInfoKey;
  /** contract DOCUMENT_READ_CODES value. */
  readonly code: string;
  readonly message: string;
  /** Warning codes the detectors raised (blocking or not). */
  readonly warnings: readonly number[];
  /** Parsed fields in the spec §8 struct of cardType ({} for a back). */
  readonly fields: Readonly<Record<string, string | null>>;
  readonly invalidFields: readonly string[];
  readonly imageMediaId: string | null;
  /** Rectified card crop (OCRResult.CardCutImageBase64). */
  readonly cutMediaId: string | null;
  /** Portrait on the card (CheckMode 1 reference, CompareResult.ProfileImage, OCRResult.HeadImageBase64). */
  readonly portraitMediaId: string | null;
  /** User corrections at confirm time (spec §8 EditDetail), null until confirmed. */
  readonly edits: readonly EditRecord[] | null;
  readonly confirmedAt: Date | null;
  readonly createdAt: Date;
}

/** spec §8 EditDetail. */
export interface EditRecord {
  readonly FieldName: string;
  readonly OriginalFieldValue: string | null;
  readonly RevisedFieldValue: string;
}

/**
 * One OCR process as the result actions report it (CardVerifyResults / OCRResult entries, in order):
 * a passed-or-failed front read, plus the back read taken with it.
 */
export interface DocumentOutcome {
  readonly front: DocumentReadRecord;
  readonly back: DocumentReadRecord | null;
  readonly image: StoredFile | null;
  readonly cut: StoredFile | null;
  readonly portrait: StoredFile | null;
  readonly backImage: StoredFile | null;
  readonly backCut: StoredFile | null;
  /** front.fields with the user's corrections applied. */
  readonly fields: Readonly<Record<string, string | null>>;
  readonly confirmed: boolean;
}
