import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from './create-store.js';
import { migrateToLatest } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { AppsRepository } from './repositories/apps-repository.js';
import { SessionsRepository } from './repositories/sessions-repository.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from './testing/test-database.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe.each(TEST_ENGINES)('store on %s', (engine) => {
  let tdb: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    store = await createStore(tdb);
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
  });

  it('applies every migration on a fresh database and nothing on the second open', async () => {
    expect(store.dialect).toBe(engine);
    expect(store.applied).toEqual(MIGRATIONS.map((m) => m.name));
    const tables = (await store.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['apps', 'api_keys', 'sessions']));
    const again = await createStore(tdb);
    try {
      expect(again.applied).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('applies only a newly appended migration (how a later table is added)', async () => {
    const extra = {
      name: '9999_test_extra',
      async up(db: Parameters<(typeof MIGRATIONS)[number]['up']>[0]) {
        await db.schema
          .createTable('test_extra')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .execute();
      },
    };
    expect(await migrateToLatest(store.db, store.dialect, [...MIGRATIONS, extra])).toEqual([
      '9999_test_extra',
    ]);
    const tables = (await store.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toContain('test_extra');
  });

  it('enforces foreign keys and the status check on both engines', async () => {
    const apps = new AppsRepository(store.db);
    await apps.insert({ appId: '1000000001', name: 'fk', status: 'activated', createdAt: new Date() });
    await expect(
      store.db
        .insertInto('api_keys')
        .values({
          secret_id: 'AKIDx',
          app_id: 'missing',
          secret_key_enc: 'x',
          enabled: 1,
          created_at: 'now',
          last_used_at: null,
        })
        .execute(),
    ).rejects.toThrow();
    await expect(
      sql`update apps set status = 'bogus' where app_id = '1000000001'`.execute(store.db),
    ).rejects.toThrow();
    expect(await apps.count()).toBe(1);
    // An AppId clash is reported, not thrown, so the service can draw another id.
    expect(
      await apps.insert({ appId: '1000000001', name: 'again', status: 'activated', createdAt: new Date() }),
    ).toBe(false);
    expect((await apps.find('1000000001'))?.name).toBe('fk');
    expect(await apps.lockRow('1000000001')).toBe(true);
    expect(await apps.lockRow('nope')).toBe(false);
  });

  it('round-trips a session row: JSON, timestamps and the image flag read back the same on both engines', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const repo = new SessionsRepository(store.db);
    await repo.insert({
      token: 'T-1',
      kind: 'faceid-sdk',
      app_id: '1000000001',
      state: 'created',
      config: JSON.stringify({ CheckMode: 'compare', RetryLimit: 3 }),
      challenge: JSON.stringify({ actions: ['blink'] }),
      extra: 'x',
      redirect_url: null,
      reference_image_enc: 'sealed',
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
      expires_at: new Date(at.getTime() + 600_000).toISOString(),
      result_expires_at: new Date(at.getTime() + 3_600_000).toISOString(),
    });
    const s = await repo.find('T-1');
    expect(s).toMatchObject({
      token: 'T-1',
      state: 'created',
      config: { CheckMode: 'compare', RetryLimit: 3 },
      challenge: { actions: ['blink'] },
      hasReferenceImage: true,
      attempts: 0,
      result: null,
      finishedAt: null,
    });
    expect(s?.createdAt.getTime()).toBe(at.getTime());
    expect(s?.expiresAt.getTime()).toBe(at.getTime() + 600_000);
    // A guarded transition from the wrong state changes nothing.
    expect(await repo.transition('T-1', ['processing'], { state: 'finished' }, at)).toBeNull();
    expect((await repo.transition('T-1', ['created'], { state: 'in_progress' }, at))?.state).toBe(
      'in_progress',
    );
  });
});
