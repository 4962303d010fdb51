// The hosted web flow end to end with REAL parts: `ekyc serve` (SQLite, engine worker threads with the
// real models), the official TencentCloud intl Node SDK on the merchant side, and headless Chromium
// whose fake camera plays ../shared/eval-dev/camera/liveportrait_d18.y4m. Skipped (with a message)
// when that folder is absent. Bounded: three browser runs, one engine verdict each.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../packages/server/test/pure-api-server.js';
import {
  CLIP,
  buildPage,
  cspViolations,
  external,
  launch,
  merchantCall,
  ok,
  phonePage,
} from './verify-page-helpers.js';

const REF_SAME = CLIP.replace(/\.y4m$/, '.ref.jpg');
const REF_OTHER = resolve(dirname(CLIP), 'liveportrait_d19.ref.jpg');
const ready = [CLIP, REF_SAME, REF_OTHER].every((f) => existsSync(f));
if (!ready)
  console.warn(`web-flow e2e skipped: camera clips not found next to ${CLIP} (../shared/eval-dev/camera)`);

interface Timing {
  uploadToVerdictMs: number;
  clipSeconds: number;
  /** The engine's own stage times for the attempt (decode, track, liveness, compare, total). */
  engine: Record<string, number> | null;
}

describe.skipIf(!ready)(
  'web flow: ApplyWebVerificationBizTokenIntl → page + fake camera → GetWebVerificationResultIntl',
  () => {
    let srv: RunningServer;
    let browser: Browser;
    let merchant: Server;
    let merchantUrl = '';
    const timings: Timing[] = [];
    /** The recording that passed level 1: the attacker's material for the replay case. */
    let passedVideo: Buffer | undefined;

    beforeAll(async () => {
      buildPage();
      // The merchant's own site, where RedirectURL points (a different origin from the verification server).
      merchant = createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<h1 id="merchant">merchant</h1>'),
      );
      await new Promise<void>((r) => merchant.listen(0, '127.0.0.1', r));
      merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/kyc/done?order=42`;
      srv = await startServer();
      browser = await launch(true);
    });

    afterAll(async () => {
      await browser?.close();
      await srv?.stop();
      await new Promise((r) => merchant?.close(r));
      if (timings.length > 0) console.log(`web-flow: upload → verdict ${JSON.stringify(timings)}`);
      expect(external.filter((u) => !u.startsWith(merchantUrl))).toEqual([]);
      expect(cspViolations).toEqual([]);
    });

    const sdk = (action: string, params: object) => merchantCall(srv, action, params);

    async function apply(level: number, ref: string): Promise<{ token: string; url: string }> {
      const r = ok(
        await sdk('ApplyWebVerificationBizTokenIntl', {
          RedirectURL: merchantUrl,
          CompareImageBase64: readFileSync(ref).toString('base64'),
          Extra: `level-${level}`,
          Config: {
            SecurityLevel: level,
            SkipPrivacyPolicy: true,
            AutoSkipStartPage: true,
            AutoSkip: true,
            LivenessRetryLimit: 1,
          },
        }),
      );
      expect(r.VerificationURL).toBe(r.VerificationUrl);
      expect(r.VerificationURL).toBe(`http://${srv.endpoint}/verify/${String(r.BizToken)}`);
      return { token: String(r.BizToken), url: String(r.VerificationURL) };
    }

    /** Drives the page like a user until it shows a result or leaves for the merchant. */
    async function runPage(page: Page, url: string): Promise<string> {
      await page.goto(url);
      const deadline = Date.now() + 150_000;
      for (;;) {
        if (page.url().startsWith(merchantUrl.split('?')[0]!)) return 'merchant';
        const state = await page.evaluate(() => document.body.dataset.state ?? '').catch(() => '');
        if (['failure', 'fatal', 'success'].includes(state)) return state;
        if (state === 'permission')
          await page
            .getByRole('button', { name: 'Allow camera' })
            .click()
            .catch(() => {});
        if (state === 'flash-notice')
          await page
            .getByRole('button', { name: 'I understand, continue' })
            .click()
            .catch(() => {});
        if (Date.now() > deadline) throw new Error(`page stuck in state "${state}"`);
        await page.waitForTimeout(200);
      }
    }

    /** Server-side timing of the token's attempt, from the store: upload accepted → verdict written. */
    function timing(token: string): Timing {
      const db = new Database(join(srv.dataDir, 'ekyc.sqlite'), { readonly: true });
      try {
        const row = db
          .prepare('select uploaded_at, finished_at, result from capture_attempts where token = ?')
          .get(token) as { uploaded_at: string; finished_at: string; result: string } | undefined;
        if (!row) throw new Error('no attempt stored');
        const engine = (JSON.parse(row.result) as { engine: Record<string, number> | null }).engine;
        return {
          uploadToVerdictMs: Date.parse(row.finished_at) - Date.parse(row.uploaded_at),
          clipSeconds: engine?.durationSeconds ?? 0,
          engine,
        };
      } finally {
        db.close();
      }
    }

    const result = async (token: string) =>
      ok(await sdk('GetWebVerificationResultIntl', { BizToken: token }));

    it('SecurityLevel 1 + the matching reference photo → ErrorCode 0, redirect with the token, verdict ≤ 5 s after upload', async () => {
      const { token, url } = await apply(1, REF_SAME);
      const page = await phonePage(browser, false);
      expect(await runPage(page, url)).toBe('merchant');
      // spec: "spliced to the callback URL in the format of ...?token={BizToken}" — the merchant's query kept.
      expect(page.url()).toBe(`${merchantUrl}&token=${token}`);
      await page.context().close();

      const r = await result(token);
      expect(r.ErrorCode).toBe(0);
      expect(r.Extra).toBe('level-1');
      const details = r.VerificationDetailList as Record<string, unknown>[];
      expect(details).toHaveLength(1);
      expect(details[0]).toMatchObject({ ErrorCode: 0, LivenessErrorCode: 0, CompareErrorCode: 0 });
      expect(Number(details[0]?.Similarity)).toBeGreaterThanOrEqual(70);
      expect(String(r.BestFrameBase64).slice(0, 4)).toBe('/9j/'); // JPEG
      passedVideo = Buffer.from(String(r.VideoBase64), 'base64');
      expect(passedVideo.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // WebM
      // Repeatable (spec: "can be called multiple times").
      expect((await result(token)).ErrorCode).toBe(0);
      const t = timing(token);
      timings.push(t);
      console.log(
        `web-flow: level 1 pass, clip ${t.clipSeconds.toFixed(1)} s, upload → verdict ${t.uploadToVerdictMs} ms`,
      );
      // The 5 s target is measured and reported (the log line above, and bench/), not asserted: timings
      // on a shared 2-core machine are noise. The bound below only tells a hang from a slow verdict.
      expect(t.clipSeconds).toBeLessThanOrEqual(5.5);
      expect(t.uploadToVerdictMs).toBeLessThanOrEqual(60_000);
    });

    it("SecurityLevel 1 + another person's photo → 2016 (billed comparison failure)", async () => {
      const { token, url } = await apply(1, REF_OTHER);
      const page = await phonePage(browser, false);
      const end = await runPage(page, url);
      expect(['failure', 'merchant']).toContain(end);
      await page.context().close();
      const r = await result(token);
      expect(r.ErrorCode).toBe(2016);
      const d = (r.VerificationDetailList as Record<string, unknown>[])[0];
      expect(d).toMatchObject({ ErrorCode: 2016, LivenessErrorCode: 0, CompareErrorCode: 2016 });
      expect(Number(d?.Similarity)).toBeLessThan(70);
      timings.push(timing(token));
    });

    it('SecurityLevel 3 (light) with the same pre-recorded video → rejected by the server: a recording cannot answer fresh colours', async () => {
      const { token, url } = await apply(3, REF_SAME);
      const page = await phonePage(browser, false);
      const end = await runPage(page, url);
      expect(['failure', 'merchant']).toContain(end);
      await page.context().close();
      const r = await result(token);
      expect(r.ErrorCode).not.toBe(0);
      expect(r.ErrorCode).not.toBeNull();
      const d = (r.VerificationDetailList as Record<string, unknown>[])[0];
      // The liveness part failed (the face is the right one; the colours were not on it).
      expect(d?.LivenessErrorCode).not.toBe(0);
      console.log(`web-flow: level 3 replay rejected with ${String(r.ErrorCode)} (${String(r.ErrorMsg)})`);
      timings.push(timing(token));
    });

    it('SecurityLevel 2: the passing recording replayed straight to the capture API (forged timeline) → rejected by the server', async () => {
      if (!passedVideo) throw new Error('needs the level-1 recording');
      const { token } = await apply(2, REF_SAME);
      const base = `http://${srv.endpoint}/capture/v1/sessions/${token}`;
      const start = (await (
        await fetch(`${base}/attempts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"source":"camera"}',
        })
      ).json()) as { attemptId: string; uploadNonce: string; challenge: { mode: string; actions: string[] } };
      expect(start.challenge.mode).toBe('action');
      // The attacker claims every prompted action was done.
      const events = start.challenge.actions.flatMap((a, i) => [
        { t: 500 + i * 1500, type: 'prompt', value: a },
        { t: 1200 + i * 1500, type: 'prompt', value: `done:${a}` },
      ]);
      const timeline = {
        startedAt: Date.now(),
        source: 'camera',
        events,
        client: { userAgent: 'x', width: 320, height: 240, fps: 15 },
      };
      const up = await fetch(`${base}/attempts/${start.attemptId}/video`, {
        method: 'POST',
        headers: {
          'content-type': 'video/webm',
          'x-upload-nonce': start.uploadNonce,
          'x-capture-timeline': Buffer.from(JSON.stringify(timeline)).toString('base64url'),
        },
        body: new Uint8Array(passedVideo),
      });
      expect(up.status).toBe(202);
      let verdict: { status: string; code: string } = { status: 'processing', code: '' };
      for (let i = 0; i < 120 && verdict.status === 'processing'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        verdict = (await (await fetch(`${base}/attempts/${start.attemptId}`)).json()) as typeof verdict;
      }
      expect(verdict.status).toBe('failed');
      const r = await result(token);
      expect(r.ErrorCode).not.toBe(0);
      expect((r.VerificationDetailList as Record<string, unknown>[])[0]?.LivenessErrorCode).not.toBe(0);
      timings.push(timing(token));
      console.log(
        `web-flow: level 2 replay of a passing recording (challenge ${start.challenge.actions.join(',')}) rejected with ${String(r.ErrorCode)} (${String(r.ErrorMsg)})`,
      );
    });
  },
);
