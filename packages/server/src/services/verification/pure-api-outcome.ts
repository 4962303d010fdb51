import { resultCodeFor, successCode, type Finding, type FindingKind } from '@open-ekyc/contract';

/**
 * How an engine verdict becomes a pure-API answer (spec §7, §5.4, §5.5). The code always comes
 * from the catalog (pure-api product, `resultCodeFor`); only where it is delivered differs by action:
 *
 * - `body`: CompareFaceLiveness puts every verdict about the person in `Result` of a successful
 *   response (spec §7 example 3: Result "FailedOperation.ActionFirstAction", Sim 0), and §5.4 lists
 *   no liveness codes among its errors.
 * - `error`: VideoLivenessCompare, LivenessCompare and DetectReflectLivenessAndCompare list the
 *   liveness FailedOperation.* codes among their API errors (§5.4), so those are thrown; the two
 *   billed outcomes, Success and CompareLowSimilarity, are the answers in `Result` (with `Sim`).
 *
 * Input problems (image_*, video_*) and engine failures are errors for every action: they say
 * nothing about the person.
 */
export type FailureDelivery = 'body' | 'error';

export const COMPARE_LOW_SIMILARITY = 'FailedOperation.CompareLowSimilarity';

export interface PureApiOutcome {
  readonly code: string;
  readonly description: string;
  readonly billable: boolean;
  readonly finding: FindingKind | null;
  /** Vendor scale 0.00–100.00; 0 unless the comparison decided (Success / CompareLowSimilarity). */
  readonly sim: number;
  /** True when the answer is a successful response carrying `Result`; false = thrown as Error.Code. */
  readonly inBody: boolean;
}

const isInputOrSystem = (kind: FindingKind): boolean =>
  kind.startsWith('image_') ||
  kind.startsWith('video_') ||
  kind === 'engine_error' ||
  kind === 'engine_timeout';

/**
 * The outcome of an analysis: `deciding` is the engine's deciding finding (absent when it passed).
 * The engine's other findings are advice (framing, light) and never decide on their own.
 */
export function pureApiOutcome(
  deciding: Finding | undefined,
  similarity: number | undefined,
  delivery: FailureDelivery,
  at: Date,
): PureApiOutcome {
  const r = resultCodeFor('pure-api', deciding ? [deciding] : [], at);
  const compared = r.code === successCode('pure-api') || r.code === COMPARE_LOW_SIMILARITY;
  const sim = compared && similarity !== undefined ? Math.round(similarity * 100) / 100 : 0;
  const inBody = compared || (delivery === 'body' && r.finding !== null && !isInputOrSystem(r.finding));
  return {
    code: r.code,
    description: r.row.description,
    billable: r.row.billable,
    finding: r.finding,
    sim,
    inBody,
  };
}
