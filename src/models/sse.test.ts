import { describe, expect, it } from 'vitest';
import { expectLinear } from '../../test/support/growth.js';
import { MAX_EVENT_CHARS, sseData } from './sse.js';

async function* chunks(parts: Iterable<string>) {
  for (const p of parts) yield new TextEncoder().encode(p);
}

const all = async (body: AsyncIterable<Uint8Array>) => {
  const out: string[] = [];
  for await (const d of sseData(body)) out.push(d);
  return out;
};

describe('sseData', () => {
  it('reads events split anywhere, CRLF, comments and multi-line data', async () => {
    const text = ': hi\r\ndata: {"a":1}\r\n\r\ndata: x\ndata: y\n\ndata:[DONE]\n\n';
    for (let size = 1; size <= text.length; size++) {
      const parts: string[] = [];
      for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
      expect(await all(chunks(parts))).toEqual(['{"a":1}', 'x\ny', '[DONE]']);
    }
  });

  it('reads a long line arriving in many small chunks in linear time', async () => {
    const time = async (n: number) => {
      const parts = ['data: ', ...Array.from({ length: n }, () => 'x'.repeat(16)), '\n\n'];
      const t0 = performance.now();
      const [event] = await all(chunks(parts));
      expect(event).toHaveLength(16 * n);
      return performance.now() - t0;
    };
    // Searching the whole line again for each chunk: 64 times as long for eight times the chunks.
    await expectLinear(time, 8_000, 64_000, 24);
  }, 60_000);

  it('fails a stream whose event never ends, instead of holding it all', async () => {
    const endless = (function* () {
      yield 'data: ';
      for (;;) yield 'x'.repeat(1 << 20);
    })();
    await expect(all(chunks(endless))).rejects.toThrow(`longer than ${MAX_EVENT_CHARS}`);
  });
});
