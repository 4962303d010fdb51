import { spawn } from 'node:child_process';

export interface FfmpegRun {
  /** Exit code, or null when the process was killed. */
  readonly code: number | null;
  readonly stdout: Buffer;
  /** The tail of stderr (ffmpeg logs there), capped so a chatty decoder cannot fill memory. */
  readonly stderr: string;
  readonly timedOut: boolean;
  /** True when stdout went over `maxStdoutBytes` and the process was stopped. */
  readonly truncated: boolean;
  /** The binary could not be started at all (wrong ffmpegPath): an engine fault, not the video's. */
  readonly spawnFailed: boolean;
}

export interface FfmpegRunOptions {
  readonly timeoutMs: number;
  readonly maxStdoutBytes?: number;
  /** Called per stdout chunk instead of buffering (the buffer then stays empty). */
  readonly onStdout?: (chunk: Buffer) => void;
}

const STDERR_CAP = 64 * 1024;

/**
 * Runs ffmpeg with a hard wall-clock limit. On timeout or oversize output the process gets SIGKILL:
 * a hostile file can make a decoder spin, and a worker must never wait on it forever.
 * Never rejects for ffmpeg's own failures; the caller turns `code`/`stderr` into findings.
 */
export function runFfmpeg(
  ffmpegPath: string,
  args: readonly string[],
  options: FfmpegRunOptions,
): Promise<FfmpegRun> {
  return new Promise((resolve) => {
    const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let timedOut = false;
    let truncated = false;
    let settled = false;
    let spawnFailed = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (options.maxStdoutBytes !== undefined && size > options.maxStdoutBytes) {
        if (!truncated) {
          truncated = true;
          child.kill('SIGKILL');
        }
        return;
      }
      if (options.onStdout) options.onStdout(chunk);
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.length > STDERR_CAP) stderr = stderr.slice(stderr.length - STDERR_CAP);
    });
    const finish = (code: number | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(chunks), stderr, timedOut, truncated, spawnFailed });
    };
    child.on('error', (err) => {
      stderr += `\nspawn failed: ${err.message}`;
      spawnFailed = true;
      finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}
