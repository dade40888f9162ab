import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(paths.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    chmodSync(paths.privateKey, 0o600);
    writeFileSync(paths.publicKey, publicKey.export({ type: 'spki', format: 'pem' }));
    created = true;
  }
  const privateKey = createPrivateKey(readFileSync(paths.privateKey));
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { created, publicKeyPem, sign: (m) => sign(null, Buffer.from(m), privateKey).toString('base64') };
}

export function loadPublicKey(pemOrPath: string): KeyObject {
  const pem = pemOrPath.includes('BEGIN') ? pemOrPath : readFileSync(pemOrPath, 'utf8');
  return createPublicKey(pem);
}

export const signatureValid = (key: KeyObject, message: string, signature: string): boolean =>
  verify(null, Buffer.from(message), key, Buffer.from(signature, 'base64'));
