import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { JugwonError } from '../../../core/errors.js';
import { ANSWER_MAX_BYTES, textAtMost } from '../../bounded-body.js';
import type {
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from '../../chat-types.js';
import { type Endpoint, EndpointPool } from '../../pool.js';
import type { CallOptions, ModelConfig, ModelProvider, ProviderDeps } from '../../provider.js';
import type { SlotNode } from '../../slots.js';
import { sseData } from '../../sse.js';

type Config = Extract<ModelConfig, { provider: 'openai-compatible' }>;

/** Statuses worth another try: the upstream or something in front of it is briefly unwell. */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const BACKOFF_MS = 100;
/** How long a health check waits for an upstream's GET /models. */
const HEALTH_TIMEOUT_MS = 2_000;

/**
 * vLLM, Ollama, llama.cpp server, TGI, Korean cloud APIs and OpenAI itself: one upstream
 * (`baseUrl`) or a pool of nodes serving the same model (`endpoints`, see EndpointPool). Each
 * model has its own connection pool, which only ever connects to its configured addresses.
 */
export function openaiCompatible(config: Config, deps: ProviderDeps = {}): ModelProvider {
  const nodes = config.endpoints ?? [{ baseUrl: config.baseUrl as string, weight: 1 }];
  const slots = deps.slots;
  const pool = new EndpointPool(
    nodes.map((n) => ({ ...n, maxConcurrency: n.maxConcurrency ?? config.maxConcurrency })),
    {
      model: config.id,
      queueLimit: config.queueLimit,
      ...(slots ? { slots: (n: SlotNode[]) => slots(config.id, n, config.queueLimit) } : {}),
    },
  );
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
  // A node that fails is not tried again for this request while another is left: with a pool, a
  // request gets at least one try on every node before it fails.
  const attempts = Math.max(config.retries, pool.endpoints.length - 1) + 1;

  /**
   * POSTs to a node, retrying on connection errors and retryable statuses — on another node when
   * one is left, so no client sees one node die. Returns a 2xx response and `done`, to call once
   * its body has been read (the node's slot is held until then: streams count as outstanding).
   */
  async function post(path: string, body: unknown, { signal, ticket }: CallOptions) {
    const tried = new Set<Endpoint>();
    const payload = JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      if (tried.size >= pool.endpoints.length) tried.clear(); // every node tried: start over
      const { endpoint: node, slot } = await pool.acquire(signal, tried, ticket);
      let failure: unknown;
      try {
        const res = await request(`${node.url}${path}`, {
          method: 'POST',
          headers,
          body: payload,
          dispatcher: agent,
          signal,
        });
        if (res.statusCode < 300) {
          let released = false;
          const done = (failed: boolean, error?: string) => {
            if (released) return;
            released = true;
            pool.release(node, slot, { failed, ...(error ? { error } : {}) });
          };
          return { res, done };
        }
        const text = await textAtMost(res.body, ANSWER_MAX_BYTES.error, config.id, true).catch(() => '');
        const retryable = RETRYABLE_STATUS.has(res.statusCode);
        // A 4xx other than 408/429 is the request's fault, not the node's.
        pool.release(node, slot, { failed: retryable, error: `HTTP ${res.statusCode}` });
        failure = new JugwonError('JG_UPSTREAM_ERROR', {
          model: config.id,
          status: `HTTP ${res.statusCode}${upstreamMessage(text)}`,
        });
        if (!retryable) throw failure;
      } catch (e) {
        if (e === failure) throw e;
        if (signal.aborted) {
          pool.release(node, slot, { failed: false });
          throw e;
        }
        pool.release(node, slot, {
          failed: true,
          error: (e as { code?: string }).code ?? 'connection failed',
        });
        failure = toUpstreamError(e, config);
      }
      if (attempt >= attempts) throw failure;
      const untried = tried.add(node).size < pool.endpoints.length;
      if (!untried) await sleep(BACKOFF_MS * 2 ** Math.min(attempt - 1, 6), undefined, { signal });
    }
  }

  /** A whole JSON answer; the node's slot is given back once it is read (a cut-off answer counts against the node). */
  async function postJson<T>(
    path: string,
    body: unknown,
    options: CallOptions,
    maxBytes: number,
  ): Promise<T> {
    const { signal } = options;
    const { res, done } = await post(path, body, options);
    try {
      const answer = JSON.parse(await textAtMost(res.body, maxBytes, config.id)) as unknown;
      // The list the gateway reads from it (choices, or embeddings), or the answer is no answer
      // (and counts against the node, as a cut-off one does).
      const list = (answer as Record<string, unknown> | null)?.[path === '/embeddings' ? 'data' : 'choices'];
      if (!Array.isArray(list))
        throw new JugwonError('JG_UPSTREAM_ERROR', { model: config.id, status: 'malformed answer' });
      done(false);
      return answer as T;
    } catch (e) {
      done(!signal.aborted, 'answer cut off');
      if (signal.aborted || e instanceof JugwonError) throw e;
      throw toUpstreamError(e, config);
    }
  }

  // Pools check their nodes in the background, so a dead node is skipped before a request finds it.
  const checks =
    pool.endpoints.length > 1 && config.healthCheckMs > 0
      ? setInterval(() => {
          for (const node of pool.endpoints)
            void probe(node.url, Math.min(HEALTH_TIMEOUT_MS, config.healthCheckMs)).then((r) =>
              pool.checked(node, r.ok, r.detail),
            );
        }, config.healthCheckMs)
      : undefined;
  checks?.unref();

  /** A timed GET /models on one node. */
  async function probe(
    url: string,
    timeoutMs: number,
  ): Promise<{ ok: boolean; status?: number; detail: string }> {
    try {
      const res = await request(`${url}/models`, {
        method: 'GET',
        headers,
        dispatcher: agent,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body.dump();
      return res.statusCode < 300
        ? { ok: true, detail: 'answers' }
        : { ok: false, status: res.statusCode, detail: `answered HTTP ${res.statusCode}` };
    } catch (e) {
      const why = (e as { code?: string; name?: string }).code ?? (e as Error).name ?? 'error';
      return { ok: false, detail: `unreachable (${why})` };
    }
  }

  const upstreamBody = <T extends { model: string }>(req: T) => ({
    ...req,
    model: config.upstreamModel ?? config.id,
  });

  return {
    config,
    chat(req: ChatRequest, options: CallOptions): Promise<ChatCompletion> {
      return postJson<ChatCompletion>(
        '/chat/completions',
        { ...upstreamBody(req), stream: false },
        options,
        ANSWER_MAX_BYTES.chat,
      );
    },
    async *chatStream(req: ChatRequest, options: CallOptions): AsyncIterable<ChatChunk> {
      const { signal } = options;
      const { res, done } = await post('/chat/completions', { ...upstreamBody(req), stream: true }, options);
      let failed = false;
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
        failed = !signal.aborted;
        if (e instanceof JugwonError || signal.aborted) throw e;
        throw toUpstreamError(e, config);
      } finally {
        done(failed, 'stream cut off');
        res.body.destroy();
      }
    },
    embed(req: EmbeddingsRequest, options: CallOptions): Promise<EmbeddingsResponse> {
      return postJson<EmbeddingsResponse>(
        '/embeddings',
        upstreamBody(req),
        options,
        ANSWER_MAX_BYTES.embeddings,
      );
    },
    /** Each node's timed GET /models: the model can answer when one of them does. */
    async health(timeoutMs = HEALTH_TIMEOUT_MS) {
      const results = await Promise.all(
        pool.endpoints.map(async (node) => {
          const r = await probe(node.url, timeoutMs);
          pool.checked(node, r.ok, r.detail);
          return { ...r, host: node.label };
        }),
      );
      const up = results.filter((r) => r.ok).length;
      if (results.length > 1) {
        const detail = `${up} of ${results.length} endpoints answer`;
        return up > 0
          ? { ok: true, state: 'ready' as const, detail }
          : { ok: false, state: 'unreachable' as const, detail };
      }
      const r = results[0] as (typeof results)[number];
      return r.ok
        ? { ok: true, state: 'ready' as const, detail: `upstream ${r.host} answers` }
        : r.status !== undefined
          ? { ok: false, state: 'failed' as const, detail: `upstream ${r.host} ${r.detail}` }
          : { ok: false, state: 'unreachable' as const, detail: `upstream ${r.host} ${r.detail}` };
    },
    endpoints: () => pool.snapshot(),
    async close() {
      if (checks) clearInterval(checks);
      await pool.close();
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
