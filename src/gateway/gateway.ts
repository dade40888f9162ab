import type { ResolvedConfig } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import type {
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from '../models/chat-types.js';
import type { ModelProvider, ModelRegistry } from '../models/registry.js';
import type { Decision } from '../policy/decide.js';
import { type PresetName, presets } from '../policy/presets.js';
import type { Detector } from '../privacy/engine.js';
import type { PseudonymVault } from '../privacy/vault.js';
import { restoreChunks, restoreCompletion } from './restore-stream.js';
import { type Findings, judge, pseudonymise, scan } from './screen.js';
import { chatTexts, embeddingTexts, type TextSlot } from './texts.js';

type Capability = 'chat' | 'embeddings';

/** Per-request settings from the caller's tenant. */
export interface CallScope {
  preset?: PresetName;
  /** Models the tenant may use; undefined or null for all. */
  allowedModels?: readonly string[] | null;
}

/** What served a request, for response headers and (later) the audit record. Counts, never values. */
export interface Served {
  model: string;
  residency: string;
  action: 'allow' | 'mask';
  rerouted: boolean;
  requestedModel: string;
  masked: number;
  countsByCategory: Record<string, number>;
}

interface Route {
  provider: ModelProvider;
  decision: Decision;
}

const FAILOVER_CODES = new Set(['JG_UPSTREAM_ERROR', 'JG_UPSTREAM_TIMEOUT', 'JG_MODEL_UNAVAILABLE']);

/**
 * The gateway's request path: scan every text for personal data, decide per the policy which
 * models may receive it and how (allow, mask, or not at all), pseudonymise, call the model, and
 * restore the answer. Nothing reaches a provider before the policy has said yes.
 */
export class Gateway {
  constructor(
    private readonly config: ResolvedConfig,
    private readonly models: ModelRegistry,
    private readonly detector: Detector,
  ) {}

  /** The models to try, in order: the requested one (or the rerouted one) and its allowed fallbacks. */
  private routes(requested: string, capability: Capability, findings: Findings, scope: CallScope): Route[] {
    const wanted = this.models.get(requested);
    const permitted = (id: string) => !scope.allowedModels || scope.allowedModels.includes(id);
    if (!permitted(requested)) throw new JugwonError('JG_MODEL_NOT_ALLOWED', { model: requested });
    if (!wanted.config.capabilities.includes(capability)) {
      throw new JugwonError('JG_MODEL_CAPABILITY', { model: requested, capability });
    }
    const preset = presets[scope.preset ?? this.config.policy.preset];
    const judgeFor = (p: ModelProvider): Route => ({
      provider: p,
      decision: judge(preset, findings, p.config.residency),
    });
    const first = judgeFor(wanted);
    let chain: Route[];
    if (first.decision.action !== 'block') chain = [first];
    else if (this.config.policy.reroute) {
      // Reroute: the allowed models, raw-allowed first (usually on-premises), in configuration order.
      const allowed = this.models
        .list()
        .filter((p) => p !== wanted && permitted(p.config.id) && p.config.capabilities.includes(capability))
        .map(judgeFor)
        .filter((r) => r.decision.action !== 'block')
        .sort((a, b) => Number(a.decision.action === 'mask') - Number(b.decision.action === 'mask'));
      if (allowed.length === 0) throw this.blocked(first, scope);
      chain = allowed;
    } else throw this.blocked(first, scope);
    const head = chain[0] as Route;
    const fallbacks = head.provider.config.fallbacks
      .filter(permitted)
      .map((id) => judgeFor(this.models.get(id)))
      .filter((r) => r.decision.action !== 'block' && r.provider.config.capabilities.includes(capability));
    return [...chain.slice(0, 1), ...fallbacks, ...chain.slice(1)].filter(
      (r, i, all) => all.findIndex((x) => x.provider === r.provider) === i,
    );
  }

  private blocked(r: Route, scope: CallScope): JugwonError {
    return new JugwonError('JG_POLICY_BLOCKED', {
      model: r.provider.config.id,
      residency: r.provider.config.residency,
      categories: r.decision.because.join(', '),
      preset: scope.preset ?? this.config.policy.preset,
    });
  }

  /** Builds the request one route receives: masked copies when its decision says so. */
  private prepare<R extends ChatRequest | EmbeddingsRequest>(
    request: R,
    route: Route,
    findings: Findings,
    texts: (r: R) => TextSlot[],
  ): { body: R; vault: PseudonymVault | undefined } {
    // Only a request that will be rewritten needs a deep copy; the caller's object stays intact.
    if (route.decision.action !== 'mask' || findings.total === 0) {
      return { body: { ...request, model: route.provider.config.id }, vault: undefined };
    }
    const body = structuredClone(request);
    body.model = route.provider.config.id;
    return { body, vault: pseudonymise(texts(body), findings, this.config.privacy.mode) };
  }

  private served(request: { model: string }, route: Route, findings: Findings): Served {
    const action = route.decision.action === 'mask' && findings.total > 0 ? 'mask' : 'allow';
    return {
      model: route.provider.config.id,
      residency: route.provider.config.residency,
      action,
      rerouted: route.provider.config.id !== request.model,
      requestedModel: request.model,
      masked: action === 'mask' ? findings.total : 0,
      countsByCategory: findings.countsByCategory,
    };
  }

  /** Runs `call` on each route in turn until one answers; failover only on upstream failures. */
  private async firstThatAnswers<R extends ChatRequest | EmbeddingsRequest, T>(
    request: R,
    capability: Capability,
    texts: (r: R) => TextSlot[],
    call: (provider: ModelProvider, body: R, vault: PseudonymVault | undefined) => Promise<T>,
    scope: CallScope,
  ): Promise<{ result: T; served: Served }> {
    const findings = scan(this.detector, texts(request));
    let lastError: unknown;
    let lastRoute: Route | undefined;
    try {
      for (const route of this.routes(request.model, capability, findings, scope)) {
        lastRoute = route;
        const { body, vault } = this.prepare(request, route, findings, texts);
        try {
          return {
            result: await call(route.provider, body, vault),
            served: this.served(request, route, findings),
          };
        } catch (e) {
          lastError = e;
          if (!(e instanceof JugwonError && FAILOVER_CODES.has(e.code))) throw e;
        }
      }
      throw lastError;
    } catch (e) {
      // What the audit record needs about a refused or failed request: counts, never values.
      if (e instanceof JugwonError) {
        e.details = {
          pii: findings.countsByCategory,
          model: lastRoute?.provider.config.id ?? request.model,
          residency: lastRoute?.provider.config.residency ?? null,
          decision: e.code === 'JG_POLICY_BLOCKED' ? 'block' : 'error',
        };
      }
      throw e;
    }
  }

  async chat(
    request: ChatRequest,
    signal: AbortSignal,
    scope: CallScope = {},
  ): Promise<{ completion: ChatCompletion; served: Served }> {
    const { result, served } = await this.firstThatAnswers(
      request,
      'chat',
      chatTexts,
      async (p, body, vault) => {
        const completion = await p.chat(body, { signal });
        return vault ? restoreCompletion(completion, vault) : completion;
      },
      scope,
    );
    return { completion: result, served };
  }

  /**
   * Starts a stream. Resolves once the upstream has produced its first chunk, so failover and
   * errors before any output still become a proper HTTP error; later errors end the stream.
   */
  async chatStream(
    request: ChatRequest,
    signal: AbortSignal,
    scope: CallScope = {},
  ): Promise<{ chunks: AsyncIterable<ChatChunk>; served: Served }> {
    const { result, served } = await this.firstThatAnswers(
      request,
      'chat',
      chatTexts,
      async (p, body, vault) => {
        const upstream = p.chatStream(body, { signal })[Symbol.asyncIterator]();
        const first = await upstream.next();
        async function* all(): AsyncGenerator<ChatChunk> {
          if (!first.done) yield first.value;
          while (true) {
            const next = await upstream.next();
            if (next.done) return;
            yield next.value;
          }
        }
        return vault ? restoreChunks(all(), vault) : all();
      },
      scope,
    );
    return { chunks: result, served };
  }

  async embed(
    request: EmbeddingsRequest,
    signal: AbortSignal,
    scope: CallScope = {},
  ): Promise<{ response: EmbeddingsResponse; served: Served }> {
    const { result, served } = await this.firstThatAnswers(
      request,
      'embeddings',
      embeddingTexts,
      (p, body) => p.embed(body, { signal }),
      scope,
    );
    return { response: result, served };
  }

  /** GET /v1/models: the models the caller may use, with residency and capabilities. */
  listModels(scope: CallScope = {}) {
    return {
      object: 'list' as const,
      data: this.models
        .list()
        .filter((p) => !scope.allowedModels || scope.allowedModels.includes(p.config.id))
        .map((p) => ({
          id: p.config.id,
          object: 'model' as const,
          created: 0,
          owned_by: 'jugwon',
          residency: p.config.residency,
          capabilities: p.config.capabilities,
          provider: p.config.provider,
        })),
    };
  }

  async health() {
    const models = await Promise.all(
      this.models
        .list()
        .map(async (p) => ({ id: p.config.id, residency: p.config.residency, ...(await p.health()) })),
    );
    return { status: 'ok' as const, policy: this.config.policy.preset, models };
  }
}
