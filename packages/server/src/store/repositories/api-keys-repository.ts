import type { Kysely } from 'kysely';
import type { ApiKeysTable, AppStatus, Database } from '../database.js';

export interface ApiKeyRecord {
  readonly secretId: string;
  readonly appId: string;
  /** Sealed SecretKey; only the apps service opens it. */
  readonly secretKeyEnc: string;
  readonly enabled: boolean;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

/** A key joined with its app's status: what the credential resolver needs in one query. */
export interface ApiKeyWithApp extends ApiKeyRecord {
  readonly appStatus: AppStatus;
}

function toRecord(row: ApiKeysTable): ApiKeyRecord {
  return {
    secretId: row.secret_id,
    appId: row.app_id,
    secretKeyEnc: row.secret_key_enc,
    enabled: row.enabled === 1,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
  };
}

export class ApiKeysRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(key: Omit<ApiKeyRecord, 'lastUsedAt'>): Promise<void> {
    await this.db
      .insertInto('api_keys')
      .values({
        secret_id: key.secretId,
        app_id: key.appId,
        secret_key_enc: key.secretKeyEnc,
        enabled: key.enabled ? 1 : 0,
        created_at: key.createdAt.toISOString(),
        last_used_at: null,
      })
      .execute();
  }

  async find(secretId: string): Promise<ApiKeyRecord | null> {
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('secret_id', '=', secretId)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async findWithApp(secretId: string): Promise<ApiKeyWithApp | null> {
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('apps', 'apps.app_id', 'api_keys.app_id')
      .selectAll('api_keys')
      .select('apps.status as app_status')
      .where('api_keys.secret_id', '=', secretId)
      .executeTakeFirst();
    if (!row) return null;
    const { app_status, ...key } = row;
    return { ...toRecord(key), appStatus: app_status };
  }

  /** Keys of one app, or of all apps, oldest first. */
  async list(appId?: string): Promise<ApiKeyRecord[]> {
    let q = this.db.selectFrom('api_keys').selectAll();
    if (appId !== undefined) q = q.where('app_id', '=', appId);
    const rows = await q.orderBy('created_at').orderBy('secret_id').execute();
    return rows.map(toRecord);
  }

  async setEnabled(secretId: string, enabled: boolean): Promise<boolean> {
    const res = await this.db
      .updateTable('api_keys')
      .set({ enabled: enabled ? 1 : 0 })
      .where('secret_id', '=', secretId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Same as AppsRepository.lockRow, for a key (serialises concurrent rotations of one key). */
  async lockRow(secretId: string): Promise<boolean> {
    const res = await this.db
      .updateTable('api_keys')
      .set((eb) => ({ enabled: eb.ref('enabled') }))
      .where('secret_id', '=', secretId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Moves last_used_at forward only (several processes may report out of order). */
  async touchLastUsed(secretId: string, at: Date): Promise<void> {
    const iso = at.toISOString();
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at: iso })
      .where('secret_id', '=', secretId)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', iso)]))
      .execute();
  }
}
