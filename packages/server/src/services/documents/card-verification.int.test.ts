import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiError,
  ApplyCardVerificationResponse,
  GetCardVerificationResultResponse,
  type ApplyCardVerificationRequest,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApplyCardVerification } from '../../actions/apply-card-verification.js';
import { createGetCardVerificationResult } from '../../actions/get-card-verification-result.js';
import { testCaller } from '../../actions/testing/test-caller.js';
import { MediaStore } from '../../blobs/media-store.js';
import { MediaUrls } from '../../blobs/media-urls.js';
import { describeWithOcrB, useDocumentEngine } from '../../capture/testing/document-fixtures.js';
import { CardVerificationsRepository } from '../../store/repositories/card-verifications-repository.js';
import { TEST_ENGINES } from '../../store/testing/test-database.js';
import { createTestStore, type TestStore } from '../../store/testing/test-store.js';
import { PureApiService } from '../verification/pure-api-service.js';
import { CardVerificationService } from './card-verification-service.js';

/**
 * Legacy ApplyCardVerification → GetCardVerificationResult (spec §7.2) through the actions, on the
 * real store (both engines), media store and OCR engine (generated passport photos; each distinct
 * photo read once per file, see MemoJobs).
 */
const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '1300000008';
const OTHER_APP = '1300000009';

const fixture = useDocumentEngine();

