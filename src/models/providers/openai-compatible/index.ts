import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { JugwonError } from '../../../core/errors.js';
import type {
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from '../../chat-types.js';
import type { CallOptions, ModelConfig, ModelProvider } from '../../provider.js';
import { sseData } from '../../sse.js';

type Config = Extract<ModelConfig, { provider: 'openai-compatible' }>;

/** Statuses worth another try: the upstream or something in front of it is briefly unwell. */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const BACKOFF_MS = 100;
/** How long a health check waits for an upstream's GET /models. */
const HEALTH_TIMEOUT_MS = 2_000;

/**
 * vLLM, Ollama, llama.cpp server, TGI, Korean cloud APIs and OpenAI itself. Each model has its own
 * connection pool, which only ever connects to its configured base URL.
 */
export function openaiCompatible(config: Config): ModelProvider {
  const base = config.baseUrl.replace(/\/+$/, '');
  const agent = new Agent({
    connect: { timeout: Math.min(config.timeoutMs, 10_000) },
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
    keepAliveTimeout: 30_000,
  });
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
  };

  /** POSTs with retries on connection errors and retryable statuses; returns a 2xx response. */
  async function post(path: string, body: unknown, signal: AbortSignal) {
    let attempt = 0;
    while (true) {
      try {
        const res = await request(`${base}${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          dispatcher: agent,
          signal,
        });
        if (res.statusCode < 300) return res;
        const text = await res.body.text().catch(() => '');
        if (!RETRYABLE_STATUS.has(res.statusCode) || attempt >= config.retries) {
          throw new JugwonError('JG_UPSTREAM_ERROR', {
            model: config.id,
            status: `HTTP ${res.statusCode}${upstreamMessage(text)}`,
          });
        }
      } catch (e) {
        if (e instanceof JugwonError || signal.aborted) throw e;
        if (attempt >= config.retries) throw toUpstreamError(e, config);
      }
      attempt++;
      await sleep(BACKOFF_MS * 2 ** (attempt - 1), undefined, { signal });
    }
  }

  const upstreamBody = <T extends { model: string }>(req: T) => ({
    ...req,
    model: config.upstreamModel ?? config.id,
  });

  return {
    config,
    async chat(req: ChatRequest, { signal }: CallOptions): Promise<ChatCompletion> {
      const res = await post('/chat/completions', { ...upstreamBody(req), stream: false }, signal);
      return (await res.body.json()) as ChatCompletion;
    },
    async *chatStream(req: ChatRequest, { signal }: CallOptions): AsyncIterable<ChatChunk> {
      const res = await post('/chat/completions', { ...upstreamBody(req), stream: true }, signal);
      try {
        for await (const data of sseData(res.body)) {
          if (data === '[DONE]') return;
          let parsed: ChatChunk & { error?: { message?: string } };
          try {
            parsed = JSON.parse(data);
          } catch {
            throw new JugwonError('JG_UPSTREAM_ERROR', {
              model: config.id,
              status: 'malformed stream event',
            });
          }
          if (parsed.error) {
            throw new JugwonError('JG_UPSTREAM_ERROR', {
              model: config.id,
              status: `error event${upstreamMessage(JSON.stringify(parsed))}`,
            });
          }
          yield parsed;
        }
      } catch (e) {
        if (e instanceof JugwonError || signal.aborted) throw e;
        throw toUpstreamError(e, config);
      } finally {
        res.body.destroy();
      }
    },
    async embed(req: EmbeddingsRequest, { signal }: CallOptions): Promise<EmbeddingsResponse> {
      const res = await post('/embeddings', upstreamBody(req), signal);
      return (await res.body.json()) as EmbeddingsResponse;
    },
    /** A timed GET /models: the upstream answers, or the reason it does not. */
    async health(timeoutMs = HEALTH_TIMEOUT_MS) {
      const host = new URL(base).host;
      try {
        const res = await request(`${base}/models`, {
          method: 'GET',
          headers,
          dispatcher: agent,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body.dump();
        return res.statusCode < 300
          ? { ok: true, state: 'ready' as const, detail: `upstream ${host} answers` }
          : {
              ok: false,
              state: 'failed' as const,
              detail: `upstream ${host} answered HTTP ${res.statusCode}`,
            };
      } catch (e) {
        const why = (e as { code?: string; name?: string }).code ?? (e as Error).name ?? 'error';
        return { ok: false, state: 'unreachable' as const, detail: `upstream ${host} unreachable (${why})` };
      }
    },
    async close() {
      await agent.close();
    },
  };
}

/** The upstream's own error message, shortened; it saw only pseudonymised text. */
function upstreamMessage(body: string): string {
  try {
    const m = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    return typeof m === 'string' ? `: ${m.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

function toUpstreamError(e: unknown, config: Config): JugwonError {
  const code = (e as { code?: string }).code ?? '';
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new JugwonError('JG_UPSTREAM_TIMEOUT', { model: config.id, ms: config.timeoutMs });
  }
  return new JugwonError('JG_UPSTREAM_ERROR', {
    model: config.id,
    status: code || (e as Error).message || 'connection failed',
  });
}
