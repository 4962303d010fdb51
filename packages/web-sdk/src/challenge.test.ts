import { describe, expect, it } from 'vitest';
import { CHALLENGE_TIMING, monitorFailure } from './challenge.js';
import type { GuidanceLoop } from './guidance-loop.js';
import type { GuidanceStatus } from './guidance.js';

function loop(
  status: GuidanceStatus | undefined,
  ageMs: number,
  motionEvents = 0,
  available = true,
): GuidanceLoop {
  return { available, status, statusAge: () => ageMs, motionEvents } as unknown as GuidanceLoop;
}

describe('monitorFailure (what stops a recording in progress)', () => {
  it('face missing / several faces only after they persist', () => {
    expect(monitorFailure(loop('no_face', 500), false)).toBeUndefined();
    expect(monitorFailure(loop('no_face', CHALLENGE_TIMING.faceMissingMs + 1), false)?.code).toBe(
      'FACE_MISSING',
    );
    expect(monitorFailure(loop('multiple_faces', 400), false)).toBeUndefined();
    expect(monitorFailure(loop('multiple_faces', CHALLENGE_TIMING.multipleFacesMs + 1), false)?.code).toBe(
      'MULTIPLE_FACE',
    );
  });

  it('light problems, but not while the screen itself flashes colours', () => {
    expect(monitorFailure(loop('too_dark', 3000), false)?.code).toBe('WEAK_LIGHT');
    expect(monitorFailure(loop('too_bright', 3000), false)?.code).toBe('STRONG_LIGHT');
    expect(monitorFailure(loop('too_bright', 3000), true)).toBeUndefined();
  });

  it('too much motion after repeated face jumps', () => {
    expect(monitorFailure(loop('ok', 3000, CHALLENGE_TIMING.motionEvents - 1), false)).toBeUndefined();
    expect(monitorFailure(loop('ok', 3000, CHALLENGE_TIMING.motionEvents), false)?.code).toBe('MUCH_MOTION');
  });

  it('nothing without a face tracker (models failed to load): the server decides', () => {
    expect(monitorFailure(loop('no_face', 99_999, 99, false), false)).toBeUndefined();
  });
});