describeWithOcrB.each(TEST_ENGINES)('legacy card verification on %s', (engine) => {
  let store: TestStore;
  let cards: CardVerificationService;
  let media: MediaStore;
  let urls: MediaUrls;
  let apply: ReturnType<typeof createApplyCardVerification>;
  let get: ReturnType<typeof createGetCardVerificationResult>;
  const mediaDir = mkdtempSync(join(tmpdir(), 'ekyc-card-media-'));
  const caller = (appId = APP) => testCaller({ appId, receivedAt: new Date() });

  beforeAll(async () => {
    store = await createTestStore(engine, ADMIN_URL, { apps: [APP, OTHER_APP] });
    const masterKey = randomBytes(32);
    media = new MediaStore({ dir: mediaDir, masterKey, retentionMs: 86_400_000, maxObjectBytes: 8 << 20 });
    urls = new MediaUrls({ publicUrl: 'https://kyc.example', masterKey });
    const pureApi = new PureApiService({
      db: store.db,
      jobs: fixture.jobs,
      store: media,
      urls,
      fetchAllowHosts: [],
      fetchTimeoutMs: 1000,
    });
    cards = new CardVerificationService({
      db: store.db,
      media,
      jobs: fixture.jobs,
      now: () => new Date(),
      log: () => {},
    });
    apply = createApplyCardVerification({ cards, verification: { pureApi } });
    get = createGetCardVerificationResult({ cards });
  });
  afterAll(async () => {
    await cards?.idle();
    await store?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  const applyOk = async (req: ApplyCardVerificationRequest) => {
    const r = await apply.handle(caller(), req);
    expect(Value.Check(ApplyCardVerificationResponse, r)).toBe(true);
    return r.CardVerificationToken;
  };
  const result = async (token: string) => {
    const r = await get.handle(caller(), { CardVerificationToken: token });
    expect(Value.Check(GetCardVerificationResultResponse, r)).toBe(true);
    return r;
  };
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: unknown) => (e instanceof ApiError ? e.code : String(e)),
    );

  it('Apply → PROCESSING while the engine reads → PASSED with the passport fields; only for the applying app', async () => {
    const release = fixture.jobs.hold();
    const r = await apply.handle(caller(), {
      Nationality: 'AUTO',
      CardType: 'PASSPORT',
      ImageBase64Front: fixture.photos.passport.toString('base64'),
    });
    expect(r).toMatchObject({
      AsyncCardVerificationMaxPollingTimes: 60,
      AsyncCardVerificationPollingWaitTime: 2,
    });
    const token = r.CardVerificationToken;
    expect(await result(token)).toMatchObject({
      Status: 'PROCESSING',
      Nationality: 'AUTO',
      CardType: 'PASSPORT',
    });
    release();
    await cards.idle();
    const done = await result(token);
    expect(done).toMatchObject({ Status: 'PASSED', WarnInfo: [], Nationality: 'UTO', CardType: 'PASSPORT' });
    expect(done.CardInfo?.InternationalIDPassport).toMatchObject({
      LicenseNumber: 'L898902C3',
      Surname: 'ERIKSSON',
      Birthday: '1974-08-12',
    });
    expect(await code(get.handle(caller(OTHER_APP), { CardVerificationToken: token }))).toBe(
      'InvalidParameterValue',
    );
    expect(await code(get.handle(caller(), { CardVerificationToken: 'NO-SUCH-TOKEN' }))).toBe(
      'InvalidParameterValue',
    );
    // Not billed: the catalog has no OCR product.
    const ledger = await store.db.selectFrom('billing_ledger').selectAll().execute();
    expect(ledger).toEqual([]);
  });

  it('a photocopy by ResourceUrl (URL first) → WARNING "-9102"; an unreadable or wrong card → REJECTED', async () => {
    const stored = await media.put(fixture.photos.photocopy, { kind: 'upload', contentType: 'image/jpeg' });
    const url = urls.resourceUrl(stored.id, Math.floor(Date.now() / 1000) + 600);
    const copy = await applyOk({
      Nationality: 'AUTO',
      CardType: 'AUTO',
      ImageUrlFront: url,
      ImageBase64Front: 'bm90IGFuIGltYWdl', // ignored: the URL wins (spec)
    });
    const broken = await applyOk({
      Nationality: 'AUTO',
      CardType: 'AUTO',
      ImageBase64Front: fixture.photos.broken.toString('base64'),
    });
    const wrong = await applyOk({
      Nationality: 'HKG',
      CardType: 'ID_CARD',
      ImageBase64Front: fixture.photos.passport.toString('base64'),
    });
    await cards.idle();
    const w = await result(copy);
    expect(w).toMatchObject({ Status: 'WARNING', CardType: 'PASSPORT' });
    expect(w.WarnInfo).toContain('-9102');
    expect(w.CardInfo?.InternationalIDPassport?.LicenseNumber).toBe('L898902C3');
    expect(await result(broken)).toMatchObject({
      Status: 'REJECTED',
      WarnInfo: ['IMAGE_INVALID'],
      CardInfo: null,
    });
    const rejected = await result(wrong);
    expect(rejected).toMatchObject({ Status: 'REJECTED', Nationality: 'HKG', CardType: 'ID_CARD' });
    expect(rejected.WarnInfo).toContain('OCR_FAILED');
    expect(rejected.CardInfo?.HKIDCard?.IdNum ?? null).toBeNull();
  });

  it('request errors the vendor way', async () => {
    const front = fixture.photos.passport.toString('base64');
    expect(await code(apply.handle(caller(), { Nationality: 'AUTO', CardType: 'PASSPORT' }))).toBe(
      'MissingParameter',
    );
    expect(
      await code(
        apply.handle(caller(), { Nationality: 'FRA', CardType: 'PASSPORT', ImageBase64Front: front }),
      ),
    ).toBe('InvalidParameterValue');
    expect(
      await code(apply.handle(caller(), { Nationality: 'HKG', CardType: 'VISA', ImageBase64Front: front })),
    ).toBe('InvalidParameterValue');
    expect(
      await code(
        apply.handle(caller(), { Nationality: 'HKG', CardType: 'DRIVING_LICENSE', ImageBase64Front: front }),
      ),
    ).toBe('InvalidParameterValue');
    expect(
      await code(
        apply.handle(caller(), {
          Nationality: 'AUTO',
          CardType: 'AUTO',
          ImageBase64Front: 'A'.repeat(5 * 1024 * 1024 + 4),
        }),
      ),
    ).toBe('FailedOperation.ImageSizeTooLarge');
    expect(
      await code(
        apply.handle(caller(), {
          Nationality: 'AUTO',
          CardType: 'AUTO',
          ImageBase64Front: Buffer.from('GIF89a not a card').toString('base64'),
        }),
      ),
    ).toBe('InvalidParameter.EngineImageDecodeFailed');
    expect(
      await code(
        apply.handle(caller(), {
          Nationality: 'AUTO',
          CardType: 'AUTO',
          ImageUrlFront: 'https://elsewhere.example/a.jpg',
        }),
      ),
    ).toBe('InvalidParameterValue');
  });

  it('a job lost with its process is run again from the stored photo (resume)', async () => {
    const photo = await media.put(fixture.photos.passport, { kind: 'card-verification-front' });
    const repo = new CardVerificationsRepository(store.db);
    const at = new Date(Date.now() - 10 * 60_000);
    await repo.insert({
      token: 'LOST-JOB-0001',
      appId: APP,
      nationality: 'AUTO',
      cardType: 'PASSPORT',
      cardKey: 'InternationalIDPassport',
      frontMediaId: photo.id,
      backMediaId: null,
      at,
      resultExpiresAt: new Date(at.getTime() + 86_400_000),
    });
    expect(await cards.resume(5 * 60_000)).toBe(1);
    await cards.idle();
    expect((await result('LOST-JOB-0001')).Status).toBe('PASSED');
    expect(await cards.resume(5 * 60_000)).toBe(0);
  });
});
