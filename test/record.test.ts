import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordRow } from '../bench/record.js';

describe('recordRow (benchmark results)', () => {
  it('adds a row at the end of its own table, not at the end of the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jugwon-rec-')), 'b.md');
    writeFileSync(
      file,
      '# A\n\n| date | a |\n| --- | --- |\n| 1 | x |\n\nnotes\n\n# B\n\n| date | b |\n| --- | --- |\n',
    );
    recordRow(file, '| date | a |', '| 2 | y |');
    recordRow(file, '| date | b |', '| 3 | z |');
    expect(readFileSync(file, 'utf8')).toBe(
      '# A\n\n| date | a |\n| --- | --- |\n| 1 | x |\n| 2 | y |\n\nnotes\n\n# B\n\n| date | b |\n| --- | --- |\n| 3 | z |\n',
    );
    expect(() => recordRow(file, '| nope |', '| x |')).toThrow(/no table/);
  });
});
