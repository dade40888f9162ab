import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadLog } from './upload-status.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'jugwon-uploads-'));

describe('upload log', () => {
  it('shows files in progress and failures, and forgets indexed files', () => {
    const dir = fresh();
    const log = new UploadLog(dir);
    log.start('내규', 'a.hwpx');
    log.start('내규', 'b.pdf');
    log.fail('내규', 'b.pdf', { code: 'JG_PARSE_FAILED', message: 'Cannot read b.pdf: encrypted' });
    expect(log.list('내규').map((e) => [e.file, e.state, e.error?.code])).toEqual([
      ['a.hwpx', 'processing', undefined],
      ['b.pdf', 'failed', 'JG_PARSE_FAILED'],
    ]);
    log.forget('내규', 'a.hwpx');
    expect(log.list('내규').map((e) => e.file)).toEqual(['b.pdf']);
    expect(log.list('other')).toEqual([]);
    // Kept on disk: a new server sees the failure.
    expect(new UploadLog(dir).list('내규').map((e) => e.file)).toEqual(['b.pdf']);
  });

  it('turns an upload cut short by a restart into a failure that says so', () => {
    const dir = fresh();
    new UploadLog(dir).start('내규', 'big.pdf');
    const [entry] = new UploadLog(dir).list('내규');
    expect(entry).toMatchObject({
      file: 'big.pdf',
      state: 'failed',
      error: { code: 'JG_INGEST_INTERRUPTED' },
    });
    expect(readFileSync(join(dir, 'knowledge', 'uploads.json'), 'utf8')).toContain('JG_INGEST_INTERRUPTED');
  });

  it('starts empty from a damaged log, and keeps the latest 500 entries of a collection', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'knowledge'));
    writeFileSync(join(dir, 'knowledge', 'uploads.json'), '{"내규": {"a"');
    const log = new UploadLog(dir);
    expect(log.list('내규')).toEqual([]);
    for (let i = 0; i < 503; i++) log.fail('내규', `f${i}.pdf`, { code: 'JG_PARSE_FAILED', message: 'x' });
    log.fail('내규', 'f0.pdf', { code: 'JG_PARSE_FAILED', message: 'again' }); // moves to the end
    const files = log.list('내규').map((e) => e.file);
    expect(files).toHaveLength(500);
    expect(files[0]).toBe('f4.pdf'); // f0-f2 went first, then f3 to make room for f0 again
    expect(files.at(-1)).toBe('f0.pdf');
  });

  it('keeps at most so many entries over all collections (5,000 by default), dropping the oldest', () => {
    const log = new UploadLog(fresh(), 100);
    // Twelve collections of ten failures each: 120 entries asked for, 100 kept.
    for (let c = 0; c < 12; c++)
      for (let i = 0; i < 10; i++) log.fail(`c${c}`, `f${i}.pdf`, { code: 'JG_PARSE_FAILED', message: 'x' });
    const counts = Array.from({ length: 12 }, (_, c) => log.list(`c${c}`).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100);
    // The newest are kept: the last collections whole, the first ones gone.
    expect(counts.slice(-10)).toEqual(Array(10).fill(10));
    expect(counts.slice(0, 2)).toEqual([0, 0]);
  });
});
