import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';

const HOOKS = join(import.meta.dirname, '../support/module-log.mjs');

/** The packages a command loads (ES modules resolved while it runs). */
function packagesLoaded(args: string[], input = ''): string[] {
  const log = join(mkdtempSync(join(tmpdir(), 'jugwon-modules-')), 'modules.txt');
  const r = spawnSync(process.execPath, ['--import', HOOKS, BIN, ...args], {
    input,
    env: { ...process.env, JG_MODULE_LOG: log },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
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
});
