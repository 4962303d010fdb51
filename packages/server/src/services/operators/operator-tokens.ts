import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { OperatorTokensRepository } from '../../store/repositories/operator-tokens-repository.js';

/** A freshly issued token: the only moment its plain value exists outside the operator's hands. */
export interface NewOperatorToken {
  readonly id: string;
  readonly name: string;
  readonly token: string;
}

/** Prefix makes a leaked token recognisable to secret scanners and people alike. */
const TOKEN_PREFIX = 'ekyc_op_';
/** Touching last_used_at on every console request would turn reads into writes. */
const TOUCH_INTERVAL_MS = 60_000;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Bearer tokens for the console API. 256 random bits each; only their SHA-256 is stored
 * (operator_tokens), so a database copy does not grant access. A SHA-256 (not a slow password
 * hash) is enough because the token is random, not chosen by a person.
 */
export class OperatorTokens {
  private readonly now: () => Date;

  constructor(private readonly deps: { readonly db: Kysely<Database>; readonly now?: () => Date }) {
    this.now = deps.now ?? (() => new Date());
  }

  async create(name: string): Promise<NewOperatorToken> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 200)
      throw new Error('operator token name must be 1-200 characters');
    const id = `op_${randomBytes(6).toString('hex')}`;
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    await this.repo().insert({
      id,
      name: trimmed,
      tokenSha256: sha256(token).toString('hex'),
      createdAt: this.now(),
    });
    return { id, name: trimmed, token };
  }

  async count(): Promise<number> {
    return this.repo().count();
  }

  /**
   * The first token, for `ekyc serve`'s first start: created only when none exists (so it is shown
   * once); null otherwise.
   */
  async ensureFirst(name = 'local'): Promise<NewOperatorToken | null> {
    return (await this.count()) === 0 ? this.create(name) : null;
  }

  /**
   * The id of the operator `presented` belongs to, or null. Compares the presented token's hash
   * with every stored hash in constant time and without stopping at a match, so neither timing nor
   * the index reveals how close a guess was.
   */
  async verify(presented: string): Promise<string | null> {
    if (presented.length === 0 || presented.length > 512) return null;
    const digest = sha256(presented);
    let match: string | null = null;
    for (const { id, tokenSha256 } of await this.repo().hashes()) {
      const stored = Buffer.from(tokenSha256, 'hex');
      const equal = stored.length === digest.length && timingSafeEqual(stored, digest);
      if (equal && match === null) match = id;
    }
    if (match !== null) await this.repo().touch(match, this.now(), TOUCH_INTERVAL_MS);
    return match;
  }

  private repo(): OperatorTokensRepository {
    return new OperatorTokensRepository(this.deps.db);
  }
}
