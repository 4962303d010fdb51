import { ApiError } from '@open-ekyc/contract';
import { describe, expect, it } from 'vitest';
import { bestFrameNum, livenessChallenge } from './liveness-request.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof ApiError ? e.code : String(e);
  }
};

describe('livenessChallenge (LivenessType + ValidateData)', () => {
  it('maps the three types to engine modes', () => {
    expect(livenessChallenge('SILENT', '')).toEqual({ mode: 'silent' });
    expect(livenessChallenge('SILENT', '4,2')).toEqual({ mode: 'silent' });
    expect(livenessChallenge('ACTION', '4,2')).toEqual({ mode: 'action', challenge: { actions: '4,2' } });
    expect(livenessChallenge('LIP', '4821')).toEqual({ mode: 'lip', challenge: { digits: '4821' } });
  });

  it('requires ValidateData for ACTION and LIP and checks its form', () => {
    expect(codeOf(() => livenessChallenge('ACTION', undefined))).toBe('MissingParameter');
    expect(codeOf(() => livenessChallenge('LIP', ' '))).toBe('MissingParameter');
    for (const bad of ['5', '1,1', '1,2,3', 'blink', '1;2'])
      expect(
        codeOf(() => livenessChallenge('ACTION', bad)),
        bad,
      ).toBe('InvalidParameterValue');
    for (const bad of ['123', '12345', 'abcd'])
      expect(
        codeOf(() => livenessChallenge('LIP', bad)),
        bad,
      ).toBe('InvalidParameterValue');
  });
});

describe('bestFrameNum (LivenessCompare Optional)', () => {
  it('reads {"BestFrameNum": n} and refuses anything else', () => {
    expect(bestFrameNum(undefined)).toBeNull();
    expect(bestFrameNum('{}')).toBeNull();
    expect(bestFrameNum('{"BestFrameNum":2}')).toBe(2);
    for (const bad of ['{', '[]', '{"BestFrameNum":0}', '{"BestFrameNum":11}', '{"BestFrameNum":"2"}'])
      expect(
        codeOf(() => bestFrameNum(bad)),
        bad,
      ).toBe('InvalidParameterValue');
  });
});
