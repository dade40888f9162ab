import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdServeLock } from './serve-lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'jugwon-serve-lock-'));

describe('one server per embedded store', () => {
  it('refuses a second holder until the first lets go', () => {
    const d = dir();
    const release = holdServeLock(d);
    expect(() => holdServeLock(d)).toThrow(expect.objectContaining({ code: 'JG_STORE_IN_USE', status: 503 }));
    release();
    release(); // twice is harmless
    holdServeLock(d)();
  });

  it('is free again once a process holding it is killed (kill -9 leaves nothing behind)', async () => {
    const d = dir();
    // A process of its own holding the lock, as a server would (the built module: `npm test` builds first).
    const module = new URL('../../dist/store/serve-lock.js', import.meta.url).href;
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { holdServeLock } = await import(${JSON.stringify(module)}); holdServeLock(${JSON.stringify(d)}); console.log('held'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes('held') && resolve());
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    expect(() => holdServeLock(d)).toThrow(expect.objectContaining({ code: 'JG_STORE_IN_USE' }));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    holdServeLock(d)();
  }, 30_000);
});
