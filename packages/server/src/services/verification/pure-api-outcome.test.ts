import { describe, expect, it } from 'vitest';
import { pureApiOutcome } from './pure-api-outcome.js';

const at = new Date('2026-06-01T00:00:00Z');

describe('pureApiOutcome (catalog pure-api product)', () => {
  it('Success and CompareLowSimilarity are billed answers with Sim on the vendor scale', () => {
    expect(pureApiOutcome(undefined, 91.234, 'error', at)).toEqual({
      code: 'Success',
      description: 'Success',
      billable: true,
      finding: null,
      sim: 91.23,
      inBody: true,
    });
    const low = pureApiOutcome({ kind: 'similarity_low', score: 30 }, 30.5, 'error', at);
    expect(low).toMatchObject({
      code: 'FailedOperation.CompareLowSimilarity',
      billable: true,
      sim: 30.5,
      inBody: true,
    });
    expect(low.description).toBe('The comparison similarity did not reach the passing standard.');
  });

  it('liveness verdicts: in the body (Sim 0) for CompareFaceLiveness, errors for the others; never billed', () => {
    const body = pureApiOutcome({ kind: 'action_first_missing' }, 88, 'body', at);
    expect(body).toMatchObject({
      code: 'FailedOperation.ActionFirstAction',
      billable: false,
      sim: 0,
      inBody: true,
    });
    expect(pureApiOutcome({ kind: 'liveness_below_threshold' }, 88, 'error', at)).toMatchObject({
      code: 'FailedOperation.SilentThreshold',
      inBody: false,
    });
  });

  it('input problems and engine failures are errors for every action', () => {
    expect(pureApiOutcome({ kind: 'video_decode_failed' }, undefined, 'body', at)).toMatchObject({
      code: 'FailedOperation.LipVideoInvalid',
      inBody: false,
    });
    expect(pureApiOutcome({ kind: 'engine_timeout' }, undefined, 'body', at)).toMatchObject({
      code: 'FailedOperation.UnKnown',
      inBody: false,
      billable: false,
    });
  });
});
