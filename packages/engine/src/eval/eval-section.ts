import type { FaceAnalyzer } from '../types.js';

export interface EvalContext {
  readonly dataDir: string;
  /** Folder of the JSON report: sections write their charts (PNG) here. Unset: write nothing. */
  readonly outDir: string | undefined;
  /** File name prefix for charts, e.g. `report` → report-faces-roc.png. */
  readonly outPrefix: string;
  /** One shared analyzer (models loaded once for the whole run). */
  analyzer(): Promise<FaceAnalyzer>;
  log(line: string): void;
}

export interface SectionResult {
  /** The section's block in the report, under its name. */
  readonly report: unknown;
  /** Merged into the report's `latency_ms`. */
  readonly latency?: Readonly<Record<string, number>>;
  /** Files written beside the report. */
  readonly files?: readonly string[];
  /** Human-readable lines for the summary. */
  readonly summary: readonly string[];
}

/** One report section; null when the data set has no data for it ("any part may be missing"). */
export type EvalSection = (ctx: EvalContext) => Promise<SectionResult | null>;
