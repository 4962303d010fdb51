import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FaceAnalyzer, RgbImage } from '../types.js';
import { createFaceAnalyzer } from './create-face-analyzer.js';
import { loadModels } from '../models/load-models.js';
import { meshBounds } from './face-geometry.js';
import { assessFaceQuality } from './face-quality.js';
import { decoded, faceCrops, sampleBytes, toJpeg } from './sample-faces.fixture.js';

let analyzer: FaceAnalyzer;
let portrait: Buffer; // one face, passport-like framing, from face-api's sample3.jpg
let other: Buffer; // another person from the same photo

const kinds = async (bytes: Buffer) => {
  const image = await decoded(bytes);
  return assessFaceQuality(image, await analyzer.detectFaces(image)).map((f) => f.kind);
};

beforeAll(async () => {
  analyzer = await createFaceAnalyzer();
  const crops = await faceCrops(analyzer, 3);
  portrait = crops[0] as Buffer;
  other = crops[2] as Buffer;
}, 60_000);

describe('detectFaces', () => {
  it('finds every face of a group photo, with a 478-point mesh and plausible measures', async () => {
    const faces = await analyzer.detectFaces(await decoded(sampleBytes(1)));
    expect(faces).toHaveLength(3);
    for (const f of faces) {
      expect(f.mesh).toHaveLength(478);
      expect(f.score).toBeGreaterThan(0.5);
      expect(Math.abs(f.pose.yawDeg)).toBeLessThan(60);
      expect(f.eyeOpenness.left).toBeGreaterThan(0.1);
      expect(f.eyeOpenness.right).toBeLessThan(0.6);
      expect(f.mouthOpenness).toBeGreaterThanOrEqual(0);
      expect(f.antispoof).toBeGreaterThanOrEqual(0);
    }
  });

  it('returns no face on a blank image', async () => {
    const blank: RgbImage = { width: 320, height: 240, data: new Uint8Array(320 * 240 * 3).fill(200) };
    expect(await analyzer.detectFaces(blank)).toEqual([]);
  });

  it('finds a face that fills the whole frame (retry on a padded copy)', async () => {
    const image = await decoded(portrait);
    const b = meshBounds((await analyzer.detectFaces(image))[0]!);
    const [left, top, width, height] = [
      b.x + b.width * 0.2,
      b.y + b.height * 0.2,
      b.width * 0.6,
      b.height * 0.6,
    ].map(Math.round) as [number, number, number, number];
    const tight = await decoded(
      await sharp(portrait)
        .extract({ left, top, width, height })
        .resize(width * 2)
        .jpeg()
        .toBuffer(),
    );
    // Human alone finds nothing in this crop; the padded retry does.
    const { tf, human } = await loadModels();
    const input = tf.tensor(tight.data, [1, tight.height, tight.width, 3], 'int32');
    expect((await human.detect(input as never)).face).toHaveLength(0);
    input.dispose();
    expect(await analyzer.detectFaces(tight)).toHaveLength(1);
  });
});

describe('assessFaceQuality', () => {
  it('passes a clean single-face photo', async () => {
    expect(await kinds(portrait)).toEqual([]);
  });

  it('reports no_face on a blank image', async () => {
    const blank = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#8a7f70' } })
      .jpeg()
      .toBuffer();
    expect(await kinds(blank)).toEqual(['no_face']);
  });

  it('reports multiple_faces for two people side by side', async () => {
    const a = await sharp(portrait).resize(300, 300).toBuffer();
    const b = await sharp(other).resize(300, 300).toBuffer();
    const pair = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#000' } })
      .composite([
        { input: a, left: 0, top: 0 },
        { input: b, left: 300, top: 0 },
      ])
      .jpeg()
      .toBuffer();
    expect(await kinds(pair)).toContain('multiple_faces');
  });

  it('reports too_dark, too_bright and blurry variants', async () => {
    expect(await kinds(await sharp(portrait).linear(0.2, 0).jpeg().toBuffer())).toContain('too_dark');
    expect(await kinds(await sharp(portrait).linear(2.5, 60).jpeg().toBuffer())).toContain('too_bright');
    const image = await decoded(portrait);
    expect(
      await kinds(
        await sharp(portrait)
          .blur(image.width / 100)
          .jpeg()
          .toBuffer(),
      ),
    ).toContain('blurry');
  });

  it('reports a face cut by the border as face_incomplete', async () => {
    const image = await decoded(portrait);
    const cut = await sharp(portrait)
      .extract({ left: 0, top: 0, width: image.width, height: Math.round(image.height * 0.55) })
      .jpeg()
      .toBuffer();
    expect(await kinds(cut)).toContain('face_incomplete');
  });

  it('reports framing: too far, off to one side, too small', async () => {
    const small = await sharp(portrait).resize(120, 120).toBuffer();
    const canvas = (left: number) =>
      sharp({ create: { width: 1000, height: 500, channels: 3, background: '#777' } })
        .composite([{ input: small, left, top: 190 }])
        .jpeg()
        .toBuffer();
    const left = await kinds(await canvas(20));
    expect(left).toEqual(expect.arrayContaining(['face_too_far', 'face_too_left', 'low_resolution']));
    expect(await kinds(await canvas(860))).toContain('face_too_right');
  });

  it('keeps a tiny background face from counting as a second person', async () => {
    const image = await decoded(portrait);
    const tiny = await sharp(other)
      .resize(Math.round(image.width / 3))
      .toBuffer();
    const withPoster = await sharp(portrait)
      .composite([{ input: tiny, left: 0, top: 0 }])
      .jpeg()
      .toBuffer();
    const faces = await analyzer.detectFaces(await decoded(withPoster));
    expect(faces).toHaveLength(2); // both detected; the small one is a third of the size
    expect(await kinds(withPoster)).not.toContain('multiple_faces');
  });
});

describe('embed', () => {
  it('gives a finite 128-D descriptor that changes little under JPEG re-encoding', async () => {
    const image = await decoded(portrait);
    const [face] = await analyzer.detectFaces(image);
    const d = await analyzer.embed(image, face!);
    expect(d).toHaveLength(128);
    expect(d.every(Number.isFinite)).toBe(true);
    const again = await decoded(await toJpeg(image, 60));
    const e = await analyzer.embed(again, (await analyzer.detectFaces(again))[0]!);
    let s = 0;
    for (let i = 0; i < 128; i++) s += (d[i]! - e[i]!) ** 2;
    expect(Math.sqrt(s)).toBeLessThan(0.25);
  });
});
