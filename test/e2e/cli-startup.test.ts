import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';

const HOOKS = join(import.meta.dirname, '../support/module-log.mjs');

/** The ES modules a command resolves while it runs (URLs, and `node:` names for built-ins). */
function modulesLoaded(args: string[], input = ''): string[] {
  const log = join(mkdtempSync(join(tmpdir(), 'jugwon-modules-')), 'modules.txt');
  const r = spawnSync(process.execPath, ['--import', HOOKS, BIN, ...args], {
    input,
    env: { ...process.env, JG_MODULE_LOG: log },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

/** The packages a command loads. */
function packagesLoaded(args: string[], input = ''): string[] {
  const urls = modulesLoaded(args, input);
  return [
    ...new Set(
      urls.flatMap((u) => {
        const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u);
        return m ? [m[1] as string] : [];
      }),
    ),
  ].sort();
}

// Start-up time is measured in docs/benchmarks.md; this checks its cause: what a command loads.
describe('the CLI loads only what a command needs', () => {
  const heavy = [
    'fastify',
    'kysely',
    'better-sqlite3',
    '@lancedb/lancedb',
    'node-llama-cpp',
    'prom-client',
    'undici',
  ];

  it('jugwon --version loads nothing but the argument parser', () => {
    expect(packagesLoaded(['--version'])).toEqual(['commander']);
  });

  it('jugwon pii scan loads the configuration reader, not the server, store, models or knowledge base', () => {
    const loaded = packagesLoaded(['pii', 'scan', '--jsonl'], '{"id":1,"text":"010-1234-5678"}\n');
    expect(loaded.filter((p) => heavy.includes(p))).toEqual([]);
    expect(loaded).toContain('yaml');
  });

  it('jugwon pii scan loads the detector, not masking, its vault or node:crypto', () => {
    const loaded = modulesLoaded(['pii', 'scan', '--jsonl'], '{"id":1,"text":"010-1234-5678"}\n');
    expect(loaded.some((u) => u.endsWith('/privacy/engine.js'))).toBe(true);
    const masking = ['/privacy/mask.js', '/privacy/vault.js', '/privacy/index.js'];
    expect(loaded.filter((u) => masking.some((m) => u.endsWith(m)))).toEqual([]);
    expect(loaded).not.toContain('node:crypto');
  });
});
