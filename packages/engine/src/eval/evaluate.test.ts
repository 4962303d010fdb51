import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaceAnalyzer } from '../faces/create-face-analyzer.js';
import { faceCrops } from '../faces/sample-faces.fixture.js';
import { evaluate } from './evaluate.js';

/**
 * A generated data set in the INTERFACES.md §4 layout: the three people of face-api's sample1.jpg
 * (MIT, read from node_modules), each as a crop plus a recompressed, rescaled, brightened copy, and
 * a blank image that has no face.
 */
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ekyc-eval-test-'));
  const crops = await faceCrops(await createFaceAnalyzer(), 1);
  const rows = ['image_a\timage_b\tsame_person'];
  for (const [i, crop] of crops.entries()) {
    await fs.mkdir(path.join(dir, 'faces', `p${i}`), { recursive: true });
    await fs.writeFile(path.join(dir, 'faces', `p${i}`, '1.jpg'), crop);
    await fs.writeFile(
      path.join(dir, 'faces', `p${i}`, '2.jpg'),
      await sharp(crop).resize(200).modulate({ brightness: 1.1 }).jpeg({ quality: 70 }).toBuffer(),
    );
    rows.push(`faces/p${i}/1.jpg\tfaces/p${i}/2.jpg\t1`);
  }
  for (const [a, b] of [
    [0, 1],
    [0, 2],
    [1, 2],
  ])
    rows.push(`faces/p${a}/1.jpg\tfaces/p${b}/2.jpg\t0`);
  await fs.mkdir(path.join(dir, 'faces', 'nobody'));
  await fs.writeFile(
    path.join(dir, 'faces', 'nobody', '1.png'),
    await sharp({ create: { width: 200, height: 200, channels: 3, background: '#999' } })
      .png()
      .toBuffer(),
  );
  rows.push('faces/nobody/1.png\tfaces/p0/1.jpg\t0');
  await fs.writeFile(path.join(dir, 'faces', 'pairs.tsv'), rows.join('\n') + '\n');
}, 60_000);

afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('evaluate (faces)', () => {
  it('writes the §4 faces block, latency and charts', async () => {
    const outFile = path.join(dir, 'out', 'report.json');
    const result = await evaluate({ dataDir: dir, outFile });
    const report = JSON.parse(await fs.readFile(outFile, 'utf8'));
    expect(report).toEqual(result.report);
    expect(Object.keys(report.faces)).toEqual(
      expect.arrayContaining([
        'pairs',
        'genuine',
        'impostor',
        'failed_to_detect',
        'eer',
        'threshold',
        'tar_at_far',
      ]),
    );
    expect(report.faces).toMatchObject({
      pairs: 7,
      genuine: 3,
      impostor: 4,
      failed_to_detect: 1,
      eer: 0,
      tar_at_far: { '0.01': 1, '0.001': 1 },
    });
    expect(report.faces.threshold).toBeGreaterThan(0);
    expect(report.latency_ms.compare_pair_p50).toBeGreaterThan(0);
    expect(report.latency_ms.compare_pair_p95).toBeGreaterThanOrEqual(report.latency_ms.compare_pair_p50);
    for (const png of ['report-faces-roc.png', 'report-faces-scores.png']) {
      const meta = await sharp(path.join(dir, 'out', png)).metadata();
      expect([meta.format, meta.width]).toEqual(['png', 640]);
    }
    expect(result.summary.join('\n')).toMatch(/liveness: no data/);
  }, 120_000);

  it('skips sections without data and rejects unknown section names', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'ekyc-eval-empty-'));
    try {
      const result = await evaluate({ dataDir: empty, only: ['faces'] });
      expect(result.report).toEqual({ latency_ms: {} });
      expect(result.summary).toEqual([`faces: no data in ${empty}, skipped`]);
      await expect(evaluate({ dataDir: empty, only: ['fingerprints'] })).rejects.toThrow(
        /unknown eval section/,
      );
    } finally {
      await fs.rm(empty, { recursive: true, force: true });
    }
  });
});
