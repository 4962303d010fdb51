import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  ApiError,
  CARD_INFO_KEYS,
  CARD_STRUCT_FIELDS,
  DOCUMENT_READ_CODES,
  DOCUMENT_WARNING_CODES,
  type CardInfoKey,
} from '@open-ekyc/contract';
import type { DocumentAnalysis } from '@open-ekyc/engine';
import type { MediaStore } from '../../blobs/media-store.js';
import type { EngineJobs } from '../../jobs/engine-jobs.js';
import type { Database } from '../../store/database.js';
import {
  CardVerificationsRepository,
  type CardVerificationRecord,
} from '../../store/repositories/card-verifications-repository.js';
import { CARD_RULES } from './card-rules.js';
import { runOcr } from './document-ocr.js';
import { acceptedCardKeys, legacyNamesOf } from './legacy-card-types.js';
import { decideRead } from './read-decision.js';

export interface CardVerificationDeps {
  readonly db: Kysely<Database>;
  readonly media: MediaStore;
  readonly jobs: EngineJobs;
  readonly now: () => Date;
  readonly log: (msg: string, err?: unknown) => void;
}

/** What a finished card verification keeps (card_verifications.result). */
export interface CardVerificationResult {
  /** spec §8 CardInfo key the fields are in; null when nothing acceptable was recognised. */
  readonly cardKey: string | null;
  readonly fields: Readonly<Record<string, string | null>> | null;
  readonly warnings: readonly number[];
  /** DOCUMENT_READ_CODES value of the front read. */
  readonly code: string;
  readonly invalidFields: readonly string[];
  /** Nationality / CardType to report (the request's, or what AUTO resolved to). */
  readonly nationality: string | null;
  readonly cardType: string;
}

export type CardVerificationStatus = 'PROCESSING' | 'PASSED' | 'WARNING' | 'REJECTED';

export interface CardVerificationView {
  readonly record: CardVerificationRecord;
  readonly status: CardVerificationStatus;
  readonly result: CardVerificationResult | null;
}

/** The vendor does not say how long a CardVerificationToken's result stays; we keep the web result window. */
const RESULT_WINDOW_MS = 72 * 3600_000;

/**
 * Legacy ApplyCardVerification / GetCardVerificationResult (spec §7.2): a card photo read in the
 * background (ocrDocument on the job layer), polled by token. No session and no page: its own table,
 * and no billing row (the result-code catalog has no OCR product to bill it under).
 * Status: PASSED; WARNING when a warning detector fired (WarnInfo lists the codes, "-9102");
 * REJECTED when the photo is unreadable, not an accepted document, or fails its field checks.
 */
export class CardVerificationService {
  private readonly repo: CardVerificationsRepository;
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly deps: CardVerificationDeps) {
    this.repo = new CardVerificationsRepository(deps.db);
  }

  /** Stores the photos, records the job and starts it; answers with the token at once. */
  async apply(input: {
    readonly appId: string;
    readonly nationality: string;
    readonly cardType: string;
    readonly front: Buffer;
    readonly back: Buffer | null;
    readonly at: Date;
  }): Promise<string> {
    const accepted = acceptedCardKeys(input.nationality, input.cardType);
    const front = await this.deps.media.put(input.front, { kind: 'card-verification-front' });
    const back = input.back
      ? await this.deps.media.put(input.back, { kind: 'card-verification-back' })
      : null;
    const record = await this.repo.insert({
      token: randomUUID().toUpperCase(),
      appId: input.appId,
      nationality: input.nationality,
      cardType: input.cardType,
      cardKey: accepted?.length === 1 ? (accepted[0] as string) : null,
      frontMediaId: front.id,
      backMediaId: back?.id ?? null,
      at: input.at,
      resultExpiresAt: new Date(input.at.getTime() + RESULT_WINDOW_MS),
    });
    this.enqueue(record, input.front);
    return record.token;
  }

  /** The caller's own verification; another app's, an unknown or an expired token is refused alike. */
  async result(token: string, appId: string, at: Date): Promise<CardVerificationView> {
    const record = await this.repo.find(token);
    if (!record || record.appId !== appId || record.resultExpiresAt <= at)
      throw new ApiError('InvalidParameterValue', 'CardVerificationToken is invalid or expired.');
    if (record.state === 'processing') return { record, status: 'PROCESSING', result: null };
    const result = record.result as CardVerificationResult;
    return { record, status: statusOf(result), result };
  }

  /** Jobs lost with their process (older than any job may run) are run again from the stored photo. */
  async resume(olderThanMs: number): Promise<number> {
    const stale = await this.repo.listStale(new Date(this.deps.now().getTime() - olderThanMs));
    for (const record of stale) {
      const photo = await this.deps.media.get(record.frontMediaId);
      if (photo) this.enqueue(record, photo.bytes);
      else await this.settle(record, null);
    }
    return stale.length;
  }

  /** Resolves when no job is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private enqueue(record: CardVerificationRecord, photo: Buffer): void {
    const job = this.verify(record, photo)
      .catch((err: unknown) => this.deps.log(`card verification ${record.token} failed`, err))
      .finally(() => this.inflight.delete(job));
    this.inflight.add(job);
  }

  private async verify(record: CardVerificationRecord, photo: Buffer): Promise<void> {
    let analysis: DocumentAnalysis | null;
    try {
      analysis = await runOcr(this.deps.jobs, record.appId, photo, record.cardKey, false);
    } catch (err) {
      // A full queue or a closed pool: the photo could not be read now (REJECTED, not stuck in PROCESSING).
      this.deps.log(`engine call for card verification ${record.token} failed`, err);
      analysis = null;
    }
    await this.settle(record, analysis);
  }

  private async settle(record: CardVerificationRecord, analysis: DocumentAnalysis | null): Promise<void> {
    const accepted = acceptedCardKeys(record.nationality, record.cardType);
    const guessed = analysis?.type ?? null;
    const cardKey =
      record.cardKey ?? (guessed && (accepted === null || accepted.includes(guessed)) ? guessed : null);
    const known = (CARD_INFO_KEYS as readonly string[]).includes(cardKey ?? '');
    const decision = decideRead(analysis, {
      cardType: cardKey ?? '(none)',
      structFields: known ? CARD_STRUCT_FIELDS[cardKey as CardInfoKey] : [],
      rules: known ? CARD_RULES[cardKey as CardInfoKey] : null,
      side: 'front',
      // No SelectedWarningCodes in this API: every warning is reported.
      checkWarnings: true,
      blockingWarnings: [...DOCUMENT_WARNING_CODES],
      allowExpired: true,
      needPortrait: false,
      at: this.deps.now(),
    });
    const names = cardKey ? legacyNamesOf(cardKey, decision.fields) : null;
    const result: CardVerificationResult = {
      cardKey,
      fields: cardKey ? decision.fields : null,
      warnings: decision.warnings,
      code: decision.code,
      invalidFields: decision.invalidFields,
      nationality: record.nationality === 'AUTO' ? (names?.nationality ?? null) : record.nationality,
      cardType: record.cardType === 'AUTO' && names ? names.cardType : record.cardType,
    };
    await this.repo.finish(record.token, { status: statusOf(result), result, at: this.deps.now() });
  }
}

function statusOf(result: CardVerificationResult): Exclude<CardVerificationStatus, 'PROCESSING'> {
  if (result.code === DOCUMENT_READ_CODES.PASSED) return 'PASSED';
  if (result.code === DOCUMENT_READ_CODES.OCR_WARNING) return 'WARNING';
  return 'REJECTED';
}
