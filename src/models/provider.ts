import type { ResolvedConfig } from '../core/config.js';
import type {
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from './chat-types.js';
import type { EndpointState } from './pool.js';
import type { SlotNode, SlotScheduler, Ticket } from './slots.js';

export type ModelConfig = ResolvedConfig['models'][number];

/**
 * A model's state: `ready` (can answer; an embedded model loads on first use), `loaded`,
 * `missing` (the model file is not there), `failed` (it failed to load, or the upstream answered
 * an error), `unreachable` (no answer from the upstream).
 */
export interface ModelHealth {
  ok: boolean;
  state: 'ready' | 'loaded' | 'missing' | 'failed' | 'unreachable';
  detail: string;
}

/** What providers may share beyond their own configuration. */
export interface ProviderDeps {
  /** The slot scheduler of a pool (default: this process's); replicas share one through Redis. */
  slots?: (model: string, nodes: SlotNode[], queueLimit: number) => SlotScheduler;
}

/** Everything a provider needs for one call; `signal` aborts when the client goes away. */
export interface CallOptions {
  signal: AbortSignal;
  /** Whose call it is, for a fair share of a saturated pool (default: an interactive call). */
  ticket?: Ticket;
}

/**
 * One model behind one provider. A provider throws JugwonError (JG_UPSTREAM_*, JG_MODEL_*) so the
 * gateway can tell a retryable upstream failure from a bad request.
 */
export interface ModelProvider {
  readonly config: ModelConfig;
  chat(request: ChatRequest, options: CallOptions): Promise<ChatCompletion>;
  chatStream(request: ChatRequest, options: CallOptions): AsyncIterable<ChatChunk>;
  embed(request: EmbeddingsRequest, options: CallOptions): Promise<EmbeddingsResponse>;
  /**
   * Log-probability of each continuation after the raw prompt (no chat template), summed over its
   * tokens. Only models that expose their token probabilities have it (embedded llama.cpp).
   */
  logLikelihoods?(prompt: string, continuations: readonly string[], options: CallOptions): Promise<number[]>;
  /** Whether the model can answer now, or why not (checked without loading anything heavy). */
  health(timeoutMs?: number): Promise<ModelHealth>;
  /** The nodes of a pool (openai-compatible models), with their load and health. */
  endpoints?(): EndpointState[];
  close(): Promise<void>;
}
