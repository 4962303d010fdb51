import { describe, expect, it } from 'vitest';
import { analyzeActions, parseValidateData } from './action-liveness.js';
import { detectPulses } from './events.js';
import { bump, syntheticTrack } from './test-observations.js';

describe('detectPulses', () => {
  const pts = (vs: number[]) => vs.map((v, i) => ({ t: i * 0.1, v }));
  it('needs both thresholds: jitter around one threshold is not an event', () => {
    const jitter = pts([1, 0.7, 0.6, 0.7, 0.6, 0.7, 0.6, 0.7, 1]);
    expect(detectPulses(jitter, { enter: 0.5, exit: 0.8, above: false })).toHaveLength(0);
    const blink = pts([1, 1, 0.4, 0.3, 0.9, 1, 1, 0.45, 1]);
    const found = detectPulses(blink, { enter: 0.5, exit: 0.8, above: false });
    expect(found.map((p) => [p.start, p.peak])).toEqual([
      [0.2, 0.3],
      [expect.closeTo(0.7, 5), 0.45],
    ]);
  });
  it('drops excursions longer than maxSeconds and keeps open ones only when asked', () => {
    const closed = pts([1, 0.3, 0.3, 0.3, 0.3, 0.3, 1]);
    expect(detectPulses(closed, { enter: 0.5, exit: 0.8, above: false, maxSeconds: 0.3 })).toHaveLength(0);
    const held = pts([0, 0, 30, 30, 30]);
    expect(detectPulses(held, { enter: 18, exit: 8, above: true })).toHaveLength(0);
    expect(detectPulses(held, { enter: 18, exit: 8, above: true, requireReturn: false })).toHaveLength(1);
  });
  it('does not count a signal that starts inside the event (no rest state seen)', () => {
    expect(detectPulses(pts([0.3, 0.3, 1, 1]), { enter: 0.5, exit: 0.8, above: false })).toHaveLength(0);
  });
});

describe('analyzeActions', () => {
  // EAR drops to ~0.08 for 200 ms at 1.5 s; head turns 30° to the subject's left (negative Human yaw) at 3–4.5 s.
  const blinkThenLeft = {
    ear: (t: number) => 0.3 - bump(1.4, 1.7, 0.24)(t),
    yaw: (t: number) => -bump(3, 4.5, 32)(t),
  };

  it('passes when the actions happen in the requested order', () => {
    const r = analyzeActions(syntheticTrack(6, 10, blinkThenLeft, 0.03), { actions: ['blink', 'turn_left'] });
    expect(r.findings).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.scores.actionsFound).toBe(2);
    expect(r.timeline.map((e) => e.kind)).toEqual(['blink', 'turn_left']);
  });

  it('reports the wrong order and a wrong direction', () => {
    const order = analyzeActions(syntheticTrack(6, 10, blinkThenLeft, 0.03), {
      actions: ['turn_left', 'blink'],
    });
    expect(order.findings[0]?.kind).toBe('action_order_wrong');
    const right = analyzeActions(syntheticTrack(6, 10, blinkThenLeft, 0.03), {
      actions: ['blink', 'turn_right'],
    });
    expect(right.findings[0]?.kind).toBe('action_turn_missing');
  });

  it('fails a still face at the first action, whatever it is', () => {
    for (const a of ['blink', 'open_mouth', 'nod', 'shake'] as const) {
      const r = analyzeActions(syntheticTrack(5, 10, {}, 0.03), { actions: [a, 'blink'] });
      expect(r.passed).toBe(false);
      expect(r.findings[0]?.kind).toBe('action_first_missing');
    }
  });

  it('names the missing second action', () => {
    const mouthOnly = { mar: bump(1, 2.5, 0.5) };
    const r = analyzeActions(syntheticTrack(5, 10, mouthOnly, 0.02), { actions: ['open_mouth', 'nod'] });
    expect(r.findings.map((f) => f.kind)).toEqual(['action_nod_missing']);
    const ok = analyzeActions(syntheticTrack(5, 10, { ...mouthOnly, pitch: bump(3, 4, 18) }, 0.02), {
      actions: ['open_mouth', 'nod'],
    });
    expect(ok.passed).toBe(true);
  });

  it('rejects an action that comes too long after the previous one', () => {
    const late = { mar: bump(0.5, 1.5, 0.5), ear: (t: number) => 0.3 - bump(12, 12.3, 0.24)(t) };
    const r = analyzeActions(
      syntheticTrack(14, 10, late, 0.02),
      { actions: ['open_mouth', 'blink'] },
      { maxGapSeconds: 5 },
    );
    expect(r.findings[0]?.kind).toBe('action_blink_missing');
  });
});

describe('parseValidateData', () => {
  it('maps vendor codes (1 mouth, 2 blink, 3 nod, 4 shake) and rejects junk', () => {
    expect(parseValidateData('4,2')).toEqual(['shake', 'blink']);
    expect(parseValidateData('1')).toEqual(['open_mouth']);
    expect(parseValidateData('blink,turn_left')).toEqual(['blink', 'turn_left']);
    expect(parseValidateData('5')).toBeNull();
    expect(parseValidateData('')).toBeNull();
  });
});

describe('generateActionChallenge', () => {
  it('always asks for a head movement, in vendor codes, with both orders occurring', async () => {
    const { generateActionChallenge } = await import('./action-challenge.js');
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const c = generateActionChallenge();
      expect(c.actions.some((a) => a === 'nod' || a === 'shake')).toBe(true);
      expect(parseValidateData(c.validateData)).toEqual(c.actions);
      seen.add(c.validateData);
    }
    expect(seen.size).toBe(8); // {3,4} × {1,2} × 2 orders
    expect(generateActionChallenge(1).actions).toHaveLength(1);
  });
});
