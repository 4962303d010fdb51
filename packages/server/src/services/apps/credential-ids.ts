import { randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Tencent-style SecretId: `AKID` + 32 alphanumerics (the gateway answers other shapes with AuthFailure.InvalidSecretId, spec §5.2). */
export const SECRET_ID_PATTERN = /^AKID[A-Za-z0-9]{32}$/;
export const SECRET_KEY_LENGTH = 32;

/** crypto-random alphanumerics; randomInt is unbiased (rejection sampling inside). */
export function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

export function newSecretId(): string {
  return `AKID${randomAlnum(32)}`;
}

export function newSecretKey(): string {
  return randomAlnum(SECRET_KEY_LENGTH);
}

/** A numeric-looking AppId like Tencent's (10 digits, no leading zero), e.g. 1302815263. */
export function newAppId(): string {
  return String(randomInt(1_000_000_000, 10_000_000_000));
}
