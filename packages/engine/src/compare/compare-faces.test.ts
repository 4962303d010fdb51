import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFaceAnalyzer } from '../faces/create-face-analyzer.js';
import { decoded, faceCrops, sampleBytes } from '../faces/sample-faces.fixture.js';
import type { FaceAnalyzer } from '../types.js';
import { compareFaces, compareImageBytes } from './compare-faces.js';

let analyzer: FaceAnalyzer;
let crops: Buffer[]; // the three people of face-api's sample1.jpg (MIT), left to right

beforeAll(async () => {
  analyzer = await createFaceAnalyzer();
  crops = await faceCrops(analyzer, 1);
}, 60_000);

const kinds = (r: { findings: { kind: string }[] }) => r.findings.map((f) => f.kind);

describe('compareFaces', () => {
  it('matches an image with itself', async () => {
    const image = await decoded(crops[0]!);
    const r = await compareFaces(analyzer, image, image);
    expect(r.match).toBe(true);
    expect(r.similarity).toBeGreaterThan(99);
    expect(r.findings).toEqual([]);
  });

  it('matches a mildly transformed copy (smaller, brighter, slightly rotated, recompressed)', async () => {
    const original = crops[1]!;
    const copy = await sharp(original)
      .resize(220)
      .modulate({ brightness: 1.15 })
      .rotate(6, { background: '#444' })
      .jpeg({ quality: 65 })
      .toBuffer();
    const r = await compareImageBytes(analyzer, original, copy);
    expect(r.match).toBe(true);
    expect(r.similarity).toBeGreaterThan(80);
  });

  it('does not match two different people (same photo, so surely different)', async () => {
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const r = await compareImageBytes(analyzer, crops[a]!, crops[b]!);
      expect(r.match, `people ${a} and ${b}`).toBe(false);
      expect(kinds(r)).toEqual(['similarity_low']);
    }
  });

  it('reports reference_no_face and reference_multiple_faces', async () => {
    const blank = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#bbb' } })
      .png()
      .toBuffer();
    const none = await compareImageBytes(analyzer, blank, crops[0]!);
    expect(none).toMatchObject({
      similarity: 0,
      distance: null,
      match: false,
      faces: { reference: 0, probe: 1 },
    });
    expect(kinds(none)).toEqual(['reference_no_face']);
    const group = await compareImageBytes(analyzer, sampleBytes(1), crops[2]!);
    expect(kinds(group)).toContain('reference_multiple_faces');
    expect(group.faces.reference).toBe(3);
    const probeNone = await compareImageBytes(analyzer, crops[0]!, blank);
    expect(kinds(probeNone)).toEqual(['no_face']);
  });

  it('turns undecodable input into findings', async () => {
    const r = await compareImageBytes(analyzer, Buffer.from('garbage'), crops[0]!);
    expect(r).toMatchObject({ match: false, similarity: 0 });
    expect(kinds(r)).toEqual(['image_decode_failed']);
  });
});
