import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../create-store.js';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../testing/test-database.js';
import { CardVerificationsRepository } from './card-verifications-repository.js';
import { DocumentReadsRepository, type NewDocumentRead } from './document-reads-repository.js';

const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '1400000001';
const AT = new Date('2026-05-01T08:00:00.000Z');

describe.each(TEST_ENGINES)('document reads and card verifications on %s', (engine) => {
  let tdb: TestDatabase;
  let store: Store;
  let reads: DocumentReadsRepository;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine, ADMIN_URL);
    store = await createStore(tdb);
    await store.db
      .insertInto('apps')
      .values({ app_id: APP, name: 'r', status: 'activated', created_at: AT.toISOString() })
      .execute();
    reads = new DocumentReadsRepository(store.db);
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
  });

  async function session(token: string): Promise<void> {
    await store.db
      .insertInto('sessions')
      .values({
        token,
        kind: 'web',
        app_id: APP,
        state: 'in_progress',
        config: '{}',
        challenge: null,
        extra: null,
        redirect_url: null,
        reference_image_enc: null,
        attempts: 0,
        result_code: null,
        result: null,
        created_at: AT.toISOString(),
        updated_at: AT.toISOString(),
        expires_at: new Date(AT.getTime() + 600_000).toISOString(),
        result_expires_at: new Date(AT.getTime() + 3_600_000).toISOString(),
        finished_at: null,
      })
      .execute();
  }
  const read = (token: string, id: string, over: Partial<NewDocumentRead> = {}): NewDocumentRead => ({
    id,
    token,
    side: 'front',
    state: 'passed',
    cardType: 'InternationalIDPassport',
    code: '0',
    message: 'ok',
    warnings: [],
    fields: { LicenseNumber: 'L898902C3', Surname: null },
    invalidFields: [],
    imageMediaId: 'm1',
    cutMediaId: null,
    portraitMediaId: 'p1',
    createdAt: AT,
    ...over,
  });

  it('stores reads in order with their JSON, finds them only under their own token', async () => {
    await session('S-1');
    await session('S-2');
    await reads.insert(
      read('S-1', 'r1', { state: 'failed', code: 'OCR_WARNING', warnings: [-9102], invalidFields: ['X'] }),
    );
    await reads.insert(read('S-1', 'r2', { side: 'back', fields: {} }));
    await reads.insert(read('S-1', 'r3'));
    const list = await reads.list('S-1');
    expect(list.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(list[0]).toMatchObject({
      state: 'failed',
      warnings: [-9102],
      invalidFields: ['X'],
      edits: null,
      confirmedAt: null,
    });
    expect(list[2]?.fields).toEqual({ LicenseNumber: 'L898902C3', Surname: null });
    expect(list[2]?.createdAt.getTime()).toBe(AT.getTime());
    expect(await reads.find('S-2', 'r3')).toBeNull();
    expect((await reads.find('S-1', 'r3'))?.portraitMediaId).toBe('p1');
    // A read of an unknown session is refused by the foreign key.
    await expect(reads.insert(read('NO-SUCH', 'rx'))).rejects.toThrow();
  });

  it('confirms only a passed front read, once, and only one read per session', async () => {
    const edits = [{ FieldName: 'Surname', OriginalFieldValue: null, RevisedFieldValue: 'ERIKSSON' }];
    expect(await reads.confirm('S-1', 'r1', edits, AT)).toBe(false); // failed
    expect(await reads.confirm('S-1', 'r2', edits, AT)).toBe(false); // back
    expect(await reads.confirm('S-2', 'r3', edits, AT)).toBe(false); // another token
    expect(await reads.confirm('S-1', 'r3', edits, AT)).toBe(true);
    expect(await reads.confirm('S-1', 'r3', [], AT)).toBe(false); // twice
    const confirmed = await reads.confirmed('S-1');
    expect(confirmed).toMatchObject({ id: 'r3', edits });
    expect(confirmed?.confirmedAt?.getTime()).toBe(AT.getTime());
    // Another passed front taken later cannot be confirmed too.
    await reads.insert(read('S-1', 'r4'));
    expect(await reads.confirm('S-1', 'r4', [], AT)).toBe(false);
    // The partial unique index holds even against a write that skips the guard.
    await expect(
      store.db
        .updateTable('document_reads')
        .set({ confirmed_at: AT.toISOString() })
        .where('id', '=', 'r4')
        .execute(),
    ).rejects.toThrow();
    expect(await reads.confirmed('S-2')).toBeNull();
  });

  it('of concurrent confirms of two reads, exactly one wins', async () => {
    await session('S-3');
    await reads.insert(read('S-3', 'c1'));
    await reads.insert(read('S-3', 'c2'));
    const results = await Promise.all([
      reads.confirm('S-3', 'c1', [], AT),
      reads.confirm('S-3', 'c2', [], AT),
      reads.confirm('S-3', 'c1', [], AT),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await reads.list('S-3')).filter((r) => r.confirmedAt !== null)).toHaveLength(1);
  });

  it('card verifications: inserted processing, finished once, stale ones listed', async () => {
    const cards = new CardVerificationsRepository(store.db);
    const base = {
      appId: APP,
      nationality: 'AUTO',
      cardType: 'PASSPORT',
      cardKey: 'InternationalIDPassport',
      frontMediaId: 'f1',
      backMediaId: null,
      resultExpiresAt: new Date(AT.getTime() + 86_400_000),
    };
    await cards.insert({ ...base, token: 'C-1', at: AT });
    await cards.insert({ ...base, token: 'C-2', at: new Date(AT.getTime() + 60_000) });
    expect(await cards.find('C-1')).toMatchObject({ state: 'processing', status: null, result: null });
    expect((await cards.listStale(new Date(AT.getTime() + 1000))).map((c) => c.token)).toEqual(['C-1']);
    expect(await cards.finish('C-1', { status: 'PASSED', result: { fields: { a: '1' } }, at: AT })).toBe(
      true,
    );
    expect(await cards.finish('C-1', { status: 'REJECTED', result: null, at: AT })).toBe(false);
    expect(await cards.find('C-1')).toMatchObject({
      state: 'done',
      status: 'PASSED',
      result: { fields: { a: '1' } },
    });
    expect(await cards.listStale(new Date(AT.getTime() + 120_000))).toHaveLength(1);
    expect(await cards.find('C-9')).toBeNull();
  });
});
