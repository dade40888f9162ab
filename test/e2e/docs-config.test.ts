import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveConfig } from '../../src/core/config.js';

/**
 * Every configuration the documentation shows is one jugwon accepts: a key renamed, removed or
 * misspelt in a doc (or in the schema) fails here, not in an operator's first start. `${NAME}`
 * variables are set for the check to 64 hex digits (valid for every setting that takes one).
 */
const root = join(import.meta.dirname, '../..');
const files = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const blocks = files.flatMap((file) => {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => ({
    where: `${file}:${text.slice(0, m.index).split('\n').length}`,
    yaml: m[1] as string,
  }));
});

const set: string[] = [];
afterEach(() => {
  for (const name of set.splice(0)) delete process.env[name];
});

describe('configuration shown in the docs', () => {
  it('has blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((b) => [b.where, b.yaml]))('%s is accepted', (_where, yaml) => {
    for (const [, name] of yaml.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) {
      if (name && process.env[name] === undefined) {
        process.env[name] = 'a'.repeat(64);
        set.push(name);
      }
    }
    expect(() => resolveConfig(parse(yaml))).not.toThrow();
  });
});
