import type { FastifyInstance, FastifyReply } from 'fastify';
import { JugwonError } from '../../core/errors.js';
import type { ChatChunk } from '../../models/chat-types.js';
import { SSE_DONE, sseEvent } from '../../models/sse.js';
import type { Gateway, Served } from '../gateway.js';
import { chatRequest, embeddingsRequest } from './validate.js';

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

/** Aborts when the client goes away before the response is complete, cancelling the upstream call. */
function abortOnDisconnect(reply: FastifyReply): AbortController {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return controller;
}

export function registerRoutes(app: FastifyInstance, gateway: Gateway): void {
  app.get('/healthz', async () => gateway.health());

  app.get('/v1/models', async () => gateway.listModels());

  app.post('/v1/chat/completions', async (request, reply) => {
    const body = chatRequest(request.body);
    const controller = abortOnDisconnect(reply);
    if (!body.stream) {
      const { completion, served } = await gateway.chat(body, controller.signal);
      return reply.headers(servedHeaders(served)).send(completion);
    }
    const { chunks, served } = await gateway.chatStream(body, controller.signal);
    await streamChunks(
      reply,
      chunks,
      servedHeaders(served),
      body.stream_options?.include_usage === true,
      controller,
    );
    return reply;
  });

  app.post('/v1/embeddings', async (request, reply) => {
    const body = embeddingsRequest(request.body);
    const controller = abortOnDisconnect(reply);
    const { response, served } = await gateway.embed(body, controller.signal);
    if (body.encoding_format === 'base64') {
      // The openai SDKs ask for base64 by default: little-endian float32, as OpenAI sends it.
      for (const d of response.data) {
        if (Array.isArray(d.embedding))
          d.embedding = Buffer.from(new Float32Array(d.embedding).buffer).toString('base64') as never;
      }
    }
    return reply.headers(servedHeaders(served)).send(response);
  });
}

/**
 * Writes chunks as server-sent events as they come. Usage goes in its own last chunk when the
 * client asked for it (stream_options.include_usage), and nowhere otherwise, whatever the upstream
 * does. An error after the first byte becomes an error event, then the stream ends.
 */
async function streamChunks(
  reply: FastifyReply,
  chunks: AsyncIterable<ChatChunk>,
  headers: Record<string, string>,
  includeUsage: boolean,
  controller: AbortController,
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
  const write = (s: string) =>
    res.write(s) ? undefined : new Promise<void>((r) => res.once('drain', () => r()));
  let usage: ChatChunk['usage'];
  let last: ChatChunk | undefined;
  try {
    for await (const chunk of chunks) {
      if (controller.signal.aborted) return;
      last = chunk;
      if (chunk.usage) usage = chunk.usage;
      const { usage: _drop, ...rest } = chunk;
      if (rest.choices.length === 0) continue; // a usage-only chunk: re-sent below if asked for
      await write(sseEvent(rest));
    }
    if (includeUsage && usage) await write(sseEvent({ ...last, choices: [], usage }));
    await write(SSE_DONE);
  } catch (e) {
    if (controller.signal.aborted) return;
    const err =
      e instanceof JugwonError
        ? e
        : new JugwonError('JG_UPSTREAM_ERROR', {
            model: headers['x-jugwon-model'] ?? '',
            status: 'stream failed',
          });
    reply.log.warn({ code: err.code }, 'stream ended with an error');
    await write(sseEvent(err.toJSON()));
  } finally {
    res.end();
  }
}
