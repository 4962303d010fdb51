import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `fn` with the bytes in a private temp file, deleted afterwards whatever happens.
 * A file, not a pipe: MP4s from phones often keep their index (moov) at the end, which ffmpeg
 * can only read by seeking. The file is biometric data: 0600 inside a 0700 directory.
 */
export async function withTempFile<T>(bytes: Uint8Array, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ekyc-video-'));
  try {
    const file = join(dir, 'input');
    await writeFile(file, bytes, { mode: 0o600 });
    return await fn(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
