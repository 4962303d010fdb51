import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../decode/decode-image.js';
import type { RgbImage } from '../../types.js';
import { detectCard, rectify, touchesBorder, worthRectifying } from '../card-detect.js';
import {
  DESK_PORTRAIT,
  DESK_TEXT_FIELD,
  DESK_TILT,
  blurred,
  otherPortrait,
  pasted,
  photocopied,
  renderSpecimenPassport,
  textPatch,
  toPng,
  withCameraNoise,
  withFinger,
  withGlare,
  withMoire,
} from '../test-cards.fixture.js';
import { OCCLUSION_SKIN_MIN, TAMPER_NOISE_RATIO_MIN, detectWarnings } from './detectors.js';

// The warning detectors on generated captures, through decode → card → rectify like
// analyzeDocument, without OCR (fast). Thresholds in detectors.ts were set on these variants.
async function warningsOf(img: RgbImage) {
  const decoded = await decodeImage(await toPng(img), { workingMaxSide: 1600 });
  if (!decoded.ok) throw new Error('decode');
  const image = decoded.image;
  const quad = detectCard(image);
  const card =
    (quad && worthRectifying(quad, image.width, image.height) ? rectify(image, quad) : null) ?? image;
  return detectWarnings(card, {
    found: quad !== null,
    touches: quad ? touchesBorder(quad, image.width, image.height) : true,
  });
}

describe('tampering (-9104) and occlusion (-9101) detectors', () => {
  const v: Record<string, RgbImage> = {};
  beforeAll(async () => {
    v.clean = await renderSpecimenPassport();
    v.tilted = await renderSpecimenPassport({ corners: DESK_TILT });
    v.blurred = await blurred(v.clean, 3);
    v.glare = withGlare(v.clean, 800, 400, 90);
    v.moire = withMoire(v.clean);
    v.photocopy = photocopied(v.clean);
    v.camera = await withCameraNoise(v.clean);
    v.cameraTilted = await withCameraNoise(v.tilted);
    v.cameraGlare = await withCameraNoise(v.glare);
  }, 60_000);

  it('raises neither on clean, tilted, blurred, glare, moiré, photocopy or camera-noise captures', async () => {
    for (const [name, img] of Object.entries(v)) {
      const { warnings, scores } = await warningsOf(img);
      const names = warnings.map((w) => w.name);
      expect({
        name,
        tampering: names.includes('tampering'),
        occlusion: names.includes('occlusion'),
      }).toEqual({
        name,
        tampering: false,
        occlusion: false,
      });
      expect(scores.tampering).toBeLessThan(TAMPER_NOISE_RATIO_MIN / 2);
      expect(scores.occlusion).toBeLessThan(OCCLUSION_SKIN_MIN / 2);
    }
  }, 120_000);

  it.each([
    [
      'a retyped text field with its own noise and JPEG history',
      'clean',
      DESK_TEXT_FIELD,
      { sigma: 4, quality: 40 },
    ],
    [
      'a swapped portrait with its own noise and JPEG history',
      'clean',
      DESK_PORTRAIT,
      { sigma: 4, quality: 40 },
    ],
    [
      'a clean retyped field pasted into a noisy camera photo',
      'camera',
      DESK_TEXT_FIELD,
      { sigma: 0, quality: 95 },
    ],
    ['a clean portrait pasted into a noisy camera photo', 'camera', DESK_PORTRAIT, { sigma: 0, quality: 60 }],
  ] as const)(
    'flags %s as tampering only',
    async (_label, base, box, history) => {
      const patch =
        box === DESK_PORTRAIT ? await otherPortrait() : textPatch(box, 'Date of birth: 21 AUG 1979');
      const { warnings } = await warningsOf(await pasted(v[base] as RgbImage, box, patch, history));
      expect(warnings.map((w) => [w.name, w.code])).toEqual([['tampering', -9104]]);
    },
    30_000,
  );

  it('flags a finger entering over the MRZ as occlusion only (code -9101)', async () => {
    const { warnings } = await warningsOf(withFinger(v.clean as RgbImage, 700, 640));
    expect(warnings.map((w) => [w.name, w.code])).toEqual([['occlusion', -9101]]);
    const noisy = await warningsOf(await withCameraNoise(withFinger(v.clean as RgbImage, 700, 640)));
    expect(noisy.warnings.map((w) => w.name)).toEqual(['occlusion']);
  }, 30_000);
});
