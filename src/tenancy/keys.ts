import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';

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

export async function generateKey(): Promise<NewKey> {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  return { id, key: `jg_${id}_${secret}`, hash: await hashSecret(secret, salt), salt };
}

/**
 * scrypt of a secret (a key's or a password), on libuv's thread pool: ~50 ms of work that must
 * never run on the event loop, or a few parallel wrong sign-ins would stall every request.
 */
export function hashSecret(secret: string, salt: string): Promise<string> {
  return new Promise((resolve, reject) =>
    scrypt(secret, Buffer.from(salt, 'hex'), 32, SCRYPT, (err, key) =>
      err ? reject(err) : resolve(key.toString('hex')),
    ),
  );
}

export function parseKey(key: string): { id: string; secret: string } | undefined {
  const m = KEY_FORMAT.exec(key);
  return m ? { id: m[1] as string, secret: m[2] as string } : undefined;
}

export async function secretMatches(secret: string, salt: string, hash: string): Promise<boolean> {
  const expected = Buffer.from(hash, 'hex');
  const actual = Buffer.from(await hashSecret(secret, salt), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A fingerprint for the in-memory cache of verified keys (never the key itself). */
export const keyFingerprint = (key: string): string => createHash('sha256').update(key).digest('hex');

export const newId = (): string => randomUUID();
