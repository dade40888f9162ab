import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { chat } from '../app/chat.js';
import { embeddings } from '../app/embeddings.js';
import { listModels } from '../app/models.js';
import type { Platform } from '../app/platform.js';
import type { RequestContext } from '../app/request.js';
import { scopeOf } from '../app/request.js';
import { JugwonError } from '../core/errors.js';
import type { Served } from '../gateway/context.js';
import type { ChatChunk, ChatCompletion } from '../models/chat-types.js';
import { SSE_DONE, sseEvent } from '../models/sse.js';
import { ctxOf } from './context.js';

/** Response headers that say what served the request. Counts only: never a value. */
export function servedHeaders(s: Served): Record<string, string> {
  const h: Record<string, string> = {
    'x-jugwon-model': s.model,
    'x-jugwon-residency': s.residency,
    'x-jugwon-policy': s.action,
    'x-jugwon-pii-masked': String(s.masked),
    'x-jugwon-pii-found': Object.entries(s.countsByCategory)
      .map(([c, n]) => `${c}=${n}`)
      .join(';'),
  };
  if (s.rerouted) h['x-jugwon-rerouted-from'] = s.requestedModel;
  return h;
}

// The shape the gateway relies on; the validate stage checks the rest (the same on every path).
const chatBody = {
  type: 'object',
  required: ['model', 'messages'],
  properties: {
    model: { type: 'string', minLength: 1 },
    messages: { type: 'array', minItems: 1, items: { type: 'object' } },
    stream: { type: 'boolean' },
  },
} as const;

const embeddingsBody = {
  type: 'object',
  required: ['model', 'input'],
  properties: {
    model: { type: 'string', minLength: 1 },
    input: { anyOf: [{ type: 'string' }, { type: 'array' }] },
  },
} as const;

/** The OpenAI-compatible API: /v1/models, /v1/chat/completions (whole, SSE, RAG mode), /v1/embeddings. */
export const openaiRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    app.get('/v1/models', async (request) =>
      listModels(platform, scopeOf(ctxOf(request).principal, platform.config.policy.preset)),
    );

    app.post('/v1/chat/completions', { schema: { body: chatBody } }, async (request, reply) => {
      const ctx = Object.assign(ctxOf(request), { capability: 'chat' as const, body: request.body });
      await chat(platform, ctx);
      const served = ctx.served as Served;
      const result = ctx.result;
      // The AI Basic Act label (the label stage decided it): a header and a field on the answer.
      const labelled = ctx.aiLabel === 'ai-generated';
      const headers = { ...servedHeaders(served), ...(labelled ? { 'x-jugwon-ai-generated': 'true' } : {}) };
      if (result?.kind === 'stream') {
        await streamChunks(reply, ctx, result.chunks, {
          headers,
          labelled,
          slowClientMs: platform.config.server.slowClientMs,
        });
        return reply;
      }
      const completion = (result as { completion: ChatCompletion }).completion;
      return reply.headers(headers).send({
        ...completion,
        ...(labelled ? { ai_generated: true } : {}),
        ...(ctx.citations ? { citations: ctx.citations } : {}),
      });
    });

    app.post('/v1/embeddings', { schema: { body: embeddingsBody } }, async (request, reply) => {
      const ctx = Object.assign(ctxOf(request), { capability: 'embeddings' as const, body: request.body });
      const response = await embeddings(platform, ctx);
      if ((request.body as { encoding_format?: unknown }).encoding_format === 'base64') {
        // The openai SDKs ask for base64 by default: little-endian float32, as OpenAI sends it.
        for (const d of response.data) {
          if (Array.isArray(d.embedding))
            d.embedding = Buffer.from(new Float32Array(d.embedding).buffer).toString('base64') as never;
        }
      }
      return reply.headers(servedHeaders(ctx.served as Served)).send(response);
    });
  };

/**
 * Writes chunks as server-sent events as they come. Usage goes in its own last chunk when the
 * client asked for it (stream_options.include_usage), and nowhere otherwise. The stream accounts
 * for the request (audit record committed) when it ends, before the closing [DONE]. An error
 * after the first byte becomes an error event, then the stream ends.
 */
async function streamChunks(
  reply: FastifyReply,
  ctx: RequestContext,
  chunks: AsyncIterable<ChatChunk>,
  {
    headers,
    labelled,
    slowClientMs,
  }: { headers: Record<string, string>; labelled: boolean; slowClientMs: number },
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...headers,
  });
  res.flushHeaders();
  // A client that asks for a stream and reads none of it would hold the model's slot for as long
  // as its connection stays open: past server.slowClientMs without taking a byte it is cut off,
  // which ends the request as a client that left (the upstream call cancelled, the slot freed).
  const write = (s: string) =>
    res.write(s)
      ? undefined
      : new Promise<void>((resolve) => {
          const stalled = setTimeout(() => {
            res.destroy();
            resolve();
          }, slowClientMs);
          res.once('drain', () => {
            clearTimeout(stalled);
            resolve();
          });
        });
  let citations = ctx.citations;
  let last: ChatChunk | undefined;
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    while (true) {
      if (ctx.signal.aborted) break;
      const next = await iterator.next();
      if (next.done) break;
      const chunk = next.value;
      last = chunk;
      const { usage: _drop, ...rest } = chunk;
      if (!rest.choices?.length) continue; // a usage-only chunk: re-sent below if asked for
      // The passages of a grounded answer travel with its first chunk.
      await write(
        sseEvent({
          ...rest,
          ...(labelled ? { ai_generated: true } : {}),
          ...(citations ? { citations } : {}),
        }),
      );
      citations = undefined;
    }
    if (ctx.signal.aborted) return;
    if (ctx.wantsUsage && ctx.usage) await write(sseEvent({ ...last, choices: [], usage: ctx.usage }));
    await write(SSE_DONE);
  } catch (e) {
    if (ctx.signal.aborted) return;
    const err = e instanceof JugwonError ? e : new JugwonError('JG_INTERNAL');
    reply.log.warn({ code: err.code }, 'stream ended with an error');
    await write(sseEvent(err.toJSON()));
  } finally {
    // Accounts for the request if the stream did not run to its end (the client went away).
    await iterator.return?.();
    res.end();
  }
}
