import { describe, expect, it } from 'vitest';
import { Edits } from './rewrite.js';

describe('Edits', () => {
  it('replaces spans and maps each character of the result back to where it was read from', () => {
    const edits = new Edits();
    edits.add(0, 3, '1');
    edits.add(3, 4, ' ');
    edits.add(4, 7, '');
    const read = edits.apply('one,two!');
    expect(read?.text).toBe('1 !');
    expect([...(read?.offsets ?? [])]).toEqual([0, 3, 7, 8]);
  });

  it('gives nothing when there is nothing to replace', () => {
    expect(new Edits().apply('text')).toBeUndefined();
  });

  it('keeps lone surrogates and characters past a chunk of 8,192 as they are', () => {
    // Text is rebuilt from its code units: a decoder would turn a lone surrogate into U+FFFD.
    const text = `${'가'.repeat(9_000)}\uD800x\uDC00${'😀'.repeat(5_000)}`;
    const edits = new Edits();
    edits.add(9_001, 9_002, 'yy');
    const read = edits.apply(text);
    expect(read?.text).toBe(`${'가'.repeat(9_000)}\uD800yy\uDC00${'😀'.repeat(5_000)}`);
    expect(read?.offsets.length).toBe((read?.text.length ?? 0) + 1);
    expect(read?.offsets[9_002]).toBe(9_001);
    expect(read?.offsets[9_003]).toBe(9_002);
    expect(read?.offsets.at(-1)).toBe(text.length);
  });
});
