import { CaptureChallengeSchema, REFLECTION_MIN_COLOR_MS } from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { attemptChallenge, DowngradeRefused } from './attempt-challenge.js';
import type { FlowSettings } from './flow-settings.js';

const settings = (over: Partial<FlowSettings>): FlowSettings => ({
  product: 'web',
  captureKind: 'web',
  securityLevel: 1,
  actions: [],
  autoDowngrade: 1,
  retryLimit: 3,
  timeoutSeconds: 45,
  language: 'en',
  themeColor: '#2d72f1',
  skipPrivacyPolicy: false,
  autoSkipStartPage: false,
  autoSkip: false,
  document: null,
  ...over,
});

describe('attempt challenges', () => {
  it('every level gives a contract-valid challenge of its mode', () => {
    const modes = ([1, 2, 3, 4] as const).map((securityLevel) => {
      const c = attemptChallenge(settings({ securityLevel }), 'camera');
      expect(Value.Check(CaptureChallengeSchema, c.capture)).toBe(true);
      return c.capture.mode;
    });
    expect(modes).toEqual(['silent', 'action', 'reflection', 'action+reflection']);
  });

  it('colours are fresh per attempt, ≥ 334 ms each, and the engine gets the same sequence', () => {
    const a = attemptChallenge(settings({ securityLevel: 3 }), 'camera');
    const b = attemptChallenge(settings({ securityLevel: 3 }), 'camera');
    expect(a.sequence).not.toBe(b.sequence);
    if (a.capture.mode !== 'reflection') throw new Error('expected reflection');
    expect(a.capture.colors.length).toBeGreaterThanOrEqual(12);
    for (const c of a.capture.colors) expect(c.durationMs).toBeGreaterThanOrEqual(REFLECTION_MIN_COLOR_MS);
    const total = a.capture.colors.reduce((s, c) => s + c.durationMs, 0);
    expect(a.sequence).toMatch(/^v1\./);
    expect(total).toBeGreaterThan(4000);
  });

  it("actions follow the merchant's ActionList order, else a random pair with a head movement", () => {
    const listed = attemptChallenge(settings({ securityLevel: 2, actions: ['mouth', 'blink'] }), 'camera');
    expect(listed.capture).toMatchObject({ mode: 'action', actions: ['mouth', 'blink'] });
    expect(listed.actions).toEqual(['open_mouth', 'blink']);
    for (let i = 0; i < 10; i++) {
      const c = attemptChallenge(settings({ securityLevel: 2 }), 'camera');
      expect(c.actions.some((a) => a === 'nod' || a === 'shake')).toBe(true);
    }
  });

  it('recording mode: a light challenge is downgraded to silent with AutoDowngrade 1, refused with 2', () => {
    const down = attemptChallenge(settings({ securityLevel: 3, autoDowngrade: 1 }), 'file');
    expect(down).toMatchObject({ capture: { mode: 'silent' }, downgraded: true, sequence: null });
    expect(() => attemptChallenge(settings({ securityLevel: 4, autoDowngrade: 2 }), 'file')).toThrow(
      DowngradeRefused,
    );
    // Action-only levels need no screen light: recording mode keeps them.
    expect(attemptChallenge(settings({ securityLevel: 2, autoDowngrade: 2 }), 'file').capture.mode).toBe(
      'action',
    );
  });
});
