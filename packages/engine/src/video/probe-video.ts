import { runFfmpeg } from './run-ffmpeg.js';

/** What `ffmpeg -i` says about a file, before any decoding. */
export interface VideoProbe {
  /** Container duration in seconds; null when the container does not record it (MediaRecorder WebM). */
  readonly durationSeconds: number | null;
  /** Display size, after the rotation the file asks for (phones record portrait as rotated landscape). */
  readonly width: number;
  readonly height: number;
  readonly codec: string;
  readonly fps: number | null;
  readonly rotationDeg: number;
  readonly hasAudio: boolean;
  readonly audioCodec: string | null;
  readonly container: string;
}

export type ProbeOutcome =
  { ok: true; probe: VideoProbe } | { ok: false; reason: string; timedOut: boolean; engineFault?: boolean };

const DURATION_RE = /Duration:\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/;
const VIDEO_RE = /Stream #\d+:\d+[^:]*: Video: ([a-z0-9_]+)[^\n]*?, (\d{2,5})x(\d{2,5})/;
const FPS_RE = /Stream #\d+:\d+[^:]*: Video:[^\n]*?, ([\d.]+) (?:fps|tbr)/;
const AUDIO_RE = /Stream #\d+:\d+[^:]*: Audio: ([a-z0-9_]+)/;
// ffmpeg ≥5 prints "displaymatrix: rotation of -90.00 degrees"; older builds print "rotate : 90".
const ROTATION_RE = /displaymatrix: rotation of (-?[\d.]+) degrees|\brotate\s*:\s*(-?\d+)/;
const INPUT_RE = /Input #0, ([^,]+(?:,[^,\s]+)*), from/;

/** Parses `ffmpeg -i` stderr. Exported for tests; returns null when no video stream is described. */
export function parseProbe(stderr: string): VideoProbe | null {
  const video = VIDEO_RE.exec(stderr);
  if (!video) return null;
  const duration = DURATION_RE.exec(stderr);
  const durationSeconds = duration
    ? Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])
    : null;
  const rotation = ROTATION_RE.exec(stderr);
  const rotationDeg = rotation ? Math.round(Number(rotation[1] ?? rotation[2])) : 0;
  const quarterTurn = Math.abs(rotationDeg) % 180 === 90;
  const w = Number(video[2]);
  const h = Number(video[3]);
  const fps = FPS_RE.exec(stderr);
  const audio = AUDIO_RE.exec(stderr);
  return {
    durationSeconds: durationSeconds !== null && durationSeconds > 0 ? durationSeconds : null,
    width: quarterTurn ? h : w,
    height: quarterTurn ? w : h,
    codec: video[1] ?? 'unknown',
    fps: fps ? Number(fps[1]) : null,
    rotationDeg,
    hasAudio: audio !== null,
    audioCodec: audio?.[1] ?? null,
    container: INPUT_RE.exec(stderr)?.[1] ?? 'unknown',
  };
}

/**
 * Probes with ffmpeg itself (`-i` with no output exits 1 after printing the stream table):
 * the npm ffmpeg package ships no ffprobe.
 */
export async function probeVideo(ffmpegPath: string, file: string, timeoutMs: number): Promise<ProbeOutcome> {
  const run = await runFfmpeg(ffmpegPath, ['-i', file], { timeoutMs });
  if (run.timedOut) return { ok: false, reason: 'probe timed out', timedOut: true };
  if (run.spawnFailed)
    return { ok: false, reason: `cannot run ffmpeg (${ffmpegPath})`, timedOut: false, engineFault: true };
  const probe = parseProbe(run.stderr);
  if (!probe) {
    const lastLine =
      run.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.includes('At least one output'))
        .pop() ?? '';
    return { ok: false, reason: lastLine.slice(0, 200) || 'no video stream', timedOut: false };
  }
  return { ok: true, probe };
}
