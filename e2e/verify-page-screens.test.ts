// Verification-page screens that need no camera frames: the camera failures (the three camera
// messages of vendor-docs 003_* and their client codes, with a real permission denial: Chromium
// without the fake-UI flag denies) and the static states in two languages and both styles.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureHarness } from '../packages/verify-page/test/harness-server.js';
import {
  DIST,
  buildPage,
  cspViolations,
  external,
  launch,
  phonePage,
  shot,
  waitState,
} from './verify-page-helpers.js';

const DENIED_003 =
  'Mic and camera permissions of your device are required during the whole verification. Please clear your browser cache and try again.';
const BUSY_003 =
  'Unable to access your camera/mic. Please make sure that there is no other app requesting access to them and try again.';

describe('verification page: camera errors and static screens (Chromium)', () => {
  const harness = new CaptureHarness(DIST);
  let browser: Browser;
  let deniedBrowser: Browser;

  beforeAll(async () => {
    buildPage();
    await harness.listen();
    browser = await launch(true);
    deniedBrowser = await launch(false);
  });

  afterAll(async () => {
    await browser?.close();
    await deniedBrowser?.close();
    await harness.close();
    expect(harness.violations).toEqual([]);
    expect(external).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('camera permission denied → the 003_* message and NO_CAMERA_PERMISSION; exit reports it and returns to the merchant', async () => {
    harness.addSession('denied', { session: { skipPrivacyPolicy: true } });
    const page = await phonePage(deniedBrowser, false);
    await page.goto(`${harness.url}/verify/denied`);
    await waitState(page, 'start');
    await page.getByRole('button', { name: 'Start' }).click();
    await waitState(page, 'permission');
    await shot(page, 'permission-en-light');
    await page.getByRole('button', { name: 'Allow camera' }).click();
    await waitState(page, 'camera-error');
    expect(await page.evaluate(() => document.body.dataset.errorCode)).toBe('NO_CAMERA_PERMISSION');
    expect(await page.locator('[role=alert]').textContent()).toBe(DENIED_003);
    await shot(page, 'camera-denied-en-light');
    await page.getByRole('button', { name: 'Exit' }).click();
    await page.waitForSelector('#merchant');
    expect(harness.exits).toContainEqual({ token: 'denied', reason: 'NO_CAMERA_PERMISSION' });
    await page.context().close();
  });

  it('camera busy (NotReadableError) → the 003_* busy message and CAMERA_OPEN_FAILED (id, dark)', async () => {
    harness.addSession('busy', {
      session: { skipPrivacyPolicy: true, autoSkipStartPage: true, language: 'id' },
    });
    const busy = `navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));`;
    const page = await phonePage(browser, true, busy);
    await page.goto(`${harness.url}/verify/busy`);
    await waitState(page, 'camera-error');
    expect(await page.evaluate(() => document.body.dataset.errorCode)).toBe('CAMERA_OPEN_FAILED');
    expect(await page.locator('[role=alert]').textContent()).toBe(
      'Tidak dapat mengakses kamera/mikrofon Anda. Pastikan tidak ada aplikasi lain yang sedang menggunakannya, lalu coba lagi.',
    );
    await shot(page, 'camera-busy-id-dark');
    await page.context().close();
    const en = await phonePage(browser, false, busy);
    harness.addSession('busy-en', { session: { skipPrivacyPolicy: true, autoSkipStartPage: true } });
    await en.goto(`${harness.url}/verify/busy-en`);
    await waitState(en, 'camera-error');
    expect(await en.locator('[role=alert]').textContent()).toBe(BUSY_003);
    await en.context().close();
  });

  it('static states in both languages and styles: consent, start, flash notice, expired link (15), exit', async () => {
    for (const [lang, dark] of [
      ['en', false],
      ['en', true],
      ['id', false],
      ['id', true],
    ] as const) {
      const style = dark ? 'dark' : 'light';
      const tag = `${lang}-${style}`;
      harness.addSession(`static-${tag}`, {
        session: { language: lang, securityLevel: 4, themeColor: '#0A7D5A' },
      });
      harness.addSession(`expired-${tag}`, {
        error: { status: 410, code: '15', message: 'Token expired' },
        sessionDelayMs: 1500,
      });
      const page = await phonePage(browser, dark, undefined, lang === 'id' ? 'id-ID' : 'en-US');
      void page.goto(`${harness.url}/verify/expired-${tag}`);
      await waitState(page, 'loading');
      await page.waitForSelector('.spinner');
      await shot(page, `loading-${tag}`);
      await waitState(page, 'fatal');
      expect(await page.evaluate(() => document.body.dataset.errorCode)).toBe('15');
      // No session, so no configured language: the phone's language is used.
      expect(await page.locator('[role=alert]').textContent()).toMatch(
        lang === 'id' ? /kedaluwarsa/ : /expired/,
      );
      await shot(page, `expired-${tag}`);
      await page.goto(`${harness.url}/verify/static-${tag}`);
      await waitState(page, 'consent');
      expect(
        await page.evaluate(() =>
          getComputedStyle(document.documentElement).getPropertyValue('--ekyc-theme').trim(),
        ),
      ).toBe('#0a7d5a');
      if (tag !== 'en-light') await shot(page, `consent-${tag}`);
      await page.locator('#consent-check').check();
      await page.locator('.btn.primary').click();
      await waitState(page, 'start');
      if (tag !== 'en-light') await shot(page, `start-${tag}`);
      await page.locator('.btn.primary').click();
      await waitState(page, 'flash-notice');
      await shot(page, `flash-notice-${tag}`);
      await page.locator('.btn.secondary').click(); // Exit
      await page.waitForSelector('#merchant');
      expect(harness.exits).toContainEqual({ token: `static-${tag}`, reason: 'USER_GIVE_UP' });
      await page.context().close();
    }
  });
});
