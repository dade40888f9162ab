import type { ResolvedConfig } from '../core/config.js';
import type { DataClass } from '../core/names.js';
import type {
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
  Usage,
} from '../models/chat-types.js';
import type { ModelProvider, ModelRegistry } from '../models/registry.js';
import type { Ticket } from '../models/slots.js';
import type { Decision } from '../policy/decide.js';
import type { PresetName } from '../policy/presets.js';
import type { Detector } from '../privacy/engine.js';
import type { PseudonymVault } from '../privacy/vault.js';
import type { Shaped } from './egress.js';
import type { DetectAll, Findings } from './screen.js';

export type Capability = 'chat' | 'embeddings';

/** Per-request settings from the caller's tenant. */
export interface CallScope {
  preset?: PresetName;
  /** Models the tenant may use; undefined or null for all. */
  allowedModels?: readonly string[] | null;
  /** Data classes the request carries (the tenant's, the request's, its collection's). */
  dataClasses?: readonly DataClass[];
  /** false: the answer keeps its stand-ins (the tenant's users see no originals). */
  restore?: boolean;
}

/** What served a request, for response headers and the audit record. Counts, never values. */
export interface Served {
  model: string;
  residency: string;
  action: 'allow' | 'mask';
  rerouted: boolean;
  requestedModel: string;
  masked: number;
  countsByCategory: Record<string, number>;
}

/** One model the request may go to, and what the policy says about it. */
export interface Route {
  provider: ModelProvider;
  decision: Decision;
}

/** A route with the exact body it would receive (masked when its decision says so). */
export interface Attempt {
  route: Route;
  body: ChatRequest | EmbeddingsRequest;
  vault: PseudonymVault | undefined;
}

export type ModelResult =
  | { kind: 'completion'; completion: ChatCompletion }
  | { kind: 'stream'; chunks: AsyncIterable<ChatChunk> }
  | { kind: 'embeddings'; response: EmbeddingsResponse };

/** What the model-call stages need from the platform; built once. */
export interface GatewayDeps {
  config: ResolvedConfig;
  registry: ModelRegistry;
  detector: Detector;
  /** Detection of many texts, off the event loop when they are large; default: `detector`, here. */
  detectAll?: DetectAll;
}

/**
 * One model call as it moves through the stages. Each optional field is written by one stage:
 * findings (scan), routes (route), attempts (mask), attempt and result (call, restore).
 */
export interface ModelCallContext {
  readonly capability: Capability;
  readonly signal: AbortSignal;
  /** Whose call it is, for a fair share of a saturated model pool (scope). */
  ticket?: Ticket;
  /** The validated request (validate). */
  request?: ChatRequest | EmbeddingsRequest;
  /** Whether the caller wants a stream (chat only). */
  stream?: boolean;
  scope?: CallScope;
  /** The request as it may leave for a model that is not on-premises (scan). */
  shaped?: Shaped<ChatRequest | EmbeddingsRequest>;
  findings?: Findings;
  routes?: Route[];
  attempts?: Attempt[];
  /** The attempt that answered, or the last one tried. */
  attempt?: Attempt;
  result?: ModelResult;
  served?: Served;
  usage?: Usage;
}

/** A named step of a pipeline. Throwing ends the pipeline with that error. */
export interface Stage<C, D> {
  readonly name: string;
  run(ctx: C, deps: D): void | Promise<void>;
}

/** Runs stages in order; a stage ends the pipeline by throwing. */
export async function runStages<C, D>(stages: readonly Stage<C, D>[], ctx: C, deps: D): Promise<void> {
  for (const stage of stages) await stage.run(ctx, deps);
}
