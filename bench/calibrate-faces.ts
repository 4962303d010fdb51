/**
 * Calibration of the face-comparison similarity scale (compare/README.md).
 *
 *   node --import tsx bench/calibrate-faces.ts --data ../shared/eval-dev [--analyzer '{"flipAugment":true}']
 *
 * Scores every pair of DIR/faces (all same-identity pairs = genuine, all others = impostor), plus
 * extra impostor pairs from face-api's demo photos (MIT, in node_modules): faces in one photo are
 * different people, and none of them is in the dev set. Photos across demo files are NOT paired:
 * the same people appear in several. Prints error rates by distance, and a normal fit of the
 * impostor distances, whose 1e-3 / 1e-4 quantiles are the anchors for similarity 70 / 80.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { euclidean } from '../packages/engine/src/compare/similarity.js';
import { decodeImage } from '../packages/engine/src/decode/decode-image.js';
import {
  createFaceAnalyzer,
  type FaceAnalyzerOptions,
} from '../packages/engine/src/faces/create-face-analyzer.js';
import { primaryFace } from '../packages/engine/src/faces/face-geometry.js';
import { sampleBytes } from '../packages/engine/src/faces/sample-faces.fixture.js';
import { equalErrorRate, tarAtFar } from '../packages/engine/src/eval/metrics.js';

const { values } = parseArgs({
  options: { data: { type: 'string' }, analyzer: { type: 'string', default: '{}' } },
});
if (!values.data) throw new Error('--data DIR is required');
const analyzer = await createFaceAnalyzer(JSON.parse(values.analyzer ?? '{}') as FaceAnalyzerOptions);

interface Sample {
  group: string;
  id: string;
  descriptor: Float32Array | null;
}
const samples: Sample[] = [];
const facesDir = path.join(values.data, 'faces');
for (const id of (await fs.readdir(facesDir, { withFileTypes: true }))
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()) {
  for (const file of (await fs.readdir(path.join(facesDir, id))).sort()) {
    const r = await decodeImage(await fs.readFile(path.join(facesDir, id, file)));
    const face = r.ok
      ? primaryFace(await analyzer.detectFaces(r.image, { passiveScores: false }))
      : undefined;
    samples.push({ group: 'dev', id, descriptor: r.ok && face ? await analyzer.embed(r.image, face) : null });
  }
}
for (const n of [1, 2, 3, 4, 5, 6] as const) {
  const r = await decodeImage(sampleBytes(n));
  if (!r.ok) continue;
  for (const [k, face] of (await analyzer.detectFaces(r.image, { passiveScores: false })).entries()) {
    samples.push({ group: `demo${n}`, id: `demo${n}-${k}`, descriptor: await analyzer.embed(r.image, face) });
  }
}

const genuine: number[] = [];
const impostor = { dev: [] as number[], demoSamePhoto: [] as number[], demoVsDev: [] as number[] };
for (let i = 0; i < samples.length; i++) {
  for (let j = i + 1; j < samples.length; j++) {
    const a = samples[i] as Sample;
    const b = samples[j] as Sample;
    const d = a.descriptor && b.descriptor ? euclidean(a.descriptor, b.descriptor) : Infinity;
    if (a.group === 'dev' && b.group === 'dev') (a.id === b.id ? genuine : impostor.dev).push(d);
    else if (a.group === b.group) impostor.demoSamePhoto.push(d);
    else if (a.group === 'dev' || b.group === 'dev') impostor.demoVsDev.push(d);
  }
}
const all = [...impostor.dev, ...impostor.demoSamePhoto, ...impostor.demoVsDev];
const lowest = (xs: number[], k = 4) =>
  [...xs]
    .sort((p, q) => p - q)
    .slice(0, k)
    .map((x) => x.toFixed(3))
    .join(' ');
console.log(
  `genuine ${genuine.length} (highest ${[...genuine]
    .sort((p, q) => q - p)
    .slice(0, 5)
    .map((x) => x.toFixed(3))
    .join(' ')})`,
);
for (const [name, xs] of Object.entries({ ...impostor, all })) {
  const finite = xs.filter(Number.isFinite);
  const mean = finite.reduce((s, x) => s + x, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((s, x) => s + (x - mean) ** 2, 0) / (finite.length - 1));
  // z for one-sided 1e-3 and 1e-4 tails of a normal distribution
  console.log(
    `impostor ${name}: n ${xs.length}, lowest ${lowest(xs)}, mean ${mean.toFixed(3)} sd ${sd.toFixed(3)}, fit 1e-3 ${(mean - 3.0902 * sd).toFixed(3)}, 1e-4 ${(mean - 3.719 * sd).toFixed(3)}`,
  );
}
const neg = (xs: number[]) => xs.map((x) => -x); // metrics expect "higher = same"
const e = equalErrorRate(neg(genuine), neg(all));
console.log(
  `all pairs: EER ${(e.eer * 100).toFixed(2)}% at distance ${(-e.threshold).toFixed(3)}; TAR@1e-2 ${tarAtFar(neg(genuine), neg(all), 1e-2).toFixed(3)}, TAR@1e-3 ${tarAtFar(neg(genuine), neg(all), 1e-3).toFixed(3)}`,
);
const devOnly = equalErrorRate(neg(genuine), neg(impostor.dev));
console.log(
  `dev pairs only: EER ${(devOnly.eer * 100).toFixed(2)}%, TAR@1e-3 ${tarAtFar(neg(genuine), neg(impostor.dev), 1e-3).toFixed(3)}`,
);
for (const t of [0.5, 0.52, 0.55, 0.57, 0.58, 0.6, 0.62]) {
  const frr = genuine.filter((d) => d > t).length / genuine.length;
  const fa = all.filter((d) => d <= t).length;
  console.log(
    `  distance ${t.toFixed(2)}: FRR ${(frr * 100).toFixed(1)}%, FAR ${((fa / all.length) * 100).toFixed(2)}% (${fa}/${all.length})`,
  );
}
