import { describe, expect, it } from 'vitest';
import { analyzeLip, speechLevelDbfs } from './lip-liveness.js';
import { syntheticTrack } from './test-observations.js';

const RATE = 16_000;
/** "Speech": a 200 Hz tone switched on in syllables; `gain` sets the level. */
function speech(seconds: number, syllables: [number, number][], gain: number): Float32Array {
  const out = new Float32Array(seconds * RATE);
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    const on = syllables.some(([a, b]) => t >= a && t < b);
    out[i] = on ? gain * Math.sin(2 * Math.PI * 200 * t) : 0.0005 * Math.sin(i);
  }
  return out;
}

const syllables: [number, number][] = [
  [0.8, 1.2],
  [1.6, 2.0],
  [2.5, 2.9],
  [3.4, 3.9],
];
const talking = (t: number): number => (syllables.some(([a, b]) => t >= a && t < b) ? 0.45 : 0.03);

describe('analyzeLip', () => {
  const ch = { digits: '4821' };
  it('needs audio, loud enough', () => {
    expect(analyzeLip(syntheticTrack(5, 8, { mar: talking }), null, ch).findings[0]?.kind).toBe(
      'lip_no_audio',
    );
    const silence = { samples: new Float32Array(5 * RATE), sampleRate: RATE };
    expect(analyzeLip(syntheticTrack(5, 8, { mar: talking }), silence, ch).findings[0]?.kind).toBe(
      'lip_no_audio',
    );
    const quiet = { samples: speech(5, syllables, 0.003), sampleRate: RATE };
    expect(speechLevelDbfs(quiet)).toBeLessThan(-45);
    expect(analyzeLip(syntheticTrack(5, 8, { mar: talking }), quiet, ch).findings[0]?.kind).toBe(
      'lip_audio_low',
    );
  });

  it('passes lips that move with the speech, fails still lips and lips out of step', () => {
    const audio = { samples: speech(5, syllables, 0.3), sampleRate: RATE };
    const ok = analyzeLip(syntheticTrack(5, 8, { mar: talking }, 0.02), audio, ch);
    expect(ok.passed).toBe(true);
    expect(ok.scores.lipAudioCorrelation).toBeGreaterThan(0.6);
    expect(analyzeLip(syntheticTrack(5, 8, {}, 0.01), audio, ch).findings[0]?.kind).toBe('lip_move_small');
    const offBeat = (t: number): number => (talking(t) > 0.1 ? 0.03 : 0.45);
    expect(analyzeLip(syntheticTrack(5, 8, { mar: offBeat }, 0.02), audio, ch).findings[0]?.kind).toBe(
      'lip_speech_mismatch',
    );
  });
});
