import {
  ACTION_VALIDATE_DATA_PATTERN,
  ApiError,
  LIP_VALIDATE_DATA_PATTERN,
  type LivenessType,
} from '@open-ekyc/contract';
import type { LivenessMode, VideoChallenge } from '@open-ekyc/engine';

/**
 * LivenessType + ValidateData (spec §7 CompareFaceLiveness / VideoLivenessCompare / LivenessCompare)
 * → the engine's mode and challenge:
 * - SILENT: silent mode; ValidateData is to be left blank and is ignored.
 * - ACTION: ValidateData required ("Required when the LivenessType parameter is set to ACTION"), one or
 *   two distinct codes of 1 open mouth, 2 blink, 3 nod, 4 shake head ("4,2").
 * - LIP: ValidateData required, "a custom 4-digit verification code".
 */
export function livenessChallenge(
  type: LivenessType,
  validateData: string | undefined,
): { mode: LivenessMode; challenge?: VideoChallenge } {
  const value = validateData?.trim() ?? '';
  if (type === 'SILENT') return { mode: 'silent' };
  if (value === '') {
    throw new ApiError(
      'MissingParameter',
      `The request is missing a required parameter \`ValidateData\` (LivenessType is ${type}).`,
    );
  }
  const invalid = () =>
    new ApiError(
      'InvalidParameterValue',
      `The value \`${value.slice(0, 16)}\` specified in the parameter \`ValidateData\` is invalid.`,
    );
  if (type === 'ACTION') {
    const parts = value.split(',');
    if (!ACTION_VALIDATE_DATA_PATTERN.test(value) || parts[0] === parts[1]) throw invalid();
    return { mode: 'action', challenge: { actions: value } };
  }
  if (!LIP_VALIDATE_DATA_PATTERN.test(value)) throw invalid();
  return { mode: 'lip', challenge: { digits: value } };
}

/** LivenessCompare `Optional`: a JSON string {"BestFrameNum": 2..10}; anything else is InvalidParameterValue. */
export function bestFrameNum(optional: string | undefined): number | null {
  if (optional === undefined || optional.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(optional);
  } catch {
    throw new ApiError('InvalidParameterValue', 'Parameter `Optional` must be a JSON object.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError('InvalidParameterValue', 'Parameter `Optional` must be a JSON object.');
  }
  const n = (parsed as Record<string, unknown>).BestFrameNum;
  if (n === undefined) return null;
  // spec: "Return multiple best screenshots. Value range: [2 10]" (the example shows 1, which means one).
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10) {
    throw new ApiError('InvalidParameterValue', '`Optional.BestFrameNum` must be an integer from 1 to 10.');
  }
  return n;
}
