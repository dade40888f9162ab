import { JugwonError } from '../../core/errors.js';
import type { ChatChunk, ChatRequest, EmbeddingsRequest } from '../../models/chat-types.js';
import type { CallOptions } from '../../models/provider.js';
import type { ModelProvider } from '../../models/registry.js';
import type { Attempt, GatewayDeps, ModelCallContext, ModelResult, Stage } from '../context.js';

const FAILOVER_CODES = new Set(['JG_UPSTREAM_ERROR', 'JG_UPSTREAM_TIMEOUT', 'JG_MODEL_UNAVAILABLE']);

/**
 * Starts a stream and waits for its first chunk, so failover and errors before any output still
 * become a proper error; later errors end the stream.
 */
async function startStream(p: ModelProvider, body: ChatRequest, options: CallOptions): Promise<ModelResult> {
  const upstream = p.chatStream(body, options)[Symbol.asyncIterator]();
  const first = await upstream.next();
  async function* all(): AsyncGenerator<ChatChunk> {
    try {
      if (!first.done) yield first.value;
      while (true) {
        const next = await upstream.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // A consumer that stops early (its client gone while an answer was being written) ends the
      // upstream call too: its connection, and its slot of the model's pool, which it held for good.
      await upstream.return?.();
    }
  }
  return { kind: 'stream', chunks: all() };
}

async function callOne(ctx: ModelCallContext, a: Attempt): Promise<ModelResult> {
  const p = a.route.provider;
  const options: CallOptions = { signal: ctx.signal, ...(ctx.ticket ? { ticket: ctx.ticket } : {}) };
  if (ctx.capability === 'embeddings')
    return { kind: 'embeddings', response: await p.embed(a.body as EmbeddingsRequest, options) };
  if (ctx.stream) return startStream(p, a.body as ChatRequest, options);
  return { kind: 'completion', completion: await p.chat(a.body as ChatRequest, options) };
}

/** Calls each prepared route in turn until one answers; fails over only on upstream failures. */
export const callStage: Stage<ModelCallContext, GatewayDeps> = {
  name: 'call',
  async run(ctx) {
    let lastError: unknown;
    for (const attempt of ctx.attempts ?? []) {
      ctx.attempt = attempt;
      try {
        const result = await callOne(ctx, attempt);
        ctx.result = result;
        // Whole answers report usage now; a stream reports it in its last chunk (see the runner).
        if (result.kind === 'completion') ctx.usage = result.completion.usage;
        else if (result.kind === 'embeddings') {
          const u = result.response.usage;
          ctx.usage = {
            prompt_tokens: u?.prompt_tokens ?? 0,
            completion_tokens: 0,
            total_tokens: u?.total_tokens ?? 0,
          };
        }
        return;
      } catch (e) {
        lastError = e;
        if (!(e instanceof JugwonError && FAILOVER_CODES.has(e.code))) throw e;
      }
    }
    throw lastError ?? new JugwonError('JG_INTERNAL');
  },
};
