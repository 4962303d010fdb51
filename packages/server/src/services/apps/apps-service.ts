import type { Kysely } from 'kysely';
import type { AppStatus, Database } from '../../store/database.js';
import { AppsRepository, type AppRecord } from '../../store/repositories/apps-repository.js';
import { ApiKeysRepository } from '../../store/repositories/api-keys-repository.js';
import type { Sealer } from '../secrets/aes-gcm.js';
import { newAppId, newSecretId, newSecretKey } from './credential-ids.js';

/** A freshly created key: the only moment the SecretKey is visible. */
export interface NewApiKey {
  readonly appId: string;
  readonly secretId: string;
  readonly secretKey: string;
}

/** What listings show: never the SecretKey. */
export interface ApiKeySummary {
  readonly secretId: string;
  readonly appId: string;
  readonly enabled: boolean;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export class AppsServiceError extends Error {
  constructor(
    readonly reason: 'app_not_found' | 'key_not_found' | 'key_disabled' | 'invalid_name',
    message: string,
  ) {
    super(message);
    this.name = 'AppsServiceError';
  }
}

export interface AppsServiceDeps {
  readonly db: Kysely<Database>;
  readonly sealer: Sealer;
  readonly now?: () => Date;
  /** Told when a key's or an app's credentials change, so in-process caches drop them at once. */
  readonly onCredentialsChanged?: (change: { secretId?: string; appId?: string }) => void;
}

/**
 * Apps and their API keys. SecretKeys are sealed with the master key before they reach the store,
 * with the SecretId as associated data.
 */
export class AppsService {
  private readonly now: () => Date;

  constructor(private readonly deps: AppsServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Creates an app with one enabled key. */
  async createApp(input: { name: string; status?: AppStatus }): Promise<{ app: AppRecord; key: NewApiKey }> {
    const name = input.name.trim();
    if (name === '' || name.length > 200)
      throw new AppsServiceError('invalid_name', 'app name must be 1-200 characters');
    return this.deps.db.transaction().execute(async (trx) => {
      const apps = new AppsRepository(trx);
      // Insert first (see AppsRepository.lockRow for why writes lead); 9e9 ids make a clash rare but possible.
      let app: AppRecord;
      do {
        app = { appId: newAppId(), name, status: input.status ?? 'activated', createdAt: this.now() };
      } while (!(await apps.insert(app)));
      const key = await this.insertKey(trx, app.appId);
      return { app, key };
    });
  }

  async listApps(): Promise<AppRecord[]> {
    return new AppsRepository(this.deps.db).list();
  }

  async countApps(): Promise<number> {
    return new AppsRepository(this.deps.db).count();
  }

  async getApp(appId: string): Promise<AppRecord | null> {
    return new AppsRepository(this.deps.db).find(appId);
  }

  async setAppStatus(appId: string, status: AppStatus): Promise<void> {
    if (!(await new AppsRepository(this.deps.db).setStatus(appId, status))) {
      throw new AppsServiceError('app_not_found', `app ${appId} not found`);
    }
    this.deps.onCredentialsChanged?.({ appId });
  }

  async createKey(appId: string): Promise<NewApiKey> {
    return this.deps.db.transaction().execute(async (trx) => {
      if (!(await new AppsRepository(trx).lockRow(appId))) {
        throw new AppsServiceError('app_not_found', `app ${appId} not found`);
      }
      return this.insertKey(trx, appId);
    });
  }

  async listKeys(appId?: string): Promise<ApiKeySummary[]> {
    const keys = await new ApiKeysRepository(this.deps.db).list(appId);
    return keys.map(({ secretId, appId: owner, enabled, createdAt, lastUsedAt }) => ({
      secretId,
      appId: owner,
      enabled,
      createdAt,
      lastUsedAt,
    }));
  }

  async disableKey(secretId: string): Promise<void> {
    if (!(await new ApiKeysRepository(this.deps.db).setEnabled(secretId, false))) {
      throw new AppsServiceError('key_not_found', `key ${secretId} not found`);
    }
    this.deps.onCredentialsChanged?.({ secretId });
  }

  async enableKey(secretId: string): Promise<void> {
    if (!(await new ApiKeysRepository(this.deps.db).setEnabled(secretId, true))) {
      throw new AppsServiceError('key_not_found', `key ${secretId} not found`);
    }
    this.deps.onCredentialsChanged?.({ secretId });
  }

  /**
   * Rotation: a new key for the same app; the old key is disabled in the same transaction unless
   * `keepOld` (then the operator disables it with `keys disable` once clients have switched).
   * Default is to disable, because a rotation is most often a response to a leak.
   */
  async rotateKey(
    secretId: string,
    opts: { keepOld?: boolean } = {},
  ): Promise<NewApiKey & { oldSecretId: string; oldDisabled: boolean }> {
    const created = await this.deps.db.transaction().execute(async (trx) => {
      const keys = new ApiKeysRepository(trx);
      // Lock first: two concurrent rotations of one key must not both mint a successor.
      const old = (await keys.lockRow(secretId)) ? await keys.find(secretId) : null;
      if (!old) throw new AppsServiceError('key_not_found', `key ${secretId} not found`);
      // A disabled key was already rotated away (or revoked): no second successor.
      if (!old.enabled) {
        throw new AppsServiceError(
          'key_disabled',
          `key ${secretId} is disabled; use "keys create --app ${old.appId}"`,
        );
      }
      const key = await this.insertKey(trx, old.appId);
      if (!opts.keepOld) await keys.setEnabled(secretId, false);
      return key;
    });
    this.deps.onCredentialsChanged?.({ secretId });
    return { ...created, oldSecretId: secretId, oldDisabled: !opts.keepOld };
  }

  /** Decrypts a stored SecretKey (for the credential resolver). */
  openSecretKey(secretId: string, sealed: string): string {
    return this.deps.sealer.open(sealed, secretId).toString('utf8');
  }

  private async insertKey(trx: Kysely<Database>, appId: string): Promise<NewApiKey> {
    const secretId = newSecretId();
    const secretKey = newSecretKey();
    await new ApiKeysRepository(trx).insert({
      secretId,
      appId,
      secretKeyEnc: this.deps.sealer.seal(secretKey, secretId),
      enabled: true,
      createdAt: this.now(),
    });
    return { appId, secretId, secretKey };
  }
}
