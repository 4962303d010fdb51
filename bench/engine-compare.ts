/**
 * Face comparison benchmark: two ~640 px single-face photos, warm, in one process and through
 * the worker pool.
 *
 *   node --import tsx bench/engine-compare.ts [--runs 30] [--pool-size N]
 *
 * The photos are 640×640 crops of face-api's MIT demo images (read from node_modules). Wall
 * times are per compare (decode both + detect both + embed both + score). The machine is shared:
 * compare runs only against numbers taken under the same load (the load average is printed).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { compareImageBytes } from '../packages/engine/src/compare/compare-faces.js';
import { decodeImage } from '../packages/engine/src/decode/decode-image.js';
import { createFaceAnalyzer } from '../packages/engine/src/faces/create-face-analyzer.js';
import { meshBounds, primaryFace } from '../packages/engine/src/faces/face-geometry.js';
import { sampleBytes } from '../packages/engine/src/faces/sample-faces.fixture.js';
import { percentile } from '../packages/engine/src/eval/metrics.js';
import type { FaceAnalyzer } from '../packages/engine/src/types.js';
import { compareInPool } from '../packages/engine/src/workers/compare-in-pool.js';
import { createWorkerPool } from '../packages/engine/src/workers/worker-pool.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, 'pool-size': { type: 'string' } },
});
const runs = Math.max(5, Number(values.runs));

/** A 640×640 crop of one face of a full-resolution demo photo. */
async function portrait(analyzer: FaceAnalyzer, n: 2 | 3, face: number): Promise<Buffer> {
  const r = await decodeImage(sampleBytes(n), { workingMaxSide: 0 });
  if (!r.ok) throw new Error('sample did not decode');
  const boxes = (await analyzer.detectFaces(r.image)).map(meshBounds).sort((a, b) => a.x - b.x);
  const b = boxes[face];
  if (!b) throw new Error('face not found');
  const left = Math.round(Math.min(Math.max(b.x + b.width / 2 - 320, 0), r.image.width - 640));
  const top = Math.round(Math.min(Math.max(b.y + b.height / 2 - 320, 0), r.image.height - 640));
  return sharp(r.image.data, { raw: { width: r.image.width, height: r.image.height, channels: 3 } })
    .extract({ left, top, width: 640, height: 640 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const stats = (xs: number[]) =>
  `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms (n=${xs.length})`;

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const analyzer = await createFaceAnalyzer();
const a = await portrait(analyzer, 3, 0);
const b = await portrait(analyzer, 3, 1);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.availableParallelism()} cores`,
);

// In process: the whole compare, then its stages on one image.
for (let i = 0; i < 3; i++) await compareImageBytes(analyzer, a, b);
const whole: number[] = [];
const cpu: number[] = []; // process CPU time: on a loaded machine, closer to what a quiet one would show
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  whole.push(await time(() => compareImageBytes(analyzer, a, b)));
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const check = await compareImageBytes(analyzer, a, b);
console.log(
  `in process, compare two 640 px photos: wall ${stats(whole)}; CPU ${stats(cpu)}; similarity ${check.similarity}`,
);

const stage = { decode: [] as number[], detect: [] as number[], embed: [] as number[] };
for (let i = 0; i < runs; i++) {
  let t0 = performance.now();
  const d = await decodeImage(a);
  stage.decode.push(performance.now() - t0);
  if (!d.ok) throw new Error('decode');
  t0 = performance.now();
  const face = primaryFace(await analyzer.detectFaces(d.image, { passiveScores: false })); // as compare does
  stage.detect.push(performance.now() - t0);
  t0 = performance.now();
  await analyzer.embed(d.image, face!);
  stage.embed.push(performance.now() - t0);
}
console.log(
  `  per image: decode ${stats(stage.decode)}; detect+mesh ${stats(stage.detect)}; align+embed ${stats(stage.embed)}`,
);

// Through the pool: sequential latency (includes the thread hop), then throughput at full concurrency.
const pool = await createWorkerPool(values['pool-size'] ? { size: Number(values['pool-size']) } : {});
await pool.ready();
const viaPool = () => pool.run('compareImages', { reference: new Uint8Array(a), probe: new Uint8Array(b) });
for (let i = 0; i < 3 * pool.size; i++) await viaPool();
const pooled: number[] = [];
for (let i = 0; i < runs; i++) pooled.push(await time(viaPool));
console.log(`pool (${pool.size} workers), one at a time: ${stats(pooled)}`);
const split: number[] = [];
for (let i = 0; i < runs; i++)
  split.push(await time(() => compareInPool(pool, new Uint8Array(a), new Uint8Array(b))));
console.log(`pool, both sides on two workers (compareInPool), one at a time: ${stats(split)}`);
const t0 = performance.now();
await Promise.all(Array.from({ length: runs }, viaPool));
const seconds = (performance.now() - t0) / 1000;
console.log(`pool, ${runs} compares at once: ${(runs / seconds).toFixed(1)} compares/s`);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
await pool.close();
