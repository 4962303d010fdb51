// Helpers for e2e/verify-page.test.ts: build, Chromium with a fake camera, screenshots, ffprobe.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { intlFaceidCall, type Outcome } from '../packages/server/src/gateway/testing/sdk-clients.js';
import type { RunningServer } from '../packages/server/test/pure-api-server.js';

export { ok } from '../packages/server/src/gateway/testing/sdk-test-server.js';

/** The merchant's server: the official intl SDK with its default signing (v1 HmacSHA256, form POST). */
export const merchantCall = (srv: RunningServer, action: string, params: object): Promise<Outcome> =>
  intlFaceidCall(
    { endpoint: srv.endpoint, secretId: srv.creds.SecretId, secretKey: srv.creds.SecretKey },
    action,
    params,
  );

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Development clips live next to the repository (../shared/eval-dev/camera), never in it. */
export const CLIP = resolve(ROOT, '../shared/eval-dev/camera/liveportrait_d18.y4m');
export const DIST = join(ROOT, 'packages/verify-page/dist');
// The committed screenshots are refreshed only on request (`npm run screenshots`), so an ordinary
// test run never dirties the work tree; otherwise they go to a temp folder.
export const SHOTS = process.env.EKYC_UPDATE_SCREENSHOTS
  ? join(ROOT, 'docs/screenshots/verify-page')
  : join(tmpdir(), 'ekyc-screenshots/verify-page');
let tmp: string | undefined;
const tmpDir = (): string => (tmp ??= mkdtempSync(join(tmpdir(), 'ekyc-verify-e2e-')));

export function removeTmp(): void {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
}
/** Requests to anything but our own origin (there must be none: no CDN). */
export const external: string[] = [];
/** Console errors about the Content-Security-Policy (the harness serves the page with one). */
export const cspViolations: string[] = [];

/** Builds dist/ from the current sources, so the tests never run a stale bundle. */
export function buildPage(): void {
  execFileSync(process.execPath, [join(ROOT, 'packages/verify-page/scripts/build.mjs')], {
    stdio: 'inherit',
  });
}

/** Chromium with a fake camera playing `video` (a y4m; default the face clip). */
export function launch(fakeUi: boolean, video = CLIP): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(fakeUi ? ['--use-fake-ui-for-media-stream'] : []),
      '--use-fake-device-for-media-stream',
      // Without the clip Chromium's built-in fake camera (a test pattern) is used.
      ...(existsSync(video) ? [`--use-file-for-fake-video-capture=${video}`] : []),
    ],
  });
}

/** A 360x740 phone; `locale` is the phone's language (used by the page when the session gives none, e.g. an expired link). */
export async function phonePage(
  browser: Browser,
  dark: boolean,
  initScript?: string,
  locale = 'en-US',
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    colorScheme: dark ? 'dark' : 'light',
    isMobile: true,
    hasTouch: true,
    locale,
  });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  // Nothing may come from outside our origin (no CDN): record every request that tries.
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (
      !['127.0.0.1', 'localhost'].includes(u.hostname) &&
      !u.protocol.startsWith('data') &&
      !u.protocol.startsWith('blob')
    )
      external.push(r.url());
  });
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return page;
}

export async function waitState(page: Page, state: string, timeout = 30_000): Promise<void> {
  await page.waitForSelector(`body[data-state="${state}"]`, { state: 'attached', timeout });
}

/** A palette PNG of the viewport in SHOTS (small enough to commit). */
export async function shot(page: Page, name: string): Promise<number> {
  mkdirSync(SHOTS, { recursive: true });
  const png = await page.screenshot({ type: 'png' });
  const small = await sharp(png)
    .png({ palette: true, quality: 85, effort: 10, compressionLevel: 9 })
    .toBuffer();
  writeFileSync(join(SHOTS, `${name}.png`), small);
  return small.length;
}

/** Pixel colour at (x, y) of a screenshot. */
export async function pixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(await page.screenshot({ type: 'png' }))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
}

export interface VideoProbe {
  codec: string;
  width: number;
  height: number;
  /** Frames ffmpeg decoded to raw pixels. */
  decodedFrames: number;
  /** Time of the last frame, s (MediaRecorder webm has no duration in its header). */
  lastFrameS: number;
}

/** Decodes the uploaded bytes with ffprobe + ffmpeg: proves the file is playable, counts frames. */
export function probeVideo(bytes: Buffer, name: string): VideoProbe {
  const file = join(tmpDir(), name);
  writeFileSync(file, bytes);
  const out = JSON.parse(
    execFileSync(
      'ffprobe',
      [
        '-v',
        'error',
        '-select_streams',
        'v:0',
        '-show_entries',
        'stream=codec_name,width,height:frame=pts_time',
        '-of',
        'json',
        file,
      ],
      { maxBuffer: 16 << 20 },
    ).toString(),
  ) as { streams: { codec_name: string; width: number; height: number }[]; frames: { pts_time: string }[] };
  const s = out.streams[0];
  if (!s) throw new Error('no video stream');
  // Full decode to raw frames (fails on a corrupt stream); passthrough keeps one output frame per input frame.
  const raw = execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      file,
      '-fps_mode',
      'passthrough',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      '-s',
      '32x24',
      'pipe:1',
    ],
    { maxBuffer: 64 << 20 },
  );
  const last = Math.max(0, ...out.frames.map((f) => Number(f.pts_time)).filter(Number.isFinite));
  return {
    codec: s.codec_name,
    width: s.width,
    height: s.height,
    decodedFrames: raw.length / (32 * 24),
    lastFrameS: last,
  };
}

/** A webm made from the clip, standing in for a video the phone's camera app recorded. */
export function clipAsWebm(): string {
  const file = join(tmpDir(), 'recorded.webm');
  if (!existsSync(file))
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      CLIP,
      '-t',
      '4',
      '-c:v',
      'libvpx',
      '-b:v',
      '400k',
      '-deadline',
      'realtime',
      file,
    ]);
  return file;
}
