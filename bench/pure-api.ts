/**
 * Pure-API benchmark: CompareFaceLiveness over HTTP with the official Node SDK (TC3), a 5 s 480p
 * live video + its reference photo, at 1, 2 and 8 concurrent clients, against the real
 * `ekyc serve` (engine workers = cores unless EKYC_ENGINE_WORKERS is set; QPS limit off).
 *
 *   node --import tsx bench/pure-api.ts [--requests N] [--concurrency 1,2,8] [--workers N]
 *
 * The video is cut with ffmpeg from ../shared/eval-dev/liveness/videos (MIT LivePortrait clip) into a
 * temp dir; nothing is copied into the repository. Every answer is checked: a request is "lost" when
 * it gets no answer or an error; the target is 0 lost, p50 ≤ 3 s with one client, and throughput
 * growing with the worker count.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveFfmpegPath } from '../packages/engine/src/video/ffmpeg-path.js';
import { mainlandCommonCall } from '../packages/server/src/gateway/testing/sdk-clients.js';
import { EVAL_DEV } from '../packages/server/test/pure-api-fixtures.js';
import { startServer } from '../packages/server/test/pure-api-server.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '' },
    concurrency: { type: 'string', default: '1,2,8' },
    workers: { type: 'string', default: String(os.availableParallelism()) },
  },
});

const SRC = join(EVAL_DEV, 'liveness/videos/liveportrait_d18.mp4');
const REF = join(EVAL_DEV, 'camera/liveportrait_d18.ref.jpg');
if (!existsSync(SRC) || !existsSync(REF)) {
  console.error(
    `bench/pure-api: ${EVAL_DEV} not found (needs liveness/videos/liveportrait_d18.mp4 and camera/liveportrait_d18.ref.jpg)`,
  );
  process.exit(2);
}

const tmp = mkdtempSync(join(os.tmpdir(), 'ekyc-bench-'));
const clip = join(tmp, 'clip-5s-480p.mp4');
const cut = spawnSync(
  resolveFfmpegPath(),
  [
    '-hide_banner',
    '-v',
    'error',
    '-y',
    '-i',
    SRC,
    '-t',
    '5',
    '-vf',
    'scale=-2:480',
    '-c:v',
    'libx264',
    '-preset',
    'fast',
    '-crf',
    '23',
    '-an',
    clip,
  ],
  { encoding: 'utf8' },
);
if (cut.status !== 0) throw new Error(`ffmpeg: ${cut.stderr}`);
const video = readFileSync(clip).toString('base64');
const image = readFileSync(REF).toString('base64');

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const srv = await startServer({
  EKYC_ENGINE_WORKERS: values.workers,
  EKYC_ENGINE_QUEUE_MAX: '256',
  EKYC_LOG_LEVEL: 'error',
});
try {
  const client = { endpoint: srv.endpoint, secretId: srv.creds.SecretId, secretKey: srv.creds.SecretKey };
  const once = async (): Promise<{ ms: number; outcome: string; sim?: number }> => {
    const t = performance.now();
    const r = await mainlandCommonCall(client, 'CompareFaceLiveness', {
      ImageBase64: image,
      VideoBase64: video,
      LivenessType: 'SILENT',
    });
    const ms = performance.now() - t;
    return r.ok
      ? { ms, outcome: String(r.data.Result), sim: r.data.Sim as number }
      : { ms, outcome: `error:${r.err.code ?? r.err.message}` };
  };
  const warm = await once();
  console.log(
    `warm-up: ${warm.outcome} Sim ${warm.sim ?? '-'} in ${Math.round(warm.ms)} ms (workers: ${values.workers}, cores: ${os.availableParallelism()}, load avg ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );

  const rows = [];
  for (const c of values.concurrency.split(',').map(Number)) {
    const total = values.requests ? Number(values.requests) : Math.max(6, 2 * c);
    let next = 0;
    const results: Array<{ ms: number; outcome: string }> = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: c }, async () => {
        while (next < total) {
          next++;
          results.push(await once().catch((e: unknown) => ({ ms: NaN, outcome: `lost:${String(e)}` })));
        }
      }),
    );
    const wall = (performance.now() - started) / 1000;
    const ok = results.filter((r) => r.outcome === 'Success');
    const lat = ok.map((r) => r.ms).sort((a, b) => a - b);
    const outcomes: Record<string, number> = {};
    for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    rows.push({
      clients: c,
      requests: total,
      success: ok.length,
      lost:
        total - results.filter((r) => !r.outcome.startsWith('lost') && !r.outcome.startsWith('error')).length,
      p50_ms: Math.round(pct(lat, 50)),
      p95_ms: Math.round(pct(lat, 95)),
      throughput_rps: Math.round((results.length / wall) * 100) / 100,
      outcomes,
    });
  }
  console.table(rows.map(({ outcomes: _o, ...r }) => r));
  console.log(
    JSON.stringify(
      { bench: 'pure-api CompareFaceLiveness 5s 480p SILENT', workers: Number(values.workers), rows },
      null,
      2,
    ),
  );
} finally {
  await srv.stop();
  rmSync(tmp, { recursive: true, force: true });
}
