import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with the master key (ARCHITECTURE.md "Secrets and biometrics").
 * Sealed form: base64(iv[12] | tag[16] | ciphertext). A fresh random IV per seal; the optional
 * `aad` binds a ciphertext to its owner (e.g. the SecretId) so rows cannot be swapped.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const MASTER_KEY_BYTES = 32;

export interface Sealer {
  seal(plaintext: Buffer | string, aad?: string): string;
  open(sealed: string, aad?: string): Buffer;
}

export function createSealer(masterKey: Buffer): Sealer {
  if (masterKey.length !== MASTER_KEY_BYTES) {
    throw new Error(`master key must be ${MASTER_KEY_BYTES} bytes, got ${masterKey.length}`);
  }
  // Own copy: the caller's buffer may be reused or zeroed.
  const key = Buffer.from(masterKey);
  return {
    seal(plaintext, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed, aad) {
      const raw = Buffer.from(sealed, 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
      // final() throws when the tag does not verify (wrong key, tampered data or wrong aad).
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
}
