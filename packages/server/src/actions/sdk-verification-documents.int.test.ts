import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GetSdkVerificationResultResponse,
  GetWebVerificationResultIntlResponse,
  type DocumentRead,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasOcrB,
  renderSpecimenPassport,
  SPECIMEN_TD3,
  toJpeg,
} from '../../../engine/src/documents/test-cards.fixture.js';
import { sampleImagePath, stillPhotoVideo } from '../../../engine/src/video/test-videos.js';
import { ok, startSdkTestServer, type SdkTestServer } from '../gateway/testing/sdk-test-server.js';
import { createInProcessJobs, type InProcessJobs } from '../jobs/in-process-jobs.js';
// eslint-disable-next-line no-restricted-imports -- test wiring: which database engines to run on
import { TEST_ENGINES } from '../store/testing/test-database.js';

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

/** The ICAO specimen passport on a desk, as a phone JPEG; `portrait` replaces the demo face. */
async function passportPhoto(portrait?: Buffer): Promise<Buffer> {
  return Buffer.from(await toJpeg(await renderSpecimenPassport({ portraitImage: portrait })));
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
    let server: SdkTestServer;

    beforeAll(async () => {
      server = await startSdkTestServer({
        engine,
        adminUrl: ADMIN_URL,
        apps: [{ appId: APP, secretId: ID }],
        secretKey: KEY,
        jobs,
        maxBytes: 16 << 20,
        bodyLimitBytes: 8 << 20,
      });
    });
    afterAll(async () => {
      await server?.close();
    });

    const sdk = (action: string, params: object) => server.sdk(action, params);
    const common = (action: string, params: object) => server.common(action, params);
    const capture = (path: string, init?: RequestInit) => server.capture(path, init);
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
    const liveness = (token: string, video: Buffer) => server.livenessAttempt(token, video, 'video/mp4');

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
