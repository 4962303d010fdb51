import { runFfmpeg } from './run-ffmpeg.js';

export const AUDIO_SAMPLE_RATE = 16_000;

export type AudioOutcome =
  { ok: true; samples: Float32Array; sampleRate: number } | { ok: false; reason: string; timedOut: boolean };

/** Mono 16 kHz PCM in [-1, 1] for the lip mode: 16 kHz is what speech models and envelopes need. */
export async function extractAudio(
  ffmpegPath: string,
  file: string,
  maxSeconds: number,
  timeoutMs: number,
): Promise<AudioOutcome> {
  const args = [
    '-v',
    'error',
    '-i',
    file,
    '-t',
    String(maxSeconds),
    '-vn',
    '-sn',
    '-dn',
    '-ac',
    '1',
    '-ar',
    String(AUDIO_SAMPLE_RATE),
    '-f',
    's16le',
    'pipe:1',
  ];
  const maxBytes = Math.ceil(maxSeconds * AUDIO_SAMPLE_RATE * 2) + 4096;
  const run = await runFfmpeg(ffmpegPath, args, { timeoutMs, maxStdoutBytes: maxBytes });
  if (run.timedOut) return { ok: false, reason: 'audio decode timed out', timedOut: true };
  if (run.code !== 0 && run.stdout.length === 0) {
    return {
      ok: false,
      reason: (run.stderr.trim().split('\n').pop() ?? 'no audio').slice(0, 200),
      timedOut: false,
    };
  }
  const count = Math.floor(run.stdout.length / 2);
  const samples = new Float32Array(count);
  for (let i = 0; i < count; i++) samples[i] = run.stdout.readInt16LE(i * 2) / 32768;
  return { ok: true, samples, sampleRate: AUDIO_SAMPLE_RATE };
}
