import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ApiError } from '@open-ekyc/contract';
import type { Database, SessionKind, SessionState } from '../../store/database.js';
import { SessionsRepository, type SessionRecord } from '../../store/repositories/sessions-repository.js';
import type { Sealer } from '../secrets/aes-gcm.js';
import { SESSION_LIFETIMES, type SessionLifetime } from './session-lifetimes.js';

export type { SessionRecord } from '../../store/repositories/sessions-repository.js';

export interface CreateSessionInput {
  readonly kind: SessionKind;
  readonly appId: string;
  /** The request fields that shape the flow; stored as JSON. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly challenge?: unknown;
  readonly extra?: string | null;
  readonly redirectUrl?: string | null;
  /** Reference photo for compare flows; sealed with the master key before it is stored. */
  readonly referenceImage?: Buffer | null;
  /** Defaults to SESSION_LIFETIMES[kind]. */
  readonly lifetime?: Partial<SessionLifetime>;
  readonly at: Date;
}

export interface SessionOutcome {
  /** The vendor result code (catalog), e.g. "0", "1005", "FailedOperation.CompareLowSimilarity". */
  readonly resultCode: string;
  readonly result: unknown;
}

/** A guarded state change: `ok` when this caller made it; otherwise the session as it now is (null when unknown). */
export type TransitionResult =
  | { readonly ok: true; readonly session: SessionRecord }
  | { readonly ok: false; readonly session: SessionRecord | null };

/** Why the page or SDK may not capture for this token; `webCode` is the mobile-HTML5 code (spec §5.5) where one fits. */
export type CaptureAccess =
  | { readonly ok: true; readonly session: SessionRecord }
  | {
      readonly ok: false;
      readonly reason: 'not_found' | 'expired' | 'completed' | 'exited' | 'retry_limit';
      readonly webCode: number | null;
      readonly session: SessionRecord | null;
    };

/** Runs inside finish()'s transaction, after the state change: the billing ledger row (BillingService.finishHook). */
export type FinishHook = (trx: Kysely<Database>, session: SessionRecord) => Promise<void>;

const OPEN: readonly SessionState[] = ['created', 'in_progress'];
const FINISHABLE: readonly SessionState[] = ['in_progress', 'processing'];

/**
 * Verification sessions (BizToken / SdkToken). States (ARCHITECTURE.md "Flows"):
 * created → in_progress → processing → finished | expired | exited, with processing → in_progress for
 * a retry. Every change is one guarded UPDATE (`WHERE state IN (...)`), so of concurrent callers
 * exactly one wins; expiry is applied lazily on read and by `expireDue` sweeps.
 */
export class SessionsService {
  private readonly newToken: () => string;

  constructor(
    private readonly deps: {
      readonly db: Kysely<Database>;
      readonly sealer: Sealer;
      /**
       * Required, so no finish can forget billing: every finish writes its ledger row in the same
       * transaction as the state change (`BillingService.finishHook()`; tests may pass their own).
       */
      readonly billing: FinishHook;
      readonly newToken?: () => string;
    },
  ) {
    // 122 random bits in the vendor's token shape (spec §7 examples: upper-case UUIDs).
    this.newToken = deps.newToken ?? (() => randomUUID().toUpperCase());
  }

  async create(input: CreateSessionInput): Promise<SessionRecord> {
    const lifetime = { ...SESSION_LIFETIMES[input.kind], ...input.lifetime };
    const token = this.newToken();
    const at = input.at.toISOString();
    return this.repo().insert({
      token,
      kind: input.kind,
      app_id: input.appId,
      state: 'created',
      config: JSON.stringify(input.config),
      challenge: input.challenge === undefined ? null : JSON.stringify(input.challenge),
      extra: input.extra ?? null,
      redirect_url: input.redirectUrl ?? null,
      reference_image_enc: input.referenceImage ? this.deps.sealer.seal(input.referenceImage, token) : null,
      created_at: at,
      updated_at: at,
      expires_at: new Date(input.at.getTime() + lifetime.captureMs).toISOString(),
      result_expires_at: new Date(input.at.getTime() + lifetime.resultMs).toISOString(),
    });
  }

  /** The session with lazy expiry applied (an open session past its capture window becomes expired). */
  async get(token: string, at: Date): Promise<SessionRecord | null> {
    const session = await this.repo().find(token);
    if (!session || !OPEN.includes(session.state) || session.expiresAt > at) return session;
    const expired = await this.repo().transition(token, OPEN, { state: 'expired' }, at);
    // Lost the race: someone moved it on meanwhile; report what it is now.
    return expired ?? this.repo().find(token);
  }

  /**
   * For the Get*Result actions: the caller's own session, or the vendor errors (spec §5.5):
   * unknown token or another app's → BizTokenIllegal; past the result window → BizTokenExpired.
   * An unfinished session past its capture window comes back with state "expired" for the action to map.
   */
  async getForApi(token: string, appId: string, at: Date): Promise<SessionRecord> {
    const session = await this.get(token, at);
    if (!session || session.appId !== appId) throw new ApiError('InvalidParameterValue.BizTokenIllegal');
    if (session.resultExpiresAt <= at) throw new ApiError('InvalidParameterValue.BizTokenExpired');
    return session;
  }

