import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileOnce, writeFileAtomic } from './files.js';

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

describe('createFileOnce', () => {
  it('creates the file whole, private to its owner, and never replaces one that exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-files-'));
    const path = join(dir, 'a.key');
    expect(createFileOnce(path, 'first')).toBe(true);
    expect(createFileOnce(path, 'second')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('first');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['a.key']); // no temporary file left
  });
});
