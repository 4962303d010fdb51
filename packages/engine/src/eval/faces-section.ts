import path from 'node:path';
import { PASS_SIMILARITY } from '../compare/similarity.js';
import type { EvalSection } from './eval-section.js';
import { evaluateFaces } from './evaluate-faces.js';
import { histogramSvg, rocSvg, writeSvgAsPng } from './plots.js';

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export const facesSection: EvalSection = async (ctx) => {
  const result = await evaluateFaces(ctx.dataDir, await ctx.analyzer(), { log: ctx.log });
  if (!result) return null;
  const r = result.report;
  const files: string[] = [];
  if (ctx.outDir) {
    const roc = path.join(ctx.outDir, `${ctx.outPrefix}-faces-roc.png`);
    const hist = path.join(ctx.outDir, `${ctx.outPrefix}-faces-scores.png`);
    await writeSvgAsPng(
      rocSvg(result.roc, `Face comparison ROC (${r.genuine} genuine / ${r.impostor} impostor pairs)`),
      roc,
    );
    const series = [
      { label: 'same person', color: '#2e7d32', values: result.scores.genuine },
      { label: 'different people', color: '#c62828', values: result.scores.impostor },
    ];
    await writeSvgAsPng(
      histogramSvg(
        series,
        `Face similarity (0-100); dashed line = pass threshold ${PASS_SIMILARITY}`,
        PASS_SIMILARITY,
      ),
      hist,
    );
    files.push(roc, hist);
  }
  return {
    report: r,
    latency: result.latency,
    files,
    summary: [
      `faces: ${r.pairs} pairs (${r.genuine} genuine, ${r.impostor} impostor), ${r.failed_to_detect} with an undetected face`,
      `  EER ${pct(r.eer)} at similarity ${r.threshold.toFixed(2)}; TAR ${pct(r.tar_at_far['0.01'])} @ FAR 1e-2, ${pct(r.tar_at_far['0.001'])} @ FAR 1e-3`,
      `  at the pass threshold ${PASS_SIMILARITY}: FAR ${pct(r.at_pass_threshold.far)}, FRR ${pct(r.at_pass_threshold.frr)}`,
      `  compare latency p50 ${result.latency.compare_pair_p50} ms, p95 ${result.latency.compare_pair_p95} ms (end to end, this machine)`,
    ],
  };
};
