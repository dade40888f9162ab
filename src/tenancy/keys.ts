import { createHash, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `jg_<id>_<secret>`: the id finds the record, the 256-bit secret proves
 * possession. Only scrypt(secret) is stored; the key is shown once, when created.
 */
const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_FORMAT = /^jg_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  id: string;
  key: string;
  hash: string;
  salt: string;
}

export function generateKey(): NewKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  return { id, key: `jg_${id}_${secret}`, hash: hashSecret(secret, salt), salt };
}

export function hashSecret(secret: string, salt: string): string {
  return scryptSync(secret, Buffer.from(salt, 'hex'), 32, SCRYPT).toString('hex');
}

export function parseKey(key: string): { id: string; secret: string } | undefined {
  const m = KEY_FORMAT.exec(key);
  return m ? { id: m[1] as string, secret: m[2] as string } : undefined;
}

export function secretMatches(secret: string, salt: string, hash: string): boolean {
  const expected = Buffer.from(hash, 'hex');
  const actual = Buffer.from(hashSecret(secret, salt), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A fingerprint for the in-memory cache of verified keys (never the key itself). */
export const keyFingerprint = (key: string): string => createHash('sha256').update(key).digest('hex');

export const newId = (): string => randomUUID();
