// Generated passport photos for e2e/document-flow.test.ts, rendered at test time by the engine's
// card fixture (never eval data copied into the repo): the card's portrait is the reference photo of
// the fake-camera clip, so the document and the live face are the same person.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  blurred,
  renderSpecimenPassport,
  toJpeg,
} from '../packages/engine/src/documents/test-cards.fixture.js';
import type { RgbImage } from '../packages/engine/src/types.js';
import { resolveFfmpegPath } from '../packages/engine/src/video/ffmpeg-path.js';

/** What the MRZ of the generated passport says (ICAO 9303 part 4 specimen). */
export { SPECIMEN_PASSPORT_FIELDS as SPECIMEN_FIELDS } from '../packages/engine/src/documents/test-cards.fixture.js';

export interface PassportPhotos {
  dir: string;
  /** The passport on a desk, as a phone would photograph it (JPEG file). */
  clean: string;
  /**
   * The same photo blurred (σ 3 px): the MRZ still reads but the engine's -9108 blur warning fires
   * (σ 2 does not; σ 4 also loses the MRZ, and an unreadable card is OCR_FAILED instead).
   */
  blurry: string;
  /** A y4m for Chromium's fake camera: the passport too far for 1 s, then framed in the guide, 960×720. */
  cameraY4m: string;
  remove(): void;
}

/** Desk colour of renderOnDesk (the wood around the card). */
const DESK = { r: 52, g: 44, b: 38 };
/** The card on renderOnDesk's 1400×1000 page: (200, 185), 1000×630. */
const CARD = { x: 200, y: 185, w: 1000, h: 630 };
const FRAME = { w: 960, h: 720 };

const raw = (img: RgbImage) =>
  sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });

/**
 * A camera frame with the card `cardWidth` px wide, centred: the web SDK's passport guide at 960×720
 * is 806 px wide (document-quality.ts guideRect, TD3 shape, 84 % fill).
 */
async function cameraFrame(desk: RgbImage, cardWidth: number): Promise<Buffer> {
  const k = cardWidth / CARD.w;
  const scaled = await raw(desk)
    .resize(Math.round(desk.width * k), Math.round(desk.height * k))
    .png()
    .toBuffer();
  const cx = Math.round((CARD.x + CARD.w / 2) * k);
  const cy = Math.round((CARD.y + CARD.h / 2) * k);
  // Pad with desk colour, then cut the frame centred on the card.
  const pad = Math.max(FRAME.w, FRAME.h);
  // Two pipelines: within one, sharp extracts before it extends.
  const padded = await sharp(scaled)
    .extend({ top: pad, bottom: pad, left: pad, right: pad, background: DESK })
    .png()
    .toBuffer();
  return sharp(padded)
    .extract({ left: pad + cx - FRAME.w / 2, top: pad + cy - FRAME.h / 2, width: FRAME.w, height: FRAME.h })
    .png()
    .toBuffer();
}

export async function passportPhotos(portraitJpeg: string): Promise<PassportPhotos> {
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-doc-e2e-'));
  const desk = await renderSpecimenPassport({ portraitImage: readFileSync(portraitJpeg) });
  const clean = join(dir, 'passport.jpg');
  writeFileSync(clean, await toJpeg(desk));
  const blurry = join(dir, 'passport-blurry.jpg');
  writeFileSync(blurry, await toJpeg(await blurred(desk, 3)));
  writeFileSync(join(dir, 'far.png'), await cameraFrame(desk, 520));
  writeFileSync(join(dir, 'framed.png'), await cameraFrame(desk, 806));
  const cameraY4m = join(dir, 'passport-camera.y4m');
  execFileSync(resolveFfmpegPath(), [
    '-v',
    'error',
    '-y',
    ...['-loop', '1', '-framerate', '10', '-t', '1', '-i', join(dir, 'far.png')],
    ...['-loop', '1', '-framerate', '10', '-t', '3', '-i', join(dir, 'framed.png')],
    ...['-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]', '-map', '[v]'],
    ...['-pix_fmt', 'yuv420p', '-r', '10', cameraY4m],
  ]);
  return { dir, clean, blurry, cameraY4m, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
