import { DOCUMENT_READ_CODES, type DocumentSide } from '@open-ekyc/contract';
import type { DocumentAnalysis } from '@open-ekyc/engine';
import type { CardRules } from './card-rules.js';
import { isExpired } from './document-dates.js';

/** What a read is checked against (the session's document settings, or the legacy request). */
export interface ReadChecks {
  /** spec §8 CardInfo key expected. */
  readonly cardType: string;
  readonly structFields: readonly string[];
  readonly rules: CardRules | null;
  readonly side: DocumentSide;
  readonly checkWarnings: boolean;
  readonly blockingWarnings: readonly number[];
  readonly allowExpired: boolean;
  /** CheckMode 1 front: the portrait becomes the reference photo of the liveness comparison. */
  readonly needPortrait: boolean;
  readonly at: Date;
}

export interface ReadDecision {
  /** DOCUMENT_READ_CODES value. */
  readonly code: string;
  readonly message: string;
  readonly warnings: number[];
  readonly fields: Record<string, string | null>;
  readonly invalidFields: string[];
}

const MESSAGES: Readonly<Record<string, string>> = {
  [DOCUMENT_READ_CODES.PASSED]: 'Success',
  [DOCUMENT_READ_CODES.IMAGE_INVALID]: 'The photo could not be read; take it again',
  [DOCUMENT_READ_CODES.OCR_FAILED]: 'Document recognition failed',
  [DOCUMENT_READ_CODES.OCR_WARNING]: 'The photo of the document raised a warning',
  [DOCUMENT_READ_CODES.DOCUMENT_EXPIRED]: 'The document has expired',
  [DOCUMENT_READ_CODES.NO_PORTRAIT]: 'No portrait was found on the document',
};

/**
 * The verdict of one photo (issue 7), first match wins: the engine failed or could not decode it →
 * IMAGE_INVALID; (front) not the expected document, a required field missing or a field failing its
 * check (check digit, date, code table: the parser's evidence `valid === false`) → OCR_FAILED;
 * a selected warning (unless DisableCheckOcrWarnings) → OCR_WARNING; (front) past its expiry date
 * with AllowExpiredDocument false → DOCUMENT_EXPIRED; (CheckMode 1 front) no portrait → NO_PORTRAIT.
 * A back is kept as evidence: its fields are {} and only image and warnings are checked.
 */
export function decideRead(analysis: DocumentAnalysis | null, checks: ReadChecks): ReadDecision {
  const front = checks.side === 'front';
  const empty = front ? Object.fromEntries(checks.structFields.map((f) => [f, null])) : {};
  const verdict = (code: string, rest: Partial<ReadDecision> = {}): ReadDecision => ({
    code,
    message: MESSAGES[code] ?? code,
    warnings: [],
    fields: empty,
    invalidFields: [],
    ...rest,
  });
  if (!analysis?.ok) return verdict(DOCUMENT_READ_CODES.IMAGE_INVALID);
  const warnings = [...new Set(analysis.warnings.map((w) => w.code as number))];
  const blocking = checks.checkWarnings ? warnings.filter((w) => checks.blockingWarnings.includes(w)) : [];

  if (!front) {
    return blocking.length > 0
      ? verdict(DOCUMENT_READ_CODES.OCR_WARNING, { warnings, message: warningMessage(blocking) })
      : verdict(DOCUMENT_READ_CODES.PASSED, { warnings });
  }

  const parsed = analysis.parsed && analysis.type === checks.cardType ? analysis.parsed : null;
  if (!parsed) return verdict(DOCUMENT_READ_CODES.OCR_FAILED, { warnings });
  const fields = Object.fromEntries(
    checks.structFields.map((f) => [f, clean(parsed.fields[f])] as [string, string | null]),
  );
  const failedChecks = Object.entries(parsed.evidence)
    .filter(([f, e]) => e.valid === false && checks.structFields.includes(f))
    .map(([f]) => f);
  const missing = (checks.rules?.required ?? []).filter((f) => fields[f] === null);
  const invalidFields = [...new Set([...missing, ...failedChecks])];
  const blockingInvalid = invalidFields.filter((f) => !(checks.rules?.advisory ?? []).includes(f));
  const read = { warnings, fields, invalidFields };

  if (blockingInvalid.length > 0) return verdict(DOCUMENT_READ_CODES.OCR_FAILED, read);
  if (blocking.length > 0)
    return verdict(DOCUMENT_READ_CODES.OCR_WARNING, { ...read, message: warningMessage(blocking) });
  const expiry = checks.rules?.expiry;
  if (!checks.allowExpired && expiry && isExpired(fields[expiry], checks.at))
    return verdict(DOCUMENT_READ_CODES.DOCUMENT_EXPIRED, read);
  if (checks.needPortrait && !analysis.portrait) return verdict(DOCUMENT_READ_CODES.NO_PORTRAIT, read);
  return verdict(DOCUMENT_READ_CODES.PASSED, read);
}

const clean = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};

const warningMessage = (codes: readonly number[]): string =>
  `${MESSAGES[DOCUMENT_READ_CODES.OCR_WARNING]} (${codes.join(', ')})`;
