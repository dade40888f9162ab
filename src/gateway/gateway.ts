import type { ResolvedConfig } from '../core/config.js';
import type {
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from '../models/chat-types.js';
import type { ModelRegistry } from '../models/registry.js';
import type { Detector } from '../privacy/engine.js';
import {
  type CallScope,
  type Capability,
  type GatewayDeps,
  type ModelCallContext,
  runStages,
  type Served,
  type Stage,
} from './context.js';
import { callStage } from './stages/call.js';
import { maskStage } from './stages/mask.js';
import { restoreStage } from './stages/restore.js';
import { routeStage } from './stages/route.js';
import { scanStage } from './stages/scan.js';

export type { CallScope, Served } from './context.js';

/**
 * The model-call stages, in order: scan every text for personal data, decide per the policy which
 * models may receive it and how (allow, mask, or not at all), pseudonymise, call the model (with
 * failover), restore the answer. Nothing reaches a provider before the policy has said yes. The
 * application's request pipeline runs these same stages after authentication and quota.
 */
export const modelCallStages: readonly Stage<ModelCallContext, GatewayDeps>[] = [
  scanStage,
  routeStage,
  maskStage,
  callStage,
  restoreStage,
];

/**
 * The model-call stages as plain functions, for callers with no tenant or request of their own
 * (tests of the policy core). Everything tenant-facing goes through the application's pipeline.
 */
export class Gateway {
  private readonly deps: GatewayDeps;

  constructor(config: ResolvedConfig, registry: ModelRegistry, detector: Detector) {
    this.deps = { config, registry, detector };
  }

  private async run(
    capability: Capability,
    request: ChatRequest | EmbeddingsRequest,
    signal: AbortSignal,
    scope: CallScope,
    stream = false,
  ): Promise<ModelCallContext & { served: Served }> {
    const ctx: ModelCallContext = { capability, signal, request, scope, stream };
    await runStages(modelCallStages, ctx, this.deps);
    return ctx as ModelCallContext & { served: Served };
  }

  async chat(
    request: ChatRequest,
    signal: AbortSignal,
    scope: CallScope = {},
  ): Promise<{ completion: ChatCompletion; served: Served }> {
    const ctx = await this.run('chat', request, signal, scope);
    if (ctx.result?.kind !== 'completion') throw new Error('unexpected result');
    return { completion: ctx.result.completion, served: ctx.served };
  }

  async chatStream(
    request: ChatRequest,
    signal: AbortSignal,
    scope: CallScope = {},
  ): Promise<{ chunks: AsyncIterable<ChatChunk>; served: Served }> {
    const ctx = await this.run('chat', request, signal, scope, true);
    if (ctx.result?.kind !== 'stream') throw new Error('unexpected result');
    return { chunks: ctx.result.chunks, served: ctx.served };
  }

  async embed(
    request: EmbeddingsRequest,
    signal: AbortSignal,
    scope: CallScope = {},
  ): Promise<{ response: EmbeddingsResponse; served: Served }> {
    const ctx = await this.run('embeddings', request, signal, scope);
    if (ctx.result?.kind !== 'embeddings') throw new Error('unexpected result');
    return { response: ctx.result.response, served: ctx.served };
  }
}
