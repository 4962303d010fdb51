import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, SQLITE_FILE, type Store } from '../../store/create-store.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../../store/testing/test-database.js';
import { createSealer } from '../secrets/aes-gcm.js';
import { AppsService, AppsServiceError } from './apps-service.js';
import { SECRET_ID_PATTERN } from './credential-ids.js';
import { createApps } from './index.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe.each(TEST_ENGINES)('apps service on %s', (engine) => {
  let tdb: TestDatabase;
  let store: Store;
  const sealer = createSealer(randomBytes(32));

  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    store = await createStore(tdb);
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
  });

  it('creates an app with a Tencent-shaped AppId and key, and stores the SecretKey only encrypted', async () => {
    const { apps } = createApps({ db: store.db, sealer });
    const { app, key } = await apps.createApp({ name: 'shop' });
    expect(app.appId).toMatch(/^[1-9]\d{9}$/);
    expect(key.secretId).toMatch(SECRET_ID_PATTERN);
    expect(key.secretKey).toMatch(/^[A-Za-z0-9]{32}$/);

    const row = await store.db
      .selectFrom('api_keys')
      .selectAll()
      .where('secret_id', '=', key.secretId)
      .executeTakeFirstOrThrow();
    expect(row.secret_key_enc).not.toContain(key.secretKey);
    expect(Buffer.from(row.secret_key_enc, 'base64').toString('latin1')).not.toContain(key.secretKey);
    expect(apps.openSecretKey(key.secretId, row.secret_key_enc)).toBe(key.secretKey);
    if (engine === 'sqlite') {
      // Nor anywhere in the database file (WAL included).
      await store.db.selectFrom('apps').selectAll().execute();
      const files = await Promise.all(
        [SQLITE_FILE, `${SQLITE_FILE}-wal`].map((f) =>
          readFile(join(tdb.dataDir, f)).catch(() => Buffer.alloc(0)),
        ),
      );
      for (const f of files) expect(f.includes(Buffer.from(key.secretKey))).toBe(false);
    }
    // Listings never carry the SecretKey.
    const listed = await apps.listKeys(app.appId);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(key.secretKey);
    expect(Object.keys(listed[0] ?? {})).not.toContain('secretKey');
  });

  it('rejects empty names and keys for unknown apps', async () => {
    const { apps } = createApps({ db: store.db, sealer });
    await expect(apps.createApp({ name: '  ' })).rejects.toBeInstanceOf(AppsServiceError);
    await expect(apps.createKey('0000000000')).rejects.toMatchObject({ reason: 'app_not_found' });
    await expect(apps.disableKey('AKIDnope')).rejects.toMatchObject({ reason: 'key_not_found' });
  });

  it('resolver: caches, and a disable through the service is seen at once', async () => {
    const { apps, resolver } = createApps({ db: store.db, sealer });
    const { app, key } = await apps.createApp({ name: 'cache' });
    const first = await resolver.resolve(key.secretId);
    expect(first).toEqual({
      secretId: key.secretId,
      secretKey: key.secretKey,
      appId: app.appId,
      appStatus: 'activated',
      enabled: true,
    });

    // Changed behind the resolver's back (raw SQL): the cached answer stands until invalidated.
    await store.db
      .updateTable('api_keys')
      .set({ enabled: 0 })
      .where('secret_id', '=', key.secretId)
      .execute();
    expect((await resolver.resolve(key.secretId))?.enabled).toBe(true);
    await store.db
      .updateTable('api_keys')
      .set({ enabled: 1 })
      .where('secret_id', '=', key.secretId)
      .execute();

    await apps.disableKey(key.secretId);
    expect((await resolver.resolve(key.secretId))?.enabled).toBe(false);
    await apps.enableKey(key.secretId);
    expect((await resolver.resolve(key.secretId))?.enabled).toBe(true);
    await apps.setAppStatus(app.appId, 'arrears');
    expect((await resolver.resolve(key.secretId))?.appStatus).toBe('arrears');
    expect(await resolver.resolve('AKIDdoesnotexist00000000000000000000')).toBeNull();
  });

  it('resolver: a change made by another process is seen after the TTL', async () => {
    let now = 0;
    const { apps, resolver } = createApps({ db: store.db, sealer }, { ttlMs: 30_000, clock: () => now });
    const other = new AppsService({ db: store.db, sealer }); // e.g. `ekyc keys disable` in another process
    const { key } = await apps.createApp({ name: 'ttl' });
    expect((await resolver.resolve(key.secretId))?.enabled).toBe(true);
    await other.disableKey(key.secretId);
    now = 29_000;
    expect((await resolver.resolve(key.secretId))?.enabled).toBe(true);
    now = 30_001;
    expect((await resolver.resolve(key.secretId))?.enabled).toBe(false);
  });

  it('rotate disables the old key by default, keeps it with keepOld, and invalidates the cache', async () => {
    const { apps, resolver } = createApps({ db: store.db, sealer });
    const { app, key } = await apps.createApp({ name: 'rotate' });
    await resolver.resolve(key.secretId);
    const rotated = await apps.rotateKey(key.secretId);
    expect(rotated).toMatchObject({ appId: app.appId, oldSecretId: key.secretId, oldDisabled: true });
    expect(rotated.secretId).not.toBe(key.secretId);
    expect((await resolver.resolve(key.secretId))?.enabled).toBe(false);
    expect(await resolver.resolve(rotated.secretId)).toMatchObject({
      enabled: true,
      secretKey: rotated.secretKey,
    });

    const kept = await apps.rotateKey(rotated.secretId, { keepOld: true });
    expect(kept.oldDisabled).toBe(false);
    const states = Object.fromEntries((await apps.listKeys(app.appId)).map((k) => [k.secretId, k.enabled]));
    expect(states).toEqual({ [key.secretId]: false, [rotated.secretId]: true, [kept.secretId]: true });
  });

  it('concurrent rotations of one key mint exactly one successor; a disabled key is not rotated', async () => {
    const { apps } = createApps({ db: store.db, sealer });
    const { app, key } = await apps.createApp({ name: 'race' });
    const results = await Promise.allSettled([
      apps.rotateKey(key.secretId),
      apps.rotateKey(key.secretId),
      apps.rotateKey(key.secretId),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ reason: 'key_disabled' });
    expect(await apps.listKeys(app.appId)).toHaveLength(2);
  });

  it('markUsed is batched: no write per request, one write per key on flush', async () => {
    const { apps, resolver } = createApps({ db: store.db, sealer }, { flushIntervalMs: 3_600_000 });
    const { key } = await apps.createApp({ name: 'used' });
    const t1 = new Date('2026-03-01T10:00:00.000Z');
    const t2 = new Date('2026-03-01T10:00:05.000Z');
    resolver.markUsed(key.secretId, t2);
    resolver.markUsed(key.secretId, t1); // out of order: the later time wins
    expect((await apps.listKeys()).find((k) => k.secretId === key.secretId)?.lastUsedAt).toBeNull();
    await resolver.flush();
    expect((await apps.listKeys()).find((k) => k.secretId === key.secretId)?.lastUsedAt?.toISOString()).toBe(
      t2.toISOString(),
    );
    // An older report from another process never moves it back.
    resolver.markUsed(key.secretId, t1);
    await resolver.close();
    expect((await apps.listKeys()).find((k) => k.secretId === key.secretId)?.lastUsedAt?.toISOString()).toBe(
      t2.toISOString(),
    );
  });
});
