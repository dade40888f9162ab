import type { ChatRequest, EmbeddingsRequest } from '../models/chat-types.js';
import { MESSAGE_OVERHEAD, tokenBound } from './quota.js';

/** A grounded prompt gains up to k passages: chunks of at most ~800 characters with their labels. */
const GROUNDING_BYTES_PER_PASSAGE = 4000;

/**
 * The longest completion a chat request allows, whichever limit an upstream honours: the largest
 * of `max_completion_tokens`, `max_tokens` and llama.cpp's `n_predict` (undefined: none given).
 */
export function completionCap(r: ChatRequest): number | undefined {
  const caps = [r.max_completion_tokens, r.max_tokens, (r as { n_predict?: unknown }).n_predict].filter(
    (v): v is number => typeof v === 'number',
  );
  return caps.length > 0 ? Math.max(...caps) : undefined;
}

/**
 * How many completions the model generates for a chat request: `n` answers, or `best_of`
 * sequences it chooses them from — each up to the completion cap, so each is reserved.
 */
export function sequencesOf(r: ChatRequest): number {
  const best = (r as { best_of?: unknown }).best_of;
  return Math.max(r.n ?? 1, typeof best === 'number' ? best : 1, 1);
}

/**
 * What the model reads, bounded in tokens: the messages (every part, tool call and name), the tool
 * definitions, and the template's own tokens per message; or an embedding request's inputs.
 */
export function promptBound(ctx: {
  capability?: 'chat' | 'embeddings' | undefined;
  request?: ChatRequest | EmbeddingsRequest | undefined;
  grounding?: { k: number } | undefined;
}): number {
  if (ctx.capability === 'chat') {
    const r = ctx.request as ChatRequest;
    const read = {
      messages: r.messages,
      tools: r.tools,
      functions: r.functions,
      response_format: r.response_format,
    };
    return (
      tokenBound(JSON.stringify(read)) +
      MESSAGE_OVERHEAD * (r.messages.length + 2) +
      (ctx.grounding?.k ?? 0) * GROUNDING_BYTES_PER_PASSAGE
    );
  }
  const { input } = ctx.request as EmbeddingsRequest;
  return (typeof input === 'string' ? [input] : input).reduce(
    (n, s) => n + tokenBound(s) + MESSAGE_OVERHEAD,
    0,
  );
}
