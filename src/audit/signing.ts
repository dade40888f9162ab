import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JugwonError } from '../core/errors.js';
import { createFileOnce, writeFileAtomic } from '../core/files.js';

/**
 * The Ed25519 key that signs audit checkpoints. It lives in <dataDir>/keys, apart from the
 * database, readable by the server's user only; the public key can be handed to an auditor.
 */
export interface AuditSigner {
  sign(message: string): string;
  publicKeyPem: string;
}

export const keyPaths = (dataDir: string) => ({
  privateKey: join(dataDir, 'keys', 'audit-ed25519.pem'),
  publicKey: join(dataDir, 'keys', 'audit-ed25519.pub.pem'),
});

export function loadOrCreateSigner(dataDir: string): AuditSigner & { created: boolean } {
  const paths = keyPaths(dataDir);
  let created = false;
  if (!existsSync(paths.privateKey)) {
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    // Whole or not at all; a process that loses the race signs with the winner's key.
    created = createFileOnce(paths.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(paths.privateKey));
  } catch {
    throw new JugwonError('JG_KEY_FILE_INVALID', {
      file: paths.privateKey,
      problem: 'it is not an Ed25519 private key in PEM',
    });
  }
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  // The public half, for verifiers elsewhere: derived from the private key, so writing it again
  // (a crash before it was written, or a race) gives the same file.
  if (!existsSync(paths.publicKey) || readFileSync(paths.publicKey, 'utf8') !== publicKeyPem)
    writeFileAtomic(paths.publicKey, publicKeyPem);
  return { created, publicKeyPem, sign: (m) => sign(null, Buffer.from(m), privateKey).toString('base64') };
}

export function loadPublicKey(pemOrPath: string): KeyObject {
  const pem = pemOrPath.includes('BEGIN') ? pemOrPath : readFileSync(pemOrPath, 'utf8');
  return createPublicKey(pem);
}

export const signatureValid = (key: KeyObject, message: string, signature: string): boolean =>
  verify(null, Buffer.from(message), key, Buffer.from(signature, 'base64'));
