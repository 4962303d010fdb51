import fs from 'node:fs/promises';
import path from 'node:path';
import { createFaceAnalyzer } from '../faces/create-face-analyzer.js';
import type { FaceAnalyzer } from '../types.js';
import type { EvalContext } from './eval-section.js';
import { sections, type SectionName } from './sections.js';

export interface EvaluateOptions {
  readonly dataDir: string;
  /** Sections to run (default: all). Names outside INTERFACES.md §4 are an error, not ignored. */
  readonly only?: readonly string[];
  /** Where to write the JSON report; charts go beside it. Omit to write nothing. */
  readonly outFile?: string;
  readonly log?: (line: string) => void;
}

export interface EvaluateResult {
  /** INTERFACES.md §4 report: one key per section that had data, plus `latency_ms`. */
  readonly report: Record<string, unknown> & { latency_ms: Record<string, number> };
  readonly summary: string[];
  readonly files: string[];
}

/** The sections INTERFACES.md §4 defines, in report order: exactly those `sections.ts` implements. */
export const REPORT_SECTIONS = Object.keys(sections) as SectionName[];

/** Run the evaluation sections over a data set in the INTERFACES.md §4 format. */
export async function evaluate(options: EvaluateOptions): Promise<EvaluateResult> {
  const names = (options.only ?? REPORT_SECTIONS).map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(REPORT_SECTIONS as readonly string[]).includes(n));
  if (unknown.length)
    throw new RangeError(
      `unknown eval section(s): ${unknown.join(', ')} (known: ${REPORT_SECTIONS.join(', ')})`,
    );
  const outFile = options.outFile ? path.resolve(options.outFile) : undefined;
  const outDir = outFile ? path.dirname(outFile) : undefined;
  if (outDir) await fs.mkdir(outDir, { recursive: true });
  let analyzer: Promise<FaceAnalyzer> | undefined;
  const ctx: EvalContext = {
    dataDir: path.resolve(options.dataDir),
    outDir,
    outPrefix: outFile ? path.basename(outFile).replace(/\.json$/i, '') : 'eval',
    analyzer: () => (analyzer ??= createFaceAnalyzer()),
    log: options.log ?? (() => undefined),
  };

  const sectionReports: Record<string, unknown> = {};
  const latency: Record<string, number> = {};
  const summary: string[] = [];
  const files: string[] = [];
  for (const name of REPORT_SECTIONS.filter((n) => names.includes(n))) {
    const result = await sections[name](ctx);
    if (!result) {
      summary.push(`${name}: no data in ${ctx.dataDir}, skipped`);
      continue;
    }
    sectionReports[name] = result.report;
    Object.assign(latency, result.latency ?? {});
    summary.push(...result.summary);
    files.push(...(result.files ?? []));
  }
  const report: EvaluateResult['report'] = { ...sectionReports, latency_ms: latency }; // §4 order: latency last
  if (outFile) {
    await fs.writeFile(outFile, JSON.stringify(report, null, 2) + '\n');
    files.unshift(outFile);
  }
  return { report, summary, files };
}
