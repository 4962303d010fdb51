import type { Finding } from '@open-ekyc/contract';
import { pearson, quantile } from './series.js';
import type { LivenessOutcome, TimelineEntry, TrackSample } from './types.js';

export interface LipChallenge {
  /** The 4 digits the server asked the user to read (spec VideoLivenessCompare, LIP mode). */
  readonly digits: string;
}

export interface LipOptions {
  /** Speech level (p90 of 20 ms windows, dBFS) below which the audio is too quiet. */
  readonly minLevelDbfs?: number;
  /** Mouth-opening range (p90 − p10 of MAR) below which the lips did not move. */
  readonly minMouthRange?: number;
  /** Correlation between mouth opening and the audio envelope needed to pass. */
  readonly minCorrelation?: number;
}

export interface Audio {
  readonly samples: Float32Array;
  readonly sampleRate: number;
}

const WINDOW_S = 0.02;
const NULL_SHIFTS = 12;
const NULL_MARGIN = 0.1;

function rms(samples: Float32Array, from: number, to: number): number {
  const a = Math.max(0, Math.floor(from));
  const b = Math.min(samples.length, Math.ceil(to));
  if (b <= a) return 0;
  let s = 0;
  for (let i = a; i < b; i++) s += (samples[i] as number) ** 2;
  return Math.sqrt(s / (b - a));
}

const dbfs = (v: number): number => (v > 0 ? 20 * Math.log10(v) : -120);

/** Speech level: p90 of the 20 ms window levels, so pauses between digits do not dilute it. */
export function speechLevelDbfs(audio: Audio): number {
  const w = Math.round(WINDOW_S * audio.sampleRate);
  const levels: number[] = [];
  for (let i = 0; i + w <= audio.samples.length; i += w) levels.push(dbfs(rms(audio.samples, i, i + w)));
  return levels.length ? quantile(levels, 0.9) : -120;
}

/**
 * Lip mode: there is sound, loud enough, and the mouth opens and closes with it (speech envelope
 * vs mouth aspect ratio over time, best lag within ±0.25 s for audio/video offset), better aligned
 * than with the same audio shifted in time.
 * The digits themselves are NOT recognised: no speech model that ships in npm does it offline,
 * so a person reading other digits in sync would pass this check (see the report).
 */
export function analyzeLip(
  samples: readonly TrackSample[],
  audio: Audio | null,
  challenge: LipChallenge,
  options: LipOptions = {},
): LivenessOutcome {
  const minLevel = options.minLevelDbfs ?? -45;
  const minRange = options.minMouthRange ?? 0.08;
  const minCorr = options.minCorrelation ?? 0.3;
  const scores: Record<string, number> = { digitsRequested: challenge.digits.length };
  const timeline: TimelineEntry[] = [];
  const fail = (f: Finding): LivenessOutcome => ({ passed: false, findings: [f], scores, timeline });
  const peak = audio ? audio.samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0) : 0;
  if (!audio || peak < 1e-4)
    return fail({ kind: 'lip_no_audio', detail: audio ? 'digital silence' : 'no audio track' });
  const level = speechLevelDbfs(audio);
  scores.audioLevelDbfs = round(level);
  if (level < minLevel)
    return fail({
      kind: 'lip_audio_low',
      score: round(level),
      detail: `speech level ${level.toFixed(1)} dBFS < ${minLevel}`,
    });
  const face = samples.filter((s) => s.face);
  const mar = face.map((s) => s.face?.mouthOpenness ?? 0);
  const range = quantile(mar, 0.9) - quantile(mar, 0.1);
  scores.mouthRange = round(range);
  if (face.length < 6 || range < minRange) return fail({ kind: 'lip_move_small', score: round(range) });
  const dt =
    face.length > 1
      ? ((face[face.length - 1] as TrackSample).t - (face[0] as TrackSample).t) / (face.length - 1)
      : 0.125;
  const best = bestLagCorrelation(face, mar, audio.samples, audio.sampleRate, dt, 0);
  // Null: the same audio, circularly shifted by whole seconds. Background sound or music that
  // merely co-occurs with talking correlates about as well shifted as aligned (the dev clip with
  // a soundtrack: 0.26 aligned, 0.16–0.29 shifted); speech from this mouth only when aligned.
  const duration = audio.samples.length / audio.sampleRate;
  const nulls: number[] = [];
  for (let k = 1; k <= NULL_SHIFTS; k++)
    nulls.push(
      bestLagCorrelation(face, mar, audio.samples, audio.sampleRate, dt, (k * duration) / (NULL_SHIFTS + 1))
        .r,
    );
  const null90 = quantile(nulls, 0.9);
  scores.lipAudioCorrelation = round(best.r);
  scores.lipAudioLag = round(best.lag);
  scores.lipShiftedP90 = round(null90);
  if (best.r < minCorr || best.r < null90 + NULL_MARGIN) {
    return fail({
      kind: 'lip_speech_mismatch',
      score: round(best.r),
      detail: `mouth/speech correlation ${best.r.toFixed(2)}, shifted audio reaches ${null90.toFixed(2)}`,
    });
  }
  return { passed: true, findings: [], scores, timeline };
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

/** Best Pearson correlation of mouth opening with the audio level, over lags within ±0.25 s. */
function bestLagCorrelation(
  face: readonly TrackSample[],
  mar: readonly number[],
  samples: Float32Array,
  rate: number,
  dt: number,
  shiftSeconds: number,
): { r: number; lag: number } {
  const shift = Math.round(shiftSeconds * rate);
  const shifted =
    shift === 0
      ? samples
      : Float32Array.from(
          { length: samples.length },
          (_, i) => samples[(i + shift) % samples.length] as number,
        );
  let best = { r: -1, lag: 0 };
  for (let lag = -0.25; lag <= 0.25 + 1e-9; lag += Math.max(0.04, dt / 2)) {
    const env = face.map((s) => dbfs(rms(shifted, (s.t + lag - dt / 2) * rate, (s.t + lag + dt / 2) * rate)));
    const r = pearson(mar, env);
    if (r > best.r) best = { r, lag };
  }
  return best;
}
