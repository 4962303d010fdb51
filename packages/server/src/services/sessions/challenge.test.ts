import { describe, expect, it } from 'vitest';
import { buildLivenessChallenge } from './challenge.js';

describe('buildLivenessChallenge', () => {
  it('matches each SecureLevel (spec §7: 1 silent, 2 action, 3 light, 4 action + light)', () => {
    expect(buildLivenessChallenge({ secureLevel: '1', actions: ['nod'] })).toEqual({
      secureLevel: '1',
      mode: 'silent',
      actions: [],
      colors: [],
    });
    expect(buildLivenessChallenge({ secureLevel: '2' })).toMatchObject({
      mode: 'action',
      actions: ['blink'],
      colors: [],
    });
    expect(buildLivenessChallenge({ secureLevel: '3' })).toMatchObject({ mode: 'reflect', actions: [] });
    const four = buildLivenessChallenge({ secureLevel: '4', actions: ['nod', 'shake'] });
    expect(four).toMatchObject({ mode: 'action+reflect', actions: ['nod', 'shake'] });
    expect(four.colors).toHaveLength(4);
  });

  it('never repeats a colour back to back, and varies between sessions', () => {
    const seqs = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { colors } = buildLivenessChallenge({ secureLevel: '3' });
      colors.forEach((c, j) => j > 0 && expect(c).not.toBe(colors[j - 1]));
      seqs.add(colors.join());
    }
    expect(seqs.size).toBeGreaterThan(10);
  });

  it('skips a repeated draw', () => {
    const draws = [0, 0, 1, 1, 2, 0];
    const { colors } = buildLivenessChallenge({ secureLevel: '3' }, () => draws.shift() ?? 3);
    expect(colors).toEqual(['#FF0000', '#00FF00', '#0000FF', '#FF0000']);
  });
});
