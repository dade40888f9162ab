import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type {
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaEmbeddingContext,
  LlamaModel,
} from 'node-llama-cpp';
import { JugwonError } from '../../../core/errors.js';
import { AsyncQueue } from '../../async-queue.js';
import type {
  ChatChunk,
  ChatCompletion,
  ChatMessage,
  ChatRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from '../../chat-types.js';
import { messageText } from '../../messages.js';
import type { CallOptions, ModelConfig, ModelProvider } from '../../provider.js';
import { SequencePool } from './sequence-pool.js';

type Config = Extract<ModelConfig, { provider: 'llamacpp' }>;

const DEFAULT_CONTEXT = 4096;
const DEFAULT_MAX_TOKENS = 512;

const runtimes = new Map<boolean, Promise<Llama>>();
/**
 * A llama.cpp runtime per GPU setting, loaded on first use: models with `gpu: true` share the GPU
 * build, the others the CPU build (one runtime per process would give every model the first
 * model's setting).
 */
export async function runtime(gpu: boolean): Promise<Llama> {
  let r = runtimes.get(gpu);
  if (!r) {
    r = import('node-llama-cpp').then((m) =>
      m.getLlama({ gpu: gpu ? 'auto' : false, logLevel: m.LlamaLogLevel.error }),
    );
    runtimes.set(gpu, r);
  }
  return r;
}

/** Which runtimes are loaded (tests check that a model's `gpu` setting chooses its own). */
export const loadedRuntimes = (): boolean[] => [...runtimes.keys()];

interface Loaded {
  model: LlamaModel;
  context: LlamaContext;
  pool: SequencePool<LlamaContextSequence>;
}

/**
 * The embedded default: a GGUF file run in-process by llama.cpp. Requests share one loaded model;
 * each runs on its own context sequence, and at most `queueLimit` wait for one.
 */
export function llamacpp(config: Config): ModelProvider {
  let loading: Promise<Loaded> | undefined;
  let embedding: Promise<LlamaEmbeddingContext> | undefined;
  let loaded = false;
  /** Why the last load failed, until one succeeds. */
  let failure: string | undefined;

  async function load(): Promise<Loaded> {
    if (!existsSync(config.path)) {
      throw new JugwonError('JG_MODEL_UNAVAILABLE', {
        model: config.id,
        reason: `GGUF file ${config.path} not found`,
      });
    }
    loading ??= (async () => {
      const llama = await runtime(config.gpu);
      const model = await llama.loadModel({ modelPath: config.path });
      const contextSize = Math.min(config.contextLength ?? DEFAULT_CONTEXT, model.trainContextSize);
      const context = await model.createContext({
        contextSize,
        sequences: config.parallel,
        ...(config.threads ? { threads: config.threads } : {}),
      });
      const sequences = Array.from({ length: config.parallel }, () => context.getSequence());
      loaded = true;
      failure = undefined;
      return { model, context, pool: new SequencePool(sequences, config.queueLimit) };
    })().catch((e: unknown) => {
      loading = undefined; // a later request may try again (e.g. after the file is replaced)
      failure = e instanceof JugwonError ? e.message : (e as Error).message;
      if (e instanceof JugwonError) throw e;
      throw new JugwonError('JG_MODEL_UNAVAILABLE', {
        model: config.id,
        reason: `cannot load ${config.path} (${(e as Error).message})`,
      });
    });
    return loading;
  }

  /** Runs one chat turn; `onText` receives text as it is generated. */
  async function generate(req: ChatRequest, signal: AbortSignal, onText: (t: string) => void) {
    if (req.tools && req.tools.length > 0) {
      throw new JugwonError('JG_MODEL_CAPABILITY', {
        model: config.id,
        capability: 'tool calling (use an OpenAI-compatible server such as vLLM for tools)',
      });
    }
    const { model, pool } = await load();
    const sequence = await pool.acquire(signal, () => new JugwonError('JG_MODEL_BUSY', { model: config.id }));
    const { LlamaChatSession } = await import('node-llama-cpp');
    const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
    try {
      const messages = req.messages;
      const lastUser = messages.length - 1 - [...messages].reverse().findIndex((m) => m.role === 'user');
      const prompt = lastUser < messages.length ? messageText(messages[lastUser] as ChatMessage) : '';
      session.setChatHistory([
        ...messages
          .slice(0, Math.max(0, lastUser))
          .map((m) =>
            m.role === 'assistant'
              ? { type: 'model' as const, response: [messageText(m)] }
              : m.role === 'user'
                ? { type: 'user' as const, text: messageText(m) }
                : { type: 'system' as const, text: messageText(m) },
          ),
      ]);
      const stop = typeof req.stop === 'string' ? [req.stop] : Array.isArray(req.stop) ? req.stop : [];
      const result = await session.promptWithMeta(prompt, {
        maxTokens: req.max_completion_tokens ?? req.max_tokens ?? DEFAULT_MAX_TOKENS,
        temperature: req.temperature ?? 0,
        ...(req.top_p !== undefined ? { topP: req.top_p } : {}),
        ...(req.seed !== undefined ? { seed: req.seed } : {}),
        ...(stop.length > 0 ? { customStopTriggers: stop } : {}),
        signal,
        stopOnAbortSignal: true,
        onTextChunk: onText,
      });
      const promptTokens = model.tokenize(messages.map((m) => messageText(m)).join('\n')).length;
      const completionTokens = model.tokenize(result.responseText).length;
      const finish = result.stopReason === 'maxTokens' ? 'length' : 'stop';
      return {
        text: result.responseText,
        finish,
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      };
    } finally {
      session.dispose({ disposeSequence: false });
      await sequence.clearHistory();
      pool.release(sequence);
    }
  }

  return {
    config,
    async chat(req, { signal }: CallOptions): Promise<ChatCompletion> {
      const out = await generate(req, signal, () => {});
      return {
        id: `chatcmpl-${randomUUID()}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: config.id,
        choices: [{ index: 0, message: { role: 'assistant', content: out.text }, finish_reason: out.finish }],
        usage: out.usage,
      };
    },
    chatStream(req, { signal }: CallOptions): AsyncIterable<ChatChunk> {
      const id = `chatcmpl-${randomUUID()}`;
      const created = Math.floor(Date.now() / 1000);
      const chunk = (delta: ChatChunk['choices'][number]['delta'], finish: string | null): ChatChunk => ({
        id,
        object: 'chat.completion.chunk',
        created,
        model: config.id,
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
      const queue = new AsyncQueue<ChatChunk>();
      // The role chunk goes out with the first text, so a model that cannot load fails the
      // stream before any output (an HTTP error, or failover) instead of after an empty start.
      let started = false;
      const start = () => {
        if (!started) queue.push(chunk({ role: 'assistant', content: '' }, null));
        started = true;
      };
      generate(req, signal, (t) => {
        start();
        queue.push(chunk({ content: t }, null));
      }).then(
        (out) => {
          start();
          queue.push({ ...chunk({}, out.finish), usage: out.usage });
          queue.end();
        },
        (e: unknown) => queue.end(e),
      );
      return queue;
    },
    async logLikelihoods(prompt: string, continuations: readonly string[], { signal }: CallOptions) {
      const { model, pool } = await load();
      const sequence = await pool.acquire(
        signal,
        () => new JugwonError('JG_MODEL_BUSY', { model: config.id }),
      );
      try {
        const context = model.tokenize(prompt, true);
        const out: number[] = [];
        for (const continuation of continuations) {
          // Tokenised together, as the model would read them: a continuation's first token may
          // merge with the prompt's end, so its tokens are what follows the common prefix.
          const whole = model.tokenize(prompt + continuation, true);
          let shared = 0;
          while (shared < context.length && shared < whole.length && whole[shared] === context[shared])
            shared++;
          shared = Math.max(1, Math.min(shared, whole.length - 1));
          await sequence.clearHistory();
          const results = await sequence.controlledEvaluate(
            whole.map((token, i) =>
              i >= shared - 1 && i < whole.length - 1
                ? [token, { generateNext: { probabilities: true } }]
                : token,
            ),
          );
          let sum = 0;
          for (let i = shared - 1; i < whole.length - 1; i++) {
            const p = results[i]?.next.probabilities?.get(whole[i + 1] as (typeof whole)[number]) ?? 0;
            sum += Math.log(Math.max(p, Number.MIN_VALUE));
          }
          out.push(sum);
          if (signal.aborted) break; // the caller has gone; it reads nothing further
        }
        return out;
      } finally {
        await sequence.clearHistory();
        pool.release(sequence);
      }
    },

    async embed(req: EmbeddingsRequest, { signal }: CallOptions): Promise<EmbeddingsResponse> {
      const { model } = await load();
      embedding ??= model.createEmbeddingContext({
        contextSize: Math.min(config.contextLength ?? DEFAULT_CONTEXT, model.trainContextSize),
      });
      const ctx = await embedding;
      const inputs = typeof req.input === 'string' ? [req.input] : req.input;
      const data: EmbeddingsResponse['data'] = [];
      let tokens = 0;
      for (const [index, text] of inputs.entries()) {
        if (signal.aborted) throw signal.reason;
        const e = await ctx.getEmbeddingFor(text);
        tokens += model.tokenize(text).length;
        data.push({ object: 'embedding', index, embedding: [...e.vector] });
      }
      return {
        object: 'list',
        data,
        model: config.id,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      };
    },
    async health() {
      if (!existsSync(config.path))
        return { ok: false, state: 'missing', detail: `GGUF file ${config.path} not found` };
      if (failure)
        return { ok: false, state: 'failed', detail: `cannot load the GGUF file (${failure.slice(0, 200)})` };
      return loaded
        ? { ok: true, state: 'loaded', detail: 'loaded' }
        : { ok: true, state: 'ready', detail: 'not loaded yet (loads on first request)' };
    },
    async close() {
      const l = await loading?.catch(() => undefined);
      await (await embedding?.catch(() => undefined))?.dispose();
      await l?.context.dispose();
      await l?.model.dispose();
    },
  };
}
