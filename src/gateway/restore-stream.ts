import type { ChatChunk, ChatCompletion } from '../models/chat-types.js';
import { restore } from '../privacy/mask.js';
import { createStreamRestorer, type StreamRestorer } from '../privacy/stream-restore.js';
import type { PseudonymVault } from '../privacy/vault.js';

/** Restores a whole completion in place: message text and tool-call arguments of every choice. */
export function restoreCompletion(c: ChatCompletion, vault: PseudonymVault): ChatCompletion {
  // An upstream's answer is read as it is: a choice without a message, or arguments that are not
  // text, are passed on untouched rather than failing the request.
  for (const choice of c.choices ?? []) {
    const m = choice.message;
    if (!m) continue;
    if (typeof m.content === 'string') m.content = restore(m.content, vault);
    for (const call of Array.isArray(m.tool_calls) ? m.tool_calls : [])
      if (typeof call?.function?.arguments === 'string')
        call.function.arguments = restore(call.function.arguments, vault);
  }
  return c;
}

/**
 * Restores a stream of chunks as it flows: one restorer per choice's text and per tool call's
 * arguments. Text that might be the start of a stand-in waits for the next chunk; whatever is
 * held back goes out with the choice's finishing chunk (or a closing chunk if none comes).
 */
export async function* restoreChunks(
  chunks: AsyncIterable<ChatChunk>,
  vault: PseudonymVault,
): AsyncGenerator<ChatChunk> {
  const text = new Map<number, StreamRestorer>();
  const args = new Map<string, StreamRestorer>();
  const restorerFor = <K>(map: Map<K, StreamRestorer>, key: K) => {
    let r = map.get(key);
    if (!r) {
      r = createStreamRestorer(vault);
      map.set(key, r);
    }
    return r;
  };
  let last: ChatChunk | undefined;
  const finished = new Set<number>();

  const flushChoice = (index: number, delta: ChatChunk['choices'][number]['delta']) => {
    const t = text.get(index)?.flush() ?? '';
    if (t) delta.content = (delta.content ?? '') + t;
    for (const [key, r] of args) {
      const [choice, call] = key.split(':').map(Number);
      if (choice !== index) continue;
      const rest = r.flush();
      if (!rest) continue;
      delta.tool_calls ??= [];
      const existing = delta.tool_calls.find((c) => c.index === call);
      if (existing)
        existing.function = { ...existing.function, arguments: (existing.function?.arguments ?? '') + rest };
      else delta.tool_calls.push({ index: call as number, function: { arguments: rest } });
    }
  };

  for await (const chunk of chunks) {
    last = chunk;
    for (const choice of chunk.choices ?? []) {
      const d = choice.delta ?? {};
      choice.delta = d;
      if (typeof d.content === 'string') d.content = restorerFor(text, choice.index).push(d.content);
      for (const call of d.tool_calls ?? []) {
        if (typeof call.function?.arguments === 'string') {
          call.function.arguments = restorerFor(args, `${choice.index}:${call.index}`).push(
            call.function.arguments,
          );
        }
      }
      if (choice.finish_reason) {
        flushChoice(choice.index, d);
        finished.add(choice.index);
      }
    }
    yield chunk;
  }
  // An upstream that ended without finishing a choice: release what is held back.
  const open = new Set([...text.keys(), ...[...args.keys()].map((k) => Number(k.split(':')[0]))]);
  for (const index of open) {
    if (finished.has(index)) continue;
    const delta: ChatChunk['choices'][number]['delta'] = {};
    flushChoice(index, delta);
    if (delta.content || delta.tool_calls) {
      yield {
        id: last?.id ?? 'chatcmpl-restored',
        object: 'chat.completion.chunk',
        created: last?.created ?? Math.floor(Date.now() / 1000),
        model: last?.model ?? '',
        choices: [{ index, delta, finish_reason: null }],
      };
    }
  }
}
