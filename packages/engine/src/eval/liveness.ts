import fs from 'node:fs/promises';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyzeVideo } from '../liveness/analyze-video.js';
import { judgeImagePassive } from '../liveness/passive-image.js';
import type { FaceAnalyzer } from '../types.js';
import type { EvalSection } from './eval-section.js';
import { percentile } from './metrics.js';
import { cutReferenceClip } from '../video/cut-clip.js';

/** ISO/IEC 30107-3 rates for one kind of sample (INTERFACES.md §4 `liveness.images|videos`). */
export interface PadRates {
  live: number;
  spoof: number;
  /** Share of spoof samples accepted as live. */
  apcer: number;
  /** Share of live samples rejected. */
  bpcer: number;
  /** Added: per-sample verdicts, so a reader can see which ones failed and why. */
  samples: { path: string; label: 'live' | 'spoof'; attack: string; accepted: boolean; reason: string }[];
}

export interface LivenessEvaluation {
  report: { images: PadRates; videos: PadRates };
  latency: { video_5s_p50?: number };
}

const VIDEO_RE = /\.(mp4|webm|mov|avi|flv|mkv)$/i;
const IMAGE_RE = /\.(jpe?g|png)$/i;

function rates(samples: PadRates['samples']): PadRates {
  const live = samples.filter((s) => s.label === 'live');
  const spoof = samples.filter((s) => s.label === 'spoof');
  const share = (n: number, d: number): number => (d ? Math.round((n / d) * 10_000) / 10_000 : 0);
  return {
    live: live.length,
    spoof: spoof.length,
    apcer: share(spoof.filter((s) => s.accepted).length, spoof.length),
    bpcer: share(live.filter((s) => !s.accepted).length, live.length),
    samples,
  };
}

/**
 * Liveness over DIR/liveness/labels.tsv: images by the passive check, videos as silent-liveness
 * videos through the production path (analyzeVideo). Null when the data set has no labels.
 */
export async function evaluateLiveness(
  dataDir: string,
  analyzer: FaceAnalyzer,
  log: (line: string) => void = () => undefined,
): Promise<LivenessEvaluation | null> {
  const labels = path.join(dataDir, 'liveness', 'labels.tsv');
  const text = await fs.readFile(labels, 'utf8').catch(() => null);
  if (text === null) return null;
  const rows = text
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c[0] && (c[1] === 'live' || c[1] === 'spoof'));
  const images: PadRates['samples'] = [];
  const videos: PadRates['samples'] = [];
  for (const [rel = '', label = 'live', attack = ''] of rows) {
    const bytes = new Uint8Array(await fs.readFile(path.resolve(dataDir, rel)));
    const base = { path: rel, label: label as 'live' | 'spoof', attack: attack.trim() };
    if (VIDEO_RE.test(rel)) {
      const r = await analyzeVideo(bytes, { mode: 'silent' }, { analyzer });
      videos.push({ ...base, accepted: r.passed, reason: r.decidingFinding?.kind ?? 'passed' });
      log(
        `liveness: ${rel} ${r.passed ? 'accepted' : `rejected (${r.decidingFinding?.kind})`} in ${r.timings.totalMs} ms`,
      );
    } else if (IMAGE_RE.test(rel)) {
      const r = await judgeImagePassive(bytes, analyzer);
      images.push({ ...base, accepted: r.live, reason: r.findings[0]?.kind ?? 'passed' });
    }
  }
  log(`liveness: ${images.length} images, ${videos.length} videos judged`);
  const videoFiles = rows
    .map((r) => r[0] as string)
    .filter((p) => VIDEO_RE.test(p))
    .map((p) => path.resolve(dataDir, p));
  const p50 = await video5sLatency(videoFiles, analyzer);
  return {
    report: { images: rates(images), videos: rates(videos) },
    latency: p50 === null ? {} : { video_5s_p50: p50 },
  };
}

/**
 * `latency_ms.video_5s_p50`: each data-set video of at least 5 s, cut to its first 5 s at 480 px
 * high (H.264), analysed end to end in silent mode (decode + track + liveness), warm, 3 runs each.
 */
export async function video5sLatency(
  files: readonly string[],
  analyzer: FaceAnalyzer,
  runsPerVideo = 3,
): Promise<number | null> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ekyc-eval-'));
  try {
    const clips: Uint8Array[] = [];
    for (const [i, file] of files.entries()) {
      const out = path.join(dir, `clip${i}.mp4`);
      if (!cutReferenceClip(file, out)) continue;
      const bytes = new Uint8Array(readFileSync(out));
      const check = await analyzeVideo(bytes, { mode: 'silent' }, { analyzer }); // also the warm-up
      if (check.durationSeconds >= 4.9) clips.push(bytes);
    }
    if (clips.length === 0) return null;
    const times: number[] = [];
    for (const clip of clips) {
      for (let k = 0; k < runsPerVideo; k++) {
        const t = performance.now();
        await analyzeVideo(clip, { mode: 'silent' }, { analyzer });
        times.push(performance.now() - t);
      }
    }
    return Math.round(percentile(times, 50));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export const livenessSection: EvalSection = async (ctx) => {
  const result = await evaluateLiveness(ctx.dataDir, await ctx.analyzer(), ctx.log);
  if (!result) return null;
  const { images, videos } = result.report;
  const rejected = videos.samples
    .filter((s) => s.label === 'live' && !s.accepted)
    .map((s) => `${path.basename(s.path)} (${s.reason})`);
  return {
    report: result.report,
    latency: result.latency,
    summary: [
      `liveness images (passive, weak): ${images.live} live / ${images.spoof} spoof, APCER ${pct(images.apcer)}, BPCER ${pct(images.bpcer)}`,
      `liveness videos (silent): ${videos.live} live / ${videos.spoof} spoof, APCER ${pct(videos.apcer)}, BPCER ${pct(videos.bpcer)}${rejected.length ? `; live rejected: ${rejected.join(', ')}` : ''}`,
      ...(result.latency.video_5s_p50 === undefined
        ? []
        : [`  5 s 480p video analysed in ${result.latency.video_5s_p50} ms (p50, warm, this machine)`]),
    ],
  };
};
