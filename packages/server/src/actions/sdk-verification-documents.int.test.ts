import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetSdkVerificationResultResponse,
  GetWebVerificationResultIntlResponse,
  type DocumentRead,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasOcrB,
  renderCardOnly,
  renderOnDesk,
  SPECIMEN_TD3,
  toJpeg,
} from '../../../engine/src/documents/test-cards.fixture.js';
import { sampleImagePath, stillPhotoVideo } from '../../../engine/src/video/test-videos.js';
import { buildServer } from '../app.js';
import { MediaStore } from '../blobs/media-store.js';
import { MediaUrls } from '../blobs/media-urls.js';
import { mediaRoutes } from '../blobs/media-routes.js';
import { createCaptureRuntime, type CaptureRuntime } from '../capture/create-capture.js';
import { MemoryCredentialResolver } from '../gateway/testing/memory-credentials.js';
import { intlCommonCall, intlFaceidCall, type Outcome } from '../gateway/testing/sdk-clients.js';
import { testConfig } from '../gateway/testing/test-config.js';
import { createInProcessJobs, type InProcessJobs } from '../jobs/in-process-jobs.js';
import { BillingService } from '../services/billing/billing-service.js';
import { createSealer } from '../services/secrets/aes-gcm.js';
import { SessionsService } from '../services/sessions/sessions-service.js';
// Test wiring only: the actions themselves never import the store.
// eslint-disable-next-line no-restricted-imports
import { createStore, type Store } from '../store/create-store.js';
// eslint-disable-next-line no-restricted-imports
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../store/testing/test-database.js';
import { createActions } from './index.js';

/**
 * The document results end to end with REAL parts: the engine's worker pool (PP-OCR, MRZ, face
 * models) reads a generated passport (engine test-cards fixture: ICAO specimen MRZ in OCR-B, a
 * face-api demo portrait) through A's DocumentService behind the capture API; liveness runs on the
 * real engine too. The merchant side is the official intl Node SDK. With ../shared/eval-dev present,
 * a live clip whose own still is printed on the card must pass end to end.
 */
const ADMIN_URL = process.env.EKYC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APP = '1300000017';
const ID = 'AKIDekycdoc0000000000000000000000001';
const KEY = 'ekycDocSecretKey0000000000000000';
const EVAL_DEV = join(import.meta.dirname, '../../../../../shared/eval-dev');
const LIVE_CLIP = join(EVAL_DEV, 'liveness/videos/liveportrait_d18.mp4');
const LIVE_REF = join(EVAL_DEV, 'camera/liveportrait_d18.ref.jpg');
const haveLiveClip = existsSync(LIVE_CLIP) && existsSync(LIVE_REF);
if (!hasOcrB()) console.warn('sdk-verification-documents: OCR-B font missing (fonts-ocr-b): skipped');

/** The SDK's answers, read loosely (their shapes are checked with the contract schemas). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** The ICAO specimen passport on a desk, as a phone JPEG; `portrait` replaces the demo face. */
async function passportPhoto(portrait?: Buffer): Promise<Buffer> {
  const card = await renderCardOnly({
    title: 'UTOPIA PASSPORT',
    lines: [
      'Surname: ERIKSSON',
      'Given names: ANNA MARIA',
      'Date of birth: 12 AUG 1974',
      'Passport No: L898902C3',
    ],
    mrz: SPECIMEN_TD3,
    ...(portrait ? { portraitImage: portrait } : {}),
  });
  return Buffer.from(await toJpeg(await renderOnDesk(card)));
}

