import {
  codeInForce,
  resultCodeFor,
  type Finding,
  type FindingKind,
  type FindingProduct,
  type VerificationDetail,
} from '@open-ekyc/contract';
import type { AnalyzeVideoTaskOutput } from '@open-ekyc/engine';

/** One attempt's verdict: the catalog code for the session's product plus its VerificationDetail (spec §8). */
export interface AttemptVerdict {
  readonly passed: boolean;
  readonly code: string;
  readonly message: string;
  readonly detail: VerificationDetail;
  readonly finding: FindingKind | null;
}

/** Findings about the comparison with the reference photo (liveness itself passed). */
const COMPARE_FINDINGS: ReadonlySet<FindingKind> = new Set([
  'similarity_low',
  'reference_no_face',
  'reference_multiple_faces',
  'reference_low_quality',
]);

const int = (code: string): number | null => (/^-?\d+$/.test(code) ? Number(code) : null);
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The engine's answer → the session product's code (catalog `resultCodeFor`; the deciding finding
 * is the engine's own, never the browser's claims). Liveness vs comparison split for the detail:
 * a comparison finding means liveness passed (LivenessErrorCode 0) and the comparison failed.
 */
export function attemptVerdict(
  product: FindingProduct,
  analysis: AnalyzeVideoTaskOutput | { engineFailure: Finding },
  ctx: { seq: string; at: Date; compared: boolean },
): AttemptVerdict {
  const engineOut = 'engineFailure' in analysis ? undefined : analysis;
  let deciding: Finding | undefined = 'engineFailure' in analysis ? analysis.engineFailure : undefined;
  if (engineOut && !engineOut.passed)
    deciding = engineOut.decidingFinding ?? {
      kind: 'engine_error',
      detail: 'failed without a deciding finding',
    };
  const r = resultCodeFor(product, deciding ? [deciding] : [], ctx.at);
  const success = resultCodeFor(product, [], ctx.at);
  const similarity = engineOut?.scores.similarity;
  const compareFailed = deciding !== undefined && COMPARE_FINDINGS.has(deciding.kind);
  const livenessOk = deciding === undefined || compareFailed;
  return {
    passed: deciding === undefined,
    code: r.code,
    message: r.row.description,
    finding: deciding?.kind ?? null,
    detail: {
      ErrorCode: int(r.code),
      ErrorMsg: r.row.description,
      LivenessErrorCode: livenessOk ? int(success.code) : int(r.code),
      LivenessErrorMsg: livenessOk ? success.row.description : r.row.description,
      CompareErrorCode: !ctx.compared || !livenessOk ? null : compareFailed ? int(r.code) : int(success.code),
      CompareErrorMsg:
        !ctx.compared || !livenessOk ? null : compareFailed ? r.row.description : success.row.description,
      ReqTimestamp: ctx.at.getTime(),
      Similarity: ctx.compared && livenessOk && similarity !== undefined ? round2(similarity) : null,
      Seq: ctx.seq,
    },
  };
}

/** A verdict decided without the engine (LivenessTimeout → 1409): a code straight from the catalog. */
export function codeVerdict(
  product: FindingProduct,
  code: string,
  ctx: { seq: string; at: Date },
): AttemptVerdict {
  const row = codeInForce(product, code, ctx.at);
  const message = row?.description ?? code;
  return {
    passed: false,
    code,
    message,
    finding: null,
    detail: {
      ErrorCode: int(code),
      ErrorMsg: message,
      LivenessErrorCode: int(code),
      LivenessErrorMsg: message,
      CompareErrorCode: null,
      CompareErrorMsg: null,
      ReqTimestamp: ctx.at.getTime(),
      Similarity: null,
      Seq: ctx.seq,
    },
  };
}
