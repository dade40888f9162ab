import { describe, expect, it } from 'vitest';
import type { ChatChunk } from '../models/chat-types.js';
import { mask } from '../privacy/mask.js';
import { restoreChunks, restoreCompletion } from './restore-stream.js';

type Delta = ChatChunk['choices'][number]['delta'];
const chunk = (choices: { index?: number; delta: Delta; finish_reason?: string | null }[]): ChatChunk => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: choices.map((c) => ({
    index: c.index ?? 0,
    delta: c.delta,
    finish_reason: c.finish_reason ?? null,
  })),
});
async function* from(chunks: ChatChunk[]) {
  yield* chunks;
}
async function collect(chunks: ChatChunk[], vault: ReturnType<typeof mask>['vault']) {
  const out: ChatChunk[] = [];
  for await (const c of restoreChunks(from(chunks), vault)) out.push(structuredClone(c));
  return out;
}
/** What a client assembles from the stream: each choice's text and each tool call's arguments. */
function assembled(out: ChatChunk[]) {
  const text = new Map<number, string>();
  const args = new Map<string, string>();
  for (const c of out)
    for (const ch of c.choices) {
      if (typeof ch.delta.content === 'string')
        text.set(ch.index, (text.get(ch.index) ?? '') + ch.delta.content);
      for (const t of ch.delta.tool_calls ?? [])
        args.set(
          `${ch.index}:${t.index}`,
          (args.get(`${ch.index}:${t.index}`) ?? '') + (t.function?.arguments ?? ''),
        );
    }
  return { text, args };
}

describe('restoring a stream of chunks', () => {
  const { vault } = mask('김민준 고객님 전화 010-1234-5678, 이메일 minjun.kim@example.co.kr');
  const [phone] = [...vault.entries()].filter(([, v]) => v.startsWith('010')).map(([s]) => s);

  it('restores a stand-in split across tool-call argument deltas, per call', async () => {
    const stand = phone as string;
    const out = await collect(
      [
        chunk([
          {
            delta: {
              tool_calls: [
                { index: 0, id: 'c0', type: 'function', function: { name: 'call', arguments: '{"to":"' } },
              ],
            },
          },
        ]),
        chunk([{ delta: { tool_calls: [{ index: 0, function: { arguments: stand.slice(0, 3) } }] } }]),
        chunk([
          {
            delta: {
              tool_calls: [
                {
                  index: 1,
                  id: 'c1',
                  type: 'function',
                  function: { name: 'sms', arguments: stand.slice(0, 2) },
                },
              ],
            },
          },
        ]),
        chunk([{ delta: { tool_calls: [{ index: 0, function: { arguments: `${stand.slice(3)}"}` } }] } }]),
        chunk([{ delta: { tool_calls: [{ index: 1, function: { arguments: stand.slice(2) } }] } }]),
        chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
      ],
      vault,
    );
    const { args } = assembled(out);
    expect(args.get('0:0')).toBe('{"to":"010-1234-5678"}');
    expect(args.get('0:1')).toBe('010-1234-5678');
    // No delta carries any piece of a stand-in.
    expect(JSON.stringify(out)).not.toContain(stand.slice(0, 3));
  });

  it('releases what it held back with the finishing chunk, even one that carries no tool calls', async () => {
    const stand = phone as string;
    const out = await collect(
      [
        chunk([
          {
            delta: {
              tool_calls: [
                {
                  index: 0,
                  id: 'c0',
                  type: 'function',
                  function: { name: 'call', arguments: `{"q":"${stand.slice(0, 2)}` },
                },
              ],
            },
          },
        ]),
        chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
      ],
      vault,
    );
    // The start of a stand-in that never completed is the model's own text: it goes out as it was.
    expect(assembled(out).args.get('0:0')).toBe(`{"q":"${stand.slice(0, 2)}`);
    expect(out.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(out.at(-1)?.choices[0]?.delta.tool_calls).toEqual([
      { index: 0, function: { arguments: stand.slice(0, 2) } },
    ]);
  });

  it('keeps two choices apart, and closes a choice the upstream never finished', async () => {
    const stand = phone as string;
    const out = await collect(
      [
        chunk([
          { index: 0, delta: { content: `하나: ${stand.slice(0, 3)}` } },
          { index: 1, delta: { content: `둘: ${stand.slice(0, 4)}` } },
        ]),
        chunk([{ index: 0, delta: { content: `${stand.slice(3)} 끝` }, finish_reason: 'stop' }]),
        // The upstream ends here: choice 1 never finishes, its held-back text is still released.
      ],
      vault,
    );
    const { text } = assembled(out);
    expect(text.get(0)).toBe('하나: 010-1234-5678 끝');
    expect(text.get(1)).toBe(`둘: ${stand.slice(0, 4)}`);
    expect(out.at(-1)).toMatchObject({ id: 'chatcmpl-1', choices: [{ index: 1, finish_reason: null }] });
  });

  it('restores a whole answer, and passes on what an upstream malformed instead of failing on it', () => {
    const stand = phone as string;
    const done = restoreCompletion(
      {
        id: 'x',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [
          { index: 0, message: { role: 'assistant', content: `번호 ${stand}` }, finish_reason: 'stop' },
          {
            index: 1,
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [
                { id: 'a', type: 'function', function: { name: 'f', arguments: { to: stand } as never } },
                { id: 'b', type: 'function', function: { name: 'f', arguments: `{"to":"${stand}"}` } },
              ],
            },
            finish_reason: 'tool_calls',
          },
          { index: 2, finish_reason: 'stop' } as never,
        ],
      },
      vault,
    );
    expect(done.choices[0]?.message.content).toBe('번호 010-1234-5678');
    expect(done.choices[1]?.message.tool_calls?.[1]?.function.arguments).toBe('{"to":"010-1234-5678"}');
    expect(done.choices[1]?.message.tool_calls?.[0]?.function.arguments).toEqual({ to: stand });
  });
});
