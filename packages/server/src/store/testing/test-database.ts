import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Test helper: an empty database per test file, so parallel runs never share tables. */
export interface TestDatabase {
  readonly engine: 'sqlite' | 'postgres';
  /** Pass to createStore / loadConfig. */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  drop(): Promise<void>;
}

export const TEST_ENGINES = ['sqlite', 'postgres'] as const;

/**
 * SQLite: a fresh temp data dir. PostgreSQL: a fresh database created through `adminUrl`
 * (the test file reads EKYC_TEST_DATABASE_URL and passes it here), dropped by `drop()`.
 */
export async function createTestDatabase(
  engine: 'sqlite' | 'postgres',
  adminUrl: string,
): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ekyc-test-'));
  if (engine === 'sqlite') {
    return {
      engine,
      dataDir,
      databaseUrl: undefined,
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `ekyc_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    dataDir,
    databaseUrl: url.toString(),
    async drop() {
      // FORCE (PostgreSQL 13+) ends connections a failed test may have left open.
      await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