describe.skipIf(!hasOcrB())('document results on the real engine', () => {
  let jobs: InProcessJobs;
  let photo: Buffer;

  beforeAll(async () => {
    jobs = await createInProcessJobs({ workers: 1, maxQueued: 16, timeoutMs: 120_000 });
    photo = await passportPhoto();
  }, 180_000);
  afterAll(async () => {
    await jobs?.close();
  });

  describe.each(TEST_ENGINES)('on %s', (engine) => {
    let tdb: TestDatabase;
    let store: Store;
    let server: FastifyInstance;
    let rt: CaptureRuntime;
    let endpoint = '';
    const dir = mkdtempSync(join(tmpdir(), 'ekyc-sdk-documents-'));

    beforeAll(async () => {
      tdb = await createTestDatabase(engine, ADMIN_URL);
      store = await createStore(tdb);
      await store.db
        .insertInto('apps')
        .values({ app_id: APP, name: 'docs', status: 'activated', created_at: new Date().toISOString() })
        .execute();
      const masterKey = randomBytes(32);
      const billing = new BillingService({ db: store.db });
      const sessions = new SessionsService({
        db: store.db,
        sealer: createSealer(masterKey),
        billing: billing.finishHook(),
      });
      const media = new MediaStore({ dir, masterKey, retentionMs: 3 * 86_400_000, maxObjectBytes: 16 << 20 });
      const port = await freePort();
      endpoint = `127.0.0.1:${port}`;
      const publicUrl = `http://${endpoint}`;
      rt = createCaptureRuntime({
        db: store.db,
        sessions,
        jobs,
        media,
        publicUrl,
        masterKey,
        maxVideoBytes: 16 << 20,
      });
      server = await buildServer({
        config: testConfig({ bodyLimitBytes: 8 << 20 }),
        actions: createActions({ sessions, webFlow: rt.webFlow, billing }),
        credentials: new MemoryCredentialResolver().add(ID, KEY, APP),
        extraRoutes: async (app) => {
          await rt.routes(app);
          await mediaRoutes({
            store: media,
            urls: new MediaUrls({ publicUrl, masterKey }),
            maxUploadBytes: 1 << 20,
          })(app);
        },
      });
      await server.listen({ port, host: '127.0.0.1' });
    });
    afterAll(async () => {
      await rt?.idle();
      await server?.close();
      await store?.close();
      await tdb?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const sdk = (action: string, params: object): Promise<Outcome> =>
      intlFaceidCall({ endpoint, secretId: ID, secretKey: KEY }, action, params);
    const common = (action: string, params: object): Promise<Outcome> =>
      intlCommonCall(
        { endpoint, secretId: ID, secretKey: KEY, signMethod: 'TC3-HMAC-SHA256' },
        action,
        params,
      );
    const ok = (o: Outcome): Record<string, unknown> => {
      if (!o.ok) throw new Error(`expected success, got ${o.err.code}: ${o.err.message}`);
      return o.data;
    };
    const capture = (path: string, init: RequestInit = {}) =>
      fetch(`http://${endpoint}/capture/v1/sessions/${path}`, init);
    const download = async (url: string): Promise<Buffer> =>
      Buffer.from(await (await fetch(url)).arrayBuffer());

    async function readFront(token: string, image: Buffer): Promise<DocumentRead> {
      const r = await capture(`${token}/documents`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg', 'x-document-side': 'front' },
        body: new Uint8Array(image),
      });
      expect(r.status).toBe(200);
      return (await r.json()) as DocumentRead;
    }
    async function confirm(token: string, readId: string, fields?: Record<string, string>) {
      const r = await capture(`${token}/documents/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ readId, ...(fields ? { fields } : {}) }),
      });
      expect(r.status).toBe(200);
      return (await r.json()) as { next: string; code?: string };
    }
    async function liveness(token: string, video: Buffer): Promise<void> {
      const start = await capture(`${token}/attempts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(start.status).toBe(201);
      const a = (await start.json()) as { attemptId: string; uploadNonce: string };
      const timeline = Buffer.from(
        JSON.stringify({
          startedAt: Date.now(),
          source: 'camera',
          events: [{ t: 10, type: 'prompt', value: 'hold' }],
          client: { userAgent: 'test', width: 480, height: 480, fps: 15 },
        }),
      ).toString('base64url');
      const up = await capture(`${token}/attempts/${a.attemptId}/video`, {
        method: 'POST',
        headers: {
          'content-type': 'video/mp4',
          'x-upload-nonce': a.uploadNonce,
          'x-capture-timeline': timeline,
        },
        body: new Uint8Array(video),
      });
      expect(up.status).toBe(202);
      await rt.idle();
    }

    it('ekyc SDK CheckMode 1: OCR read + correction → CardVerifyResult; a still-photo attack → its CompareResult', async () => {
      const { SdkToken } = ok(
        await common('ApplySdkVerificationToken', {
          IdCardType: 'MLIDPassport',
          SecurityLevel: 1,
          RetryLimit: 1,
          Extra: 'doc-1',
        }),
      );
      const token = String(SdkToken);
      const read = await readFront(token, photo);
      expect(read).toMatchObject({
        status: 'passed',
        fields: { LicenseNumber: 'L898902C3', Surname: 'ERIKSSON' },
      });
      expect(await confirm(token, read.readId, { GivenName: 'ANNA-MARIA' })).toMatchObject({
        next: 'liveness',
      });
      // The still photo of a face shown as a video: the real engine must not call it live.
      await liveness(
        token,
        stillPhotoVideo({ image: sampleImagePath(2), crop: '470:580:1340:40', seconds: 3 }),
      );

      // The typed client parses the answer into the SDK's own model classes.
      const r = ok(await sdk('GetSdkVerificationResult', { SdkToken: token }));
      expect(Value.Check(GetSdkVerificationResultResponse, r)).toBe(true);
      const cards = r.CardVerifyResults as Record<string, never>[];
      const compares = r.CompareResults as Record<string, never>[];
      expect(cards).toHaveLength(1);
      expect(compares).toHaveLength(1);
      console.log(`still-photo attack: Result ${String(r.Result)} ${String(r.Description)}`);
      expect(r.Result).toBe(compares[0]!.ErrorCode);
      expect(r.Result).not.toBe('0');
      expect(r.Extra).toBe('doc-1');
      const card = cards[0] as Loose;
      expect(card).toMatchObject({
        IsPass: true,
        IsEdit: true,
        RequestId: read.readId,
        EditDetails: [
          { FieldName: 'GivenName', OriginalFieldValue: 'ANNA MARIA', RevisedFieldValue: 'ANNA-MARIA' },
        ],
        CardInfo: {
          InternationalIDPassport: {
            LicenseNumber: 'L898902C3',
            Surname: 'ERIKSSON',
            GivenName: 'ANNA-MARIA',
            Birthday: '1974-08-12',
            PassportCodeFirst: SPECIMEN_TD3[0],
          },
        },
      });
      // The photo as taken, and the OCR JSON file with the corrected fields, behind their links.
      expect(md5(await download(card.CardImage.Url))).toBe(md5(photo));
      const json = JSON.parse((await download(card.CardInfoOcrJson.Url)).toString()) as Record<
        string,
        unknown
      >;
      expect(json).toMatchObject({
        LicenseNumber: 'L898902C3',
        GivenName: 'ANNA-MARIA',
        NationalityCode: 'UTO',
      });
      expect(card.CardInfoOcrJson.Size).toBe(Buffer.byteLength(JSON.stringify(json)));
      // Asking again links the same stored file.
      const again = ok(await sdk('GetSdkVerificationResult', { SdkToken: token }));
      expect((again.CardVerifyResults as Loose[])[0]!.CardInfoOcrJson.MD5).toBe(card.CardInfoOcrJson.MD5);
      // ProfileImage is the document's portrait (the reference the live face was compared with).
      const compare = compares[0] as Loose;
      const portrait = await download(compare.ProfileImage.Url);
      expect(portrait.subarray(0, 3).toString('hex')).toBe('ffd8ff');
      expect(md5(portrait)).toBe(compare.ProfileImage.MD5);
      expect(compare.LiveVideo.Size).toBeGreaterThan(1000);
    }, 240_000);

    it('web CheckMode 4 (OCR only): the read finishes the session; OCRResult with the cut card (IdCardCutReturn)', async () => {
      const w = ok(
        await sdk('ApplyWebVerificationBizTokenIntl', {
          RedirectURL: 'https://shop.example/kyc',
          Config: { CheckMode: 4, IDCardType: 'InternationalIDPassport', IdCardCutReturn: true },
        }),
      );
      const token = String(w.BizToken);
      const read = await readFront(token, photo);
      expect(read.status).toBe('passed');
      expect(await confirm(token, read.readId)).toMatchObject({ next: 'finished', code: '0' });
      // The typed client's 3.0.1335 models know OCRResult but drop its 2026 fields (HeadImageBase64,
      // OriginalCardInfo, CardBackImageBase64): the CommonClient shows the whole answer.
      const typed = ok(await sdk('GetWebVerificationResultIntl', { BizToken: token }));
      expect((typed.OCRResult as Record<string, unknown>[])[0]).toMatchObject({
        IsPass: true,
        RequestId: read.readId,
      });
      const r = ok(await common('GetWebVerificationResultIntl', { BizToken: token }));
      expect(Value.Check(GetWebVerificationResultIntlResponse, r)).toBe(true);
      expect(r).toMatchObject({ ErrorCode: 0, VerificationDetailList: [] });
      const ocr = (r.OCRResult as Loose[])[0]!;
      expect(ocr).toMatchObject({
        IsPass: true,
        RequestId: read.readId,
        NormalCardInfo: null,
        CardInfo: { InternationalIDPassport: { LicenseNumber: 'L898902C3', DateOfExpiration: '2012-04-15' } },
      });
      expect(ocr.CardImageBase64).toBe(ocr.CardCutImageBase64);
      expect(
        Buffer.from(ocr.CardCutImageBase64 as string, 'base64')
          .subarray(0, 3)
          .toString('hex'),
      ).toBe('ffd8ff');
      expect(ocr.HeadImageBase64).toBeNull();
      expect(JSON.parse(ocr.OriginalCardInfo as string)).toMatchObject({
        InternationalIDPassport: { Surname: 'ERIKSSON' },
      });
    }, 120_000);

    it.skipIf(!haveLiveClip)(
      'eval-dev: the live clip against its own still printed on the card passes end to end (0, billed)',
      async () => {
        const { SdkToken } = ok(
          await common('ApplySdkVerificationToken', { IdCardType: 'MLIDPassport', SecurityLevel: 1 }),
        );
        const token = String(SdkToken);
        const read = await readFront(token, await passportPhoto(readFileSync(LIVE_REF)));
        expect(read.status).toBe('passed');
        await confirm(token, read.readId);
        await liveness(token, readFileSync(LIVE_CLIP));
        const r = ok(await sdk('GetSdkVerificationResult', { SdkToken: token }));
        const compare = (r.CompareResults as Record<string, unknown>[])[0]!;
        console.log(`document portrait vs live clip: Result ${String(r.Result)}, Sim ${String(compare.Sim)}`);
        expect(r).toMatchObject({ Result: '0', ChargeCount: 1 });
        expect(compare).toMatchObject({ ErrorCode: '0', LiveErrorCode: '0', CompareErrorCode: '0' });
      },
      240_000,
    );
  });
});
