import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A disk filling up as a file is written: a write takes only part of what it is given, the next
// one fails with ENOSPC (as Linux does at the boundary).
let room = Number.POSITIVE_INFINITY;
let perWrite = Number.POSITIVE_INFINITY;
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    writeSync: (fd: number, data: Buffer | string, at?: number, size?: number) => {
      // A string is written from its start, as fs.writeSync(fd, string) does.
      const buffer = typeof data === 'string' ? Buffer.from(data) : data;
      const offset = typeof data === 'string' ? 0 : (at ?? 0);
      const length = typeof data === 'string' ? buffer.length : (size ?? buffer.length - offset);
      if (room <= 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      const n = Math.min(length, room, perWrite);
      room -= n;
      return real.writeSync(fd, buffer, offset, n);
    },
  };
});

const { writeFileAtomic } = await import('./files.js');

afterEach(() => {
  room = Number.POSITIVE_INFINITY;
  perWrite = Number.POSITIVE_INFINITY;
});

describe('writeFileAtomic on a full disk', () => {
  it('keeps the file in place whole and leaves no temporary file', () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'jugwon-full-'));
    const path = join(dir, 'collections.json');
    writeFileAtomic(path, '{"rules": {"tenant": "bank"}}\n');
    room = 10;
    expect(() =>
      writeFileAtomic(path, `{"rules": {"tenant": "bank"}, "more": {"tenant": "bank"}}\n`),
    ).toThrow(/ENOSPC|no space/);
    expect(fs.readFileSync(path, 'utf8')).toBe('{"rules": {"tenant": "bank"}}\n');
    expect(fs.readdirSync(dir)).toEqual(['collections.json']);
  });

  it('writes a file whole across writes that each take part of it', () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'jugwon-full-'));
    const path = join(dir, 'a.json');
    perWrite = 1000;
    writeFileAtomic(path, '가'.repeat(10_000));
    expect(fs.readFileSync(path, 'utf8')).toBe('가'.repeat(10_000));
  });
});
