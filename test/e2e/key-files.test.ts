import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dist = (p: string) => `file://${resolve('dist', p)}`;

/**
 * Processes started together on one fresh data folder (replicas, or `serve` beside a CLI
 * command), each creating the keys it needs at the same instant.
 */
async function startTogether(dataDir: string, n: number) {
  const at = Date.now() + 1_500;
  const script = `
    const { loadOrCreateSigner } = await import(${JSON.stringify(dist('audit/signing.js'))});
    const { keyFile } = await import(${JSON.stringify(dist('audit/retention.js'))});
    while (Date.now() < ${at});
    const signer = loadOrCreateSigner(${JSON.stringify(dataDir)});
    const key = keyFile(${JSON.stringify(join(dataDir, 'keys'))}, 'retention-aes256.key');
    console.log(JSON.stringify({ pub: signer.publicKeyPem, key: key.toString('hex') }));`;
  const outs = await Promise.all(
    Array.from({ length: n }, () => run(process.execPath, ['--input-type=module', '-e', script])),
  );
  return outs.map((o) => JSON.parse(o.stdout) as { pub: string; key: string });
}

describe('key files created by processes starting at once', () => {
  it('are one signing key and one retention key that every process uses', async () => {
    for (let round = 0; round < 3; round++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-keys-'));
      const got = await startTogether(dataDir, 6);
      // Each process generated a pair and wrote it over the others': checkpoints signed by all but
      // the last writer would fail verification for ever.
      expect(new Set(got.map((g) => g.pub)).size).toBe(1);
      expect(got[0]?.pub).toBe(readFileSync(join(dataDir, 'keys', 'audit-ed25519.pub.pem'), 'utf8'));
      expect(new Set(got.map((g) => g.key)).size).toBe(1);
      expect(got[0]?.key).toMatch(/^[0-9a-f]{64}$/);
    }
  }, 60_000);

  it('refuse to start on a key file a crash left empty or cut, naming it', async () => {
    const { keyFile } = await import('../../src/audit/retention.js');
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-keys-'));
    writeFileSync(join(dir, 'retention-aes256.key'), '');
    expect(() => keyFile(dir, 'retention-aes256.key')).toThrow(/retention-aes256\.key/);
    writeFileSync(join(dir, 'retention-aes256.key'), 'ab'.repeat(20));
    expect(() => keyFile(dir, 'retention-aes256.key')).toThrow(/retention-aes256\.key/);
  });
});
