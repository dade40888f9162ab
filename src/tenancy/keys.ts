import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `jg_<id>_<secret>`: the id finds the record, the 256-bit secret proves
 * possession. Only SHA-256(secret) is stored; the key is shown once, when created. A random
 * 256-bit secret cannot be guessed however fast its hash is, so a slow hash would only protect
 * against nothing while letting anyone who knows a key's id (it is in audit exports) spend ~50 ms
 * of the server's CPU per request with wrong secrets. Keys stored with scrypt by earlier versions
 * (a salt beside the hash) are checked with it once, then stored the fast way.
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
  return { id, key: `jg_${id}_${secret}`, hash: keyHash(secret), salt: FAST };
}

/** The salt column of a key stored as SHA-256 (no salt: the secret is random). */
export const FAST = '';

export const keyHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

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

/** Whether a key's secret matches its stored hash (SHA-256, or scrypt for an older row). */
export function secretMatches(secret: string, salt: string, hash: string): boolean | Promise<boolean> {
  const same = (actual: string) => {
    const expected = Buffer.from(hash, 'hex');
    const got = Buffer.from(actual, 'hex');
    return expected.length === got.length && timingSafeEqual(expected, got);
  };
  return salt === FAST ? same(keyHash(secret)) : hashSecret(secret, salt).then(same);
}

/** A fingerprint for the in-memory cache of verified keys (never the key itself). */
export const keyFingerprint = (key: string): string => createHash('sha256').update(key).digest('hex');

export const newId = (): string => randomUUID();
