// The hosted web flow WITH the document step (issue 7), end to end with REAL parts: `ekyc serve`
// (SQLite, engine workers with the real OCR and face models), the official TencentCloud intl Node SDK
// on the merchant side, headless Chromium on a 360×740 phone. The passport is generated at test time
// (e2e/document-fixtures.ts) with the face clip's reference photo as its portrait.
//   CheckMode 1: the passport photographed through the file input (a blurred one first: the blur
//   warning, then a retake), fields checked and one corrected, liveness on the fake camera playing
//   the face clip, redirect; the result has the OCR fields and the comparison with the card portrait.
//   CheckMode 4: the fake camera plays the passport; the SDK's auto capture takes the photo by itself
//   once the card is framed; confirm finishes the session without liveness.
//   Camera denied: the file button carries the step. The standalone SDK bundle: manual shutter,
//   auto timeout, abort, file preparation.
// Skipped (with a message) when ../shared/eval-dev/camera is absent.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../packages/server/test/pure-api-server.js';
import { SPECIMEN_FIELDS, passportPhotos, type PassportPhotos } from './document-fixtures.js';
import {
  CLIP,
  buildPage,
  cspViolations,
  external,
  launch,
  phonePage,
  shot,
  waitState,
  merchantCall,
  ok,
} from './verify-page-helpers.js';

const REF = CLIP.replace(/\.y4m$/, '.ref.jpg');
const ready = [CLIP, REF].every((f) => existsSync(f));
if (!ready)
  console.warn(
    `document-flow e2e skipped: camera clips not found next to ${CLIP} (../shared/eval-dev/camera)`,
  );

/** Records every document guidance status the page shows (body[data-doc-guidance]) into window.__docGuidance. */
const RECORD_GUIDANCE = `
  window.__docGuidance = [];
  new MutationObserver(() => {
    const g = document.body && document.body.dataset.docGuidance;
    const list = window.__docGuidance;
    if (g && list[list.length - 1] !== g) list.push(g);
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-doc-guidance'] });
`;

