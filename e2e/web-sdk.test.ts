// The web SDK's standalone bundle (dist/assets/web-sdk.js) used directly by a merchant page,
// against the capture-API test double. No camera frames needed: the camera is made busy.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureHarness } from '../packages/verify-page/test/harness-server.js';
import { DIST, buildPage, launch, phonePage, shot } from './verify-page-helpers.js';

const BUSY_003 =
  'Unable to access your camera/mic. Please make sure that there is no other app requesting access to them and try again.';

describe('web SDK standalone bundle (Chromium)', () => {
  const harness = new CaptureHarness(DIST);
  let browser: Browser;

  beforeAll(async () => {
    buildPage();
    await harness.listen();
    browser = await launch(true);
  });

  afterAll(async () => {
    await browser?.close();
    await harness.close();
  });

  it('standalone web-sdk.js on a merchant page: init → start → busy camera → the SDK error dialog, then onError', async () => {
    harness.addSession('sdk');
    const busy = `navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));`;
    const page = await phonePage(browser, true, busy);
    await page.goto(`${harness.url}/merchant/return`);
    // A string, not a function: vitest rewrites import() inside functions into its own loader.
    const script = `(async () => {
      const sdk = await import('/verify/assets/web-sdk.js');
      const host = document.createElement('div');
      document.body.append(host);
      const states = [];
      let code = '';
      sdk.init({ container: host, assetsBase: '/verify/assets/', preload: false });
      const result = await sdk.start('sdk', { errorDialog: true, colorStyle: 'dark', messages: { 'sdk.dialog.title': 'Camera problem' } }, {
        onStateChange: (s) => states.push(s),
        onError: (f) => (code = f.code),
      });
      sdk.release();
      return { result: result ?? null, code, states, left: document.querySelectorAll('.ekyc-sdk').length };
    })()`;
    const run = page.evaluate(script).catch((err: unknown) => ({ error: String(err) }));
    await page.waitForSelector('.ekyc-dialog:not([hidden])');
    expect(await page.locator('.ekyc-dialog h2').textContent()).toBe('Camera problem');
    // The 003_* busy message (the SDK's English default), not the browser's technical error text.
    expect(await page.locator('.ekyc-dialog p').textContent()).toBe(`${BUSY_003} (CAMERA_OPEN_FAILED)`);
    await shot(page, 'sdk-error-dialog-en-dark');
    await page.locator('.ekyc-dialog button').click();
    // onError comes after the user closed the dialog; release() removes the SDK's DOM.
    expect(await run).toEqual({
      result: null,
      code: 'CAMERA_OPEN_FAILED',
      states: ['starting_camera', 'failed'],
      left: 0,
    });
    await page.context().close();
  });
});
