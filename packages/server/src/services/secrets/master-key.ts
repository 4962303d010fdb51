import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { MASTER_KEY_BYTES } from './aes-gcm.js';

export const MASTER_KEY_FILE = 'master.key';

/**
 * Parses EKYC_MASTER_KEY: 64 hex characters or base64 of exactly 32 bytes (INTERFACES.md §2).
 * Throws with a message that never echoes the value.
 */
export function parseMasterKey(text: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const bytes = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
    if (bytes.length === MASTER_KEY_BYTES) return bytes;
  }
  throw new Error(`EKYC_MASTER_KEY must be ${MASTER_KEY_BYTES} bytes as 64 hex characters or base64`);
}

/**
 * The master key from the environment value when set, else from `<dataDir>/master.key`,
 * generating that file (mode 0600) on first start. Creation uses the exclusive flag so two
 * processes starting at once on the same data dir end up with the same key.
 */
export async function loadMasterKey(opts: {
  envValue: string | undefined;
  dataDir: string;
}): Promise<{ key: Buffer; source: 'env' | 'file' | 'generated' }> {
  if (opts.envValue !== undefined && opts.envValue.trim() !== '') {
    return { key: parseMasterKey(opts.envValue), source: 'env' };
  }
  const path = join(opts.dataDir, MASTER_KEY_FILE);
  await mkdir(opts.dataDir, { recursive: true });
  try {
    await writeFile(path, `${randomBytes(MASTER_KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    // The umask cannot widen 0600, but an existing directory ACL might; make it explicit.
    await chmod(path, 0o600);
    return { key: await readKeyFile(path), source: 'generated' };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return { key: await readKeyFile(path), source: 'file' };
}

async function readKeyFile(path: string): Promise<Buffer> {
  const text = await readFile(path, 'utf8');
  try {
    return parseMasterKey(text);
  } catch {
    throw new Error(`${path} does not hold a valid ${MASTER_KEY_BYTES}-byte key (64 hex characters)`);
  }
}
