import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible upstream for tests and benchmarks. It records every byte it receives,
 * answers deterministically (it echoes the last user message), streams in small SSE chunks, can
 * call a tool, and can be told to fail in the ways real upstreams fail.
 */
export interface MockUpstreamOptions {
  /** Answer this many requests with HTTP 503 first. */
  failFirst?: number;
  /** Destroy the connection without answering. */
  dropConnections?: boolean;
  /** In streams, send an error event after this many chunks. */
  errorAfterChunks?: number;
  /** Delay before answering, ms. */
  latencyMs?: number;
  /** Characters per streamed chunk. */
  chunkSize?: number;
  /** Pause between streamed chunks, ms (a slow model). */
  chunkDelayMs?: number;
  /** Reply text instead of the echo. */
  reply?: (lastUser: string) => string;
  /** The usage it reports, instead of 10 prompt and 5 completion tokens (a lying upstream). */
  usage?: Record<string, unknown>;
  /** Rewrites the embeddings it answers (a faulty upstream: too few, shuffled, not numbers). */
  embeddings?: (data: { object: string; index: number; embedding: unknown }[]) => unknown[];
}

export interface MockUpstream {
  url: string;
  /** Raw request bodies received, in order. */
  received: string[];
  /** Requests whose client went away before the answer was complete. */
  aborted: () => number;
  /** Health checks (GET /models) answered. */
  healthChecks: () => number;
  options: MockUpstreamOptions;
  close(): Promise<void>;
}

function lastUserText(body: { messages?: { role: string; content: unknown }[] }): string {
  const m = [...(body.messages ?? [])].reverse().find((x) => x.role === 'user');
  if (!m) return '';
  if (typeof m.content === 'string') return m.content;
  if (Array.isArray(m.content)) return m.content.map((p: { text?: string }) => p.text ?? '').join('');
  return '';
}

export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const received: string[] = [];
  let failures = 0;
  let aborted = 0;
  let healthChecks = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.on('close', () => {
      if (!res.writableFinished) aborted++;
    });
    if (req.method === 'GET' && req.url?.endsWith('/models')) {
      // Health checks: answered, and not counted as received requests.
      healthChecks++;
      res.writeHead(options.dropConnections ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'mock', object: 'model' }] }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    received.push(raw);
    if (options.dropConnections) {
      req.socket.destroy();
      return;
    }
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (failures < (options.failFirst ?? 0)) {
      failures++;
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }));
      return;
    }
    const body = raw ? JSON.parse(raw) : {};
    if (req.url?.endsWith('/embeddings')) {
      const inputs: string[] = typeof body.input === 'string' ? [body.input] : body.input;
      const data = inputs.map((t, index) => ({
        object: 'embedding',
        index,
        embedding: [t.length, [...t].reduce((a, c) => a + (c.codePointAt(0) ?? 0), 0) % 997, 1],
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: options.embeddings ? options.embeddings(data) : data,
          model: body.model,
          usage: { prompt_tokens: 3, total_tokens: 3 },
        }),
      );
      return;
    }
    const text = options.reply ? options.reply(lastUserText(body)) : `echo: ${lastUserText(body)}`;
    const toolCall =
      Array.isArray(body.tools) && body.tools.length > 0
        ? {
            id: 'call_1',
            type: 'function',
            function: {
              name: body.tools[0].function.name,
              arguments: JSON.stringify({ text: lastUserText(body) }),
            },
          }
        : undefined;
    const base = { id: 'chatcmpl-mock', created: 1700000000, model: body.model };
    const usage = options.usage ?? { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ...base,
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: toolCall
                ? { role: 'assistant', content: null, tool_calls: [toolCall] }
                : { role: 'assistant', content: text },
              finish_reason: toolCall ? 'tool_calls' : 'stop',
            },
          ],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    const chunk = (delta: unknown, finish: string | null = null) => ({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    const size = options.chunkSize ?? 3;
    let sent = 0;
    send(chunk({ role: 'assistant', content: '' }));
    const pieces: unknown[] = [];
    if (toolCall) {
      const args = toolCall.function.arguments;
      pieces.push({
        tool_calls: [
          {
            index: 0,
            id: toolCall.id,
            type: 'function',
            function: { name: toolCall.function.name, arguments: '' },
          },
        ],
      });
      for (let i = 0; i < args.length; i += size)
        pieces.push({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + size) } }] });
    } else {
      for (let i = 0; i < text.length; i += size) pieces.push({ content: text.slice(i, i + size) });
    }
    for (const p of pieces) {
      if (options.errorAfterChunks !== undefined && sent >= options.errorAfterChunks) {
        send({ error: { message: 'upstream broke', type: 'server_error' } });
        res.end();
        return;
      }
      if (res.destroyed) return;
      send(chunk(p));
      sent++;
      if (options.chunkDelayMs) await new Promise((r) => setTimeout(r, options.chunkDelayMs));
    }
    send(chunk({}, toolCall ? 'tool_calls' : 'stop'));
    if (body.stream_options?.include_usage)
      send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
    res.write('data: [DONE]\n\n');
    res.end();
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    received,
    healthChecks: () => healthChecks,
    aborted: () => aborted,
    options,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
