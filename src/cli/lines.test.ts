import { describe, expect, it } from 'vitest';
import { type Line, readLines } from './lines.js';

async function collect(chunks: (string | Buffer)[], max = 100): Promise<Line[]> {
  async function* source() {
    for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c) : c;
  }
  const out: Line[] = [];
  for await (const l of readLines(source(), max)) out.push(l);
  return out;
}

describe('readLines', () => {
  it('splits on newlines across chunk boundaries, with or without a final newline', async () => {
    expect(await collect(['ab', 'c\nd', 'e\r\nf'])).toEqual([
      { kind: 'text', number: 1, text: 'abc' },
      { kind: 'text', number: 2, text: 'de' },
      { kind: 'text', number: 3, text: 'f' },
    ]);
    expect(await collect(['x\n'])).toEqual([{ kind: 'text', number: 1, text: 'x' }]);
  });

  it('decodes a multi-byte character split between chunks', async () => {
    const bytes = Buffer.from('가나\n');
    expect(await collect([bytes.subarray(0, 2), bytes.subarray(2)])).toEqual([
      { kind: 'text', number: 1, text: '가나' },
    ]);
  });

  it('reports an over-long line once and goes on with the next', async () => {
    expect(await collect(['a'.repeat(60), 'b'.repeat(60), '\nok\n'], 100)).toEqual([
      { kind: 'too-long', number: 1 },
      { kind: 'text', number: 2, text: 'ok' },
    ]);
  });

  it('reports binary and invalid UTF-8 lines as not text', async () => {
    expect(await collect([Buffer.from([0x61, 0x00, 0x62, 0x0a, 0xff, 0xfe, 0x0a])])).toEqual([
      { kind: 'not-text', number: 1 },
      { kind: 'not-text', number: 2 },
    ]);
  });
});