  /** For the verification page / SDK capture API: may this token still capture? */
  async openForCapture(token: string, at: Date): Promise<CaptureAccess> {
    const session = await this.get(token, at);
    if (!session) return { ok: false, reason: 'not_found', webCode: null, session };
    switch (session.state) {
      case 'created':
      case 'in_progress':
        return { ok: true, session };
      case 'expired':
        return { ok: false, reason: 'expired', webCode: 15, session };
      case 'exited':
        return { ok: false, reason: 'exited', webCode: 15, session };
      case 'processing':
      case 'finished':
        return { ok: false, reason: 'completed', webCode: 14, session };
    }
  }

  /** created → in_progress (the user opened the page / SDK). Idempotent while in progress. */
  async start(token: string, at: Date): Promise<TransitionResult> {
    const moved = await this.repo().transition(token, ['created'], { state: 'in_progress' }, at, {
      notExpiredAt: at,
    });
    if (moved) return { ok: true, session: moved };
    const now = await this.get(token, at);
    return now?.state === 'in_progress' ? { ok: true, session: now } : { ok: false, session: now };
  }

  /**
   * in_progress → processing for one capture attempt, counting it against `maxAttempts`
   * (RetryLimit). Refused after the capture window or when the attempts are used up.
   */
  async beginProcessing(token: string, at: Date, maxAttempts: number): Promise<TransitionResult> {
    const moved = await this.deps.db
      .transaction()
      .execute(async (trx) => {
        const repo = new SessionsRepository(trx);
        const attempts = await repo.incrementAttempts(token, ['in_progress'], maxAttempts, at);
        if (attempts === null) return null;
        const session = await repo.transition(token, ['in_progress'], { state: 'processing' }, at, {
          notExpiredAt: at,
        });
        // Roll the attempt back with the transaction when the window has closed.
        if (!session) throw new NotMoved();
        return session;
      })
      .catch((err: unknown) => {
        if (err instanceof NotMoved) return null;
        throw err;
      });
    return moved ? { ok: true, session: moved } : { ok: false, session: await this.get(token, at) };
  }

  /** processing → in_progress: an attempt failed and the user may try again. */
  async retry(token: string, at: Date): Promise<TransitionResult> {
    return this.result(
      token,
      at,
      await this.repo().transition(token, ['processing'], { state: 'in_progress' }, at),
    );
  }

  /**
   * → finished with the verdict, in one transaction with the billing hook (the ledger row), so a
   * session is finished and billed exactly once: a second concurrent finish gets ok=false and the
   * hook never runs for it. A throwing hook rolls the state change back.
   */
  async finish(token: string, outcome: SessionOutcome, opts: { at: Date }): Promise<TransitionResult> {
    const at = opts.at;
    const session = await this.deps.db.transaction().execute(async (trx) => {
      const finished = await new SessionsRepository(trx).transition(
        token,
        FINISHABLE,
        {
          state: 'finished',
          result_code: outcome.resultCode,
          result: JSON.stringify(outcome.result ?? null),
          finished_at: at.toISOString(),
        },
        at,
      );
      if (finished) await this.deps.billing(trx, finished);
      return finished;
    });
    return this.result(token, at, session);
  }

  /** The user left (or the page reported a client-side failure): created | in_progress → exited. */
  async exit(token: string, at: Date, outcome?: SessionOutcome): Promise<TransitionResult> {
    const patch = outcome
      ? {
          state: 'exited' as const,
          result_code: outcome.resultCode,
          result: JSON.stringify(outcome.result ?? null),
          finished_at: at.toISOString(),
        }
      : { state: 'exited' as const, finished_at: at.toISOString() };
    return this.result(token, at, await this.repo().transition(token, OPEN, patch, at));
  }

  /** Sweep: open sessions past their capture window → expired; sealed media past the result window dropped. */
  async expireDue(at: Date): Promise<{ expired: number; mediaCleared: number }> {
    return {
      expired: await this.repo().expireDue(at),
      mediaCleared: await this.repo().clearExpiredMedia(at),
    };
  }

  /**
   * The document step's portrait becomes the reference photo of the liveness comparison (CheckMode 1),
   * sealed like any other; only while the session is open. `trx`: the caller's transaction (the
   * document confirm), so the confirmed read and the reference photo commit together.
   */
  async setReferenceImage(token: string, image: Buffer, at: Date, trx?: Kysely<Database>): Promise<boolean> {
    const repo = new SessionsRepository(trx ?? this.deps.db);
    return repo.setReferenceImage(token, this.deps.sealer.seal(image, token), OPEN, at);
  }

  /** The decrypted reference photo, or null. */
  async referenceImage(token: string): Promise<Buffer | null> {
    const sealed = await this.repo().findReferenceImage(token);
    return sealed === null ? null : this.deps.sealer.open(sealed, token);
  }

  private repo(): SessionsRepository {
    return new SessionsRepository(this.deps.db);
  }

  private async result(token: string, at: Date, moved: SessionRecord | null): Promise<TransitionResult> {
    return moved ? { ok: true, session: moved } : { ok: false, session: await this.get(token, at) };
  }
}

class NotMoved extends Error {}
