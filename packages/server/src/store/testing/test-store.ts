import { createStore, type Store } from '../create-store.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A store on its own test database; `close()` also drops the database. */
export type TestStore = Store;

/**
 * The store of an integration test: a fresh database (see createTestDatabase), migrated, with
 * `apps` activated (named after their AppId, created `at`).
 */
export async function createTestStore(
  engine: TestDatabase['engine'],
  adminUrl: string,
  { apps = [], at = new Date() }: { apps?: readonly string[]; at?: Date } = {},
): Promise<TestStore> {
  const tdb = await createTestDatabase(engine, adminUrl);
  const store = await createStore(tdb).catch(async (err: unknown) => {
    await tdb.drop();
    throw err;
  });
  const close = async () => {
    await store.close();
    await tdb.drop();
  };
  try {
    for (const app_id of apps)
      await store.db
        .insertInto('apps')
        .values({ app_id, name: app_id, status: 'activated', created_at: at.toISOString() })
        .execute();
  } catch (err) {
    await close();
    throw err;
  }
  return { ...store, close };
}
