import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnchorLine, AuditAnchor } from './anchor.js';

const line = (seq: number, pad = ''): AnchorLine => ({
  seq,
  hash: `h${seq}`,
  signature: `s${seq}${pad}`,
  time: '2026-12-02T00:00:00.000Z',
});

describe('AuditAnchor.last', () => {
  it('reads the last checkpoint from the end of a file of many blocks, as read() does', () => {
    const anchor = new AuditAnchor(join(mkdtempSync(join(tmpdir(), 'jugwon-anchor-')), 'a.jsonl'));
    expect(anchor.last()).toBeUndefined();
    for (let i = 1; i <= 5_000; i++) anchor.append(line(i, i % 7 === 0 ? '서명' : ''));
    expect(anchor.last()).toEqual(line(5_000));
    expect(anchor.read().at(-1)).toEqual(anchor.last());
  });

  it('skips a last line cut off by a crash, and finds a line longer than a block', () => {
    const anchor = new AuditAnchor(join(mkdtempSync(join(tmpdir(), 'jugwon-anchor-')), 'a.jsonl'));
    anchor.append(line(1));
    anchor.append(line(2, '가'.repeat(100_000))); // ~300 KB: spans several blocks
    expect(anchor.last()).toEqual(line(2, '가'.repeat(100_000)));
    appendFileSync(anchor.path, '{"seq":3,"hash":"h3","sig');
    expect(anchor.last()).toEqual(line(2, '가'.repeat(100_000)));
  });

  it('after a line cut by a crash, the next checkpoint (of a restarted server) is on a line of its own', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jugwon-anchor-')), 'a.jsonl');
    new AuditAnchor(path).append(line(1));
    appendFileSync(path, '{"seq":2,"hash":"h2","sig');
    const restarted = new AuditAnchor(path);
    restarted.append(line(3));
    restarted.append(line(4));
    expect(restarted.read()).toEqual([line(1), line(3), line(4)]);
    expect(restarted.last()).toEqual(line(4));
  });
});