describe.skipIf(!ready)(
  'document flow: ApplyWebVerificationBizTokenIntl CheckMode 1 / 4 → page (document + liveness) → GetWebVerificationResultIntl',
  () => {
    let srv: RunningServer;
    let faceBrowser: Browser;
    let cardBrowser: Browser;
    /** Without the fake-UI flag Chromium denies the camera. */
    let deniedBrowser: Browser;
    let merchant: Server;
    let merchantUrl = '';
    let photos: PassportPhotos;
    const measured: Record<string, number> = {};

    beforeAll(async () => {
      buildPage();
      photos = await passportPhotos(REF);
      merchant = createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<h1 id="merchant">merchant</h1>'),
      );
      await new Promise<void>((r) => merchant.listen(0, '127.0.0.1', r));
      merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/kyc/done?order=7`;
      srv = await startServer();
      faceBrowser = await launch(true);
      cardBrowser = await launch(true, photos.cameraY4m);
      deniedBrowser = await launch(false);
    });

    afterAll(async () => {
      await faceBrowser?.close();
      await cardBrowser?.close();
      await deniedBrowser?.close();
      await srv?.stop();
      await new Promise((r) => merchant?.close(r));
      photos?.remove();
      console.log(`document-flow: ${JSON.stringify(measured)}`);
      expect(external.filter((u) => !u.startsWith(merchantUrl))).toEqual([]);
      expect(cspViolations).toEqual([]);
    });

    const sdk = (action: string, params: object) => merchantCall(srv, action, params);

    async function apply(config: Record<string, unknown>): Promise<{ token: string; url: string }> {
      const r = ok(
        await sdk('ApplyWebVerificationBizTokenIntl', {
          RedirectURL: merchantUrl,
          Config: { SkipPrivacyPolicy: true, AutoSkip: true, ...config },
        }),
      );
      return { token: String(r.BizToken), url: String(r.VerificationURL) };
    }

    const state = (page: Page): Promise<string> =>
      page.evaluate(() => document.body.dataset.state ?? '').catch(() => '');
    const data = (page: Page, key: string): Promise<string | undefined> =>
      page.evaluate((k) => document.body.dataset[k], key);

    /** Clicks through the permission and flash notices until one of `states` (or the merchant) is reached. */
    async function advance(page: Page, states: string[], timeoutMs = 150_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (page.url().startsWith(merchantUrl.split('?')[0]!)) return 'merchant';
        const s = await state(page);
        if (states.includes(s)) return s;
        if (['failure', 'fatal', 'camera-error'].includes(s))
          throw new Error(`page ended in "${s}" (${(await data(page, 'errorCode')) ?? ''})`);
        if (s === 'permission')
          await page
            .getByRole('button', { name: 'Allow camera' })
            .click()
            .catch(() => {});
        if (Date.now() > deadline) throw new Error(`page stuck in state "${s}"`);
        await page.waitForTimeout(150);
      }
    }

    const result = async (token: string) =>
      ok(await sdk('GetWebVerificationResultIntl', { BizToken: token }));

    it('CheckMode 1 (passport): blurred photo → blur warning → retake → fields checked and corrected → liveness → redirect; result has the OCR fields and Similarity ≥ 70', async () => {
      const { token, url } = await apply({
        CheckMode: 1,
        IDCardType: 'InternationalIDPassport',
        SecurityLevel: 1,
      });
      const page = await phonePage(faceBrowser, false);
      await page.goto(url);
      await waitState(page, 'start');
      // The start page says what comes: the passport, then the face.
      expect(await page.locator('h1').textContent()).toBe('Identity verification');
      expect(await page.locator('.view-start .body').textContent()).toMatch(
        /photo of your passport, then a short video/,
      );
      await shot(page, 'document-start-en-light');
      await page.getByRole('button', { name: 'Start' }).click();
      expect(await advance(page, ['doc-capture'])).toBe('doc-capture');
      expect(await page.locator('h1').textContent()).toBe('Photo page of your passport');
      // The rear-camera preview runs (the fake camera shows a face, not a card: no auto capture).
      await page.waitForSelector('body[data-doc-capture="framing"]', { state: 'attached', timeout: 15_000 });
      await page.waitForSelector('body[data-doc-guidance]', { state: 'attached', timeout: 10_000 });
      expect(await data(page, 'docGuidance')).not.toBe('ok');
      await expect.poll(() => page.locator('.ekyc-doc-hint').textContent()).not.toBe('');
      await shot(page, 'document-capture-en-light');

      // 1. A blurred photo: the engine's -9108 warning blocks it (SelectedWarningCodes default: all).
      await page.locator('.ekyc-doc-file').setInputFiles(photos.blurry);
      await waitState(page, 'doc-reading', 10_000);
      expect(await page.locator('.doc-photo').count()).toBe(1); // the photo shown while it is read (blob: URL)
      await shot(page, 'document-reading-en-light');
      await waitState(page, 'doc-failure', 60_000);
      expect(await data(page, 'docCode')).toBe('OCR_WARNING');
      const alert = page.locator('[role=alert]');
      expect(await alert.locator('.body').textContent()).toBe('There is a problem with the photo:');
      expect(await alert.locator('li').allTextContents()).toContain('The photo is blurry.');
      expect(await page.locator('.retries').textContent()).toMatch(/^Photos left: \d+$/);
      await shot(page, 'document-warning-en-light');

      // 2. Retake with the sharp photo (keyboard: the button is focusable and activates with Enter).
      await page.getByRole('button', { name: 'Retake photo' }).focus();
      await page.keyboard.press('Enter');
      await waitState(page, 'doc-capture');
      const t0 = Date.now();
      await page.locator('.ekyc-doc-file').setInputFiles(photos.clean);
      await waitState(page, 'doc-confirm', 60_000);
      measured.readMs = Date.now() - t0;

      // 3. The fields, labelled, editable (the web flow always allows edits).
      for (const [label, value] of [
        ['License number', SPECIMEN_FIELDS.LicenseNumber],
        ['Surname', SPECIMEN_FIELDS.Surname],
        ['Given name', SPECIMEN_FIELDS.GivenName],
        ['Birthday', SPECIMEN_FIELDS.Birthday],
      ] as const)
        expect(await page.getByLabel(label, { exact: true }).inputValue(), label).toBe(value);
      expect(await page.getByLabel('Surname', { exact: true }).getAttribute('readonly')).toBeNull();
      await shot(page, 'document-confirm-en-light');
      const given = page.getByLabel('Given name', { exact: true });
      await given.fill('ANNA MARIA JOSEFINA');
      await given.press('Enter'); // submits the form

      // 4. Liveness with the same person's face, then back to the merchant.
      expect(await advance(page, [])).toBe('merchant');
      expect(page.url()).toBe(`${merchantUrl}&token=${token}`);
      await page.context().close();

      const r = await result(token);
      expect(r.ErrorCode).toBe(0);
      // One OCRResult per photo read: the blurred one (blocked by its warning), then the confirmed one.
      const reads = (r.OCRResult as Record<string, unknown>[] | null) ?? [];
      expect(reads.map((o) => o.IsPass)).toEqual([false, true]);
      expect(reads[0]?.WarnCardInfos).toContain(-9108);
      const ocr = reads[1];
      const passport = (ocr?.CardInfo as Record<string, Record<string, unknown>>).InternationalIDPassport;
      expect(passport).toMatchObject({
        LicenseNumber: SPECIMEN_FIELDS.LicenseNumber,
        Surname: SPECIMEN_FIELDS.Surname,
        Birthday: SPECIMEN_FIELDS.Birthday,
        Sex: SPECIMEN_FIELDS.Sex,
      });
      // The user's correction is what the merchant gets (the server keeps the original as the edit's evidence).
      expect(passport?.GivenName).toBe('ANNA MARIA JOSEFINA');
      const details = r.VerificationDetailList as Record<string, unknown>[];
      expect(details[0]).toMatchObject({ ErrorCode: 0, LivenessErrorCode: 0, CompareErrorCode: 0 });
      measured.similarity = Number(details[0]?.Similarity);
      expect(measured.similarity).toBeGreaterThanOrEqual(70);
    });

    it('CheckMode 4 (OCR only): the camera sees the passport, auto capture takes it once framed, confirm finishes with 0 and no liveness', async () => {
      const { token, url } = await apply({
        CheckMode: 4,
        IDCardType: 'InternationalIDPassport',
        AutoSkipStartPage: true,
      });
      const page = await phonePage(cardBrowser, false, RECORD_GUIDANCE);
      await page.goto(url);
      expect(await advance(page, ['doc-capture'])).toBe('doc-capture');
      await page.waitForSelector('body[data-doc-capture="framing"]', { state: 'attached', timeout: 15_000 });
      const t0 = Date.now();
      await shot(page, 'document-auto-en-light');
      await page.waitForSelector('body[data-doc-photo]', { state: 'attached', timeout: 30_000 });
      measured.autoCaptureMs = Date.now() - t0;
      expect(await data(page, 'docPhoto')).toBe('auto');
      const seen =
        (await page.evaluate(() => (window as unknown as { __docGuidance: string[] }).__docGuidance)) ?? [];
      // The clip shows the card too far for 1 s, then framed: the guidance said so before it was taken.
      expect(seen).toContain('ok');
      console.log(`document-flow: auto-capture guidance ${seen.join(' → ')}`);
      expect(await advance(page, ['doc-confirm', 'doc-failure'], 60_000)).toBe('doc-confirm');
      expect(await page.getByLabel('License number', { exact: true }).inputValue()).toBe(
        SPECIMEN_FIELDS.LicenseNumber,
      );
      await page.getByRole('button', { name: 'Confirm' }).click();
      expect(await advance(page, [], 30_000)).toBe('merchant');
      expect(page.url()).toBe(`${merchantUrl}&token=${token}`);
      await page.context().close();

      const r = await result(token);
      expect(r.ErrorCode).toBe(0);
      const ocr = (r.OCRResult as Record<string, unknown>[] | null)?.[0];
      expect(ocr?.IsPass).toBe(true);
      expect(
        (ocr?.CardInfo as Record<string, Record<string, unknown>>).InternationalIDPassport,
      ).toMatchObject({
        LicenseNumber: SPECIMEN_FIELDS.LicenseNumber,
        Surname: SPECIMEN_FIELDS.Surname,
      });
      // No liveness ran: no attempt, no video.
      expect((r.VerificationDetailList as unknown[] | null) ?? []).toHaveLength(0);
      expect(r.VideoBase64 ?? null).toBeNull();
    });

    it('camera denied: the document step stays usable through the file button (NO_CAMERA_PERMISSION reported), CheckMode 4 finishes', async () => {
      const { token, url } = await apply({
        CheckMode: 4,
        IDCardType: 'InternationalIDPassport',
        AutoSkipStartPage: true,
      });
      const page = await phonePage(deniedBrowser, false);
      await page.goto(url);
      expect(await advance(page, ['doc-capture'])).toBe('doc-capture');
      await page.waitForSelector('body[data-doc-capture="file"]', { state: 'attached', timeout: 15_000 });
      expect(await data(page, 'docCameraError')).toBe('NO_CAMERA_PERMISSION');
      expect(await page.locator('.ekyc-doc-hint').textContent()).toBe(
        'The camera is not available: choose a photo of your document instead.',
      );
      expect(await page.locator('.view-doc-capture .doc-tip').textContent()).toMatch(
        /^Take or choose a sharp photo/,
      );
      expect(await page.locator('.ekyc-doc-stage').isHidden()).toBe(true);
      await page.locator('.ekyc-doc-file').setInputFiles(photos.clean);
      expect(await advance(page, ['doc-confirm', 'doc-failure'], 60_000)).toBe('doc-confirm');
      expect(await data(page, 'docPhoto')).toBe('file');
      await page.getByRole('button', { name: 'Confirm' }).click();
      expect(await advance(page, [], 30_000)).toBe('merchant');
      await page.context().close();
      expect((await result(token)).ErrorCode).toBe(0);
    });

    it('web SDK takeDocumentPhoto (standalone bundle): manual shutter → a JPEG of the frame; auto without a card → ACTION_TIMEOUT after ocrAutoTimeout; abort → USER_GIVE_UP', async () => {
      const page = await phonePage(faceBrowser, false);
      // Any page of the server's origin will do as the merchant page: the bundle is same-origin there.
      await page.goto(`http://${srv.endpoint}/verify/not-a-token`);
      await waitState(page, 'fatal');
      // A string, not a function: vitest rewrites import() inside functions into its own loader.
      const run = (mode: string, extra: string) => `(async () => {
        const sdk = await import('/verify/assets/web-sdk.js');
        const host = document.createElement('div');
        document.body.append(host);
        const events = [];
        const abort = new AbortController();
        window.__abortDoc = () => abort.abort();
        const t0 = performance.now();
        try {
          const blob = await sdk.takeDocumentPhoto(
            { container: host, side: 'front', mode: '${mode}', cardType: 'HKIDCard', signal: abort.signal, ${extra} },
            { onStateChange: (s) => events.push(s), onManual: () => events.push('manual'), onPhoto: (b, src) => events.push('photo:' + src) },
          );
          const head = new Uint8Array(await blob.slice(0, 3).arrayBuffer());
          const bmp = await createImageBitmap(blob);
          return { type: blob.type, head: [...head], width: bmp.width, height: bmp.height, events, left: host.childElementCount };
        } catch (f) {
          return { code: f.code, ms: Math.round(performance.now() - t0), events, left: host.childElementCount };
        }
      })()`;

      const manual = page.evaluate(run('manual', '')) as Promise<Record<string, unknown>>;
      await page.locator('.ekyc-doc-shutter').waitFor({ state: 'visible', timeout: 15_000 });
      expect(await page.getByRole('button', { name: 'Take photo' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Take photo' }).click();
      const shotResult = await manual;
      expect(shotResult).toMatchObject({ type: 'image/jpeg', head: [0xff, 0xd8, 0xff], left: 0 });
      expect(shotResult.events).toEqual(['starting_camera', 'framing', 'manual', 'photo:shutter']);
      // The whole camera frame (the fake camera's size), not only the guide: the server checks the border.
      expect(Number(shotResult.width)).toBeGreaterThanOrEqual(320);

      const auto = (await page.evaluate(run('auto', 'autoTimeoutMs: 1000'))) as Record<string, unknown>;
      // 1000 ms is below the vendor minimum: clamped to 5 s.
      expect(auto).toMatchObject({ code: 'ACTION_TIMEOUT', left: 0 });
      expect(Number(auto.ms)).toBeGreaterThanOrEqual(5000);
      expect(Number(auto.ms)).toBeLessThan(9000);

      const aborted = page.evaluate(run('auto+manual', '')) as Promise<Record<string, unknown>>;
      await page.waitForSelector('.ekyc-doc-stage:not([hidden])');
      await page.evaluate('window.__abortDoc()');
      expect(await aborted).toMatchObject({ code: 'USER_GIVE_UP', left: 0 });
      // The camera was released each time.
      expect(await page.evaluate('document.querySelectorAll("video").length')).toBe(0);

      // Files: a big PNG is re-encoded as a JPEG of at most 2000 px; a file that is no image fails as IMAGE_INVALID.
      const files = (await page.evaluate(`(async () => {
        const sdk = await import('/verify/assets/web-sdk.js');
        const c = document.createElement('canvas');
        c.width = 3000;
        c.height = 2000;
        c.getContext('2d').fillRect(100, 100, 500, 500);
        const png = await new Promise((r) => c.toBlob(r, 'image/png'));
        const out = await sdk.prepareDocumentFile(png);
        const bmp = await createImageBitmap(out);
        let code = '';
        await sdk.prepareDocumentFile(new Blob(['not an image'], { type: 'image/heic' })).catch((f) => (code = f.code));
        return { type: out.type, width: bmp.width, height: bmp.height, code };
      })()`)) as Record<string, unknown>;
      expect(files).toEqual({ type: 'image/jpeg', width: 2000, height: 1333, code: 'IMAGE_INVALID' });
      await page.context().close();
    });
  },
);
