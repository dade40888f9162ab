import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './files.js';

describe('writeFileAtomic', () => {
  it('creates missing directories, replaces the file whole, and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-files-'));
    const path = join(dir, 'a', 'b', 'settings.json');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['settings.json']);
  });
});
