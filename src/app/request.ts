import type { LedgerEntry } from '../audit/ledger.js';
import type { AuditRecord } from '../audit/log.js';
import type { JugwonError } from '../core/errors.js';
import { type DataClass, isDataClass, type PresetName } from '../core/names.js';
import type { CallScope, Capability, ModelCallContext } from '../gateway/context.js';
import type { SearchFilter } from '../knowledge/filter.js';
import type { Citation } from '../knowledge/rag.js';
import type { Usage } from '../models/chat-types.js';
import { promptBound } from '../quota/estimate.js';
import { type Reservation, settledCounters } from '../quota/quota.js';
import type { Principal } from '../tenancy/auth.js';
import type { Platform } from './platform.js';

/** How the caller proved who they are: an HTTP request's credentials (the CLI passes a principal). */
export interface Credentials {
  authorization: string | undefined;
  ip: string;
  session?: { token: string; method: string; csrf: string | undefined };
}

/**
 * One request to jugwon, from any path (HTTP, CLI, console, evaluation). It carries who is
 * calling and, for a model call, everything the stages found; `account` turns it into the usage
 * row, the metrics and the audit record, exactly once.
 */
export interface RequestContext extends Partial<Omit<ModelCallContext, 'capability' | 'signal'>> {
  readonly requestId: string;
  /** "POST /v1/chat/completions", "cli ask", "eval 1a2b3c…": the audit record's route. */
  readonly route: string;
  /**
   * What the route acted on, from its path ("규정집/대출.hwp" for a document): the audit record's
   * target when a caller is known (the route is only the path's pattern).
   */
  target?: string;
  readonly started: number;
  readonly signal: AbortSignal;
  readonly capability?: Capability;
  credentials?: Credentials;
  /** Who is calling (authenticate). */
  principal?: Principal;
  /** The tenant's preset and allowed models (scope). */
  scope?: CallScope;
  /** Tokens reserved against the budgets (admit). */
  reservation?: Reservation;
  /** The raw body as received, before validation. */
  body?: unknown;
  /** RAG mode: the collection to ground the answer in (validate). */
  grounding?: { collection: string; k: number; filter: SearchFilter | undefined };
  /** The passages the answer is grounded in (ground). */
  citations?: Citation[];
  /** Whether the client asked for usage in its stream (every upstream is asked, for metering). */
  wantsUsage?: boolean;
  /** UTF-8 bytes of answer text streamed so far: what is billed when no usage arrives. */
  generatedBytes?: number;
  /** The server's id for the sealed raw body, when requests are retained (validate). */
  retained?: string;
  /** Set once the request has been accounted for. */
  accounted?: boolean;
  /** The AI Basic Act label applied to the answer (label). */
  aiLabel?: 'ai-generated' | 'exempt';
  /** Data classes the caller declared (x-jugwon-data-class, the collection an ingest writes to). */
  dataClasses?: readonly DataClass[];
  /** Batch work (evaluation runs, embedding at ingest) waits behind interactive requests. */
  priority?: 'interactive' | 'batch';
}

export function newRequest(
  o: Pick<RequestContext, 'requestId' | 'route'> &
    Partial<
      Pick<
        RequestContext,
        'principal' | 'credentials' | 'signal' | 'capability' | 'body' | 'priority' | 'dataClasses'
      >
    >,
): RequestContext {
  return {
    started: performance.now(),
    signal: o.signal ?? new AbortController().signal,
    ...o,
  };
}

/** How many values of each type (PERSON, PHONE…) were found: the items a processing record names. */
function countTypes(entities: readonly (readonly { type: string }[])[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const slot of entities) for (const e of slot) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
}

/** The tenant's preset and allowed models, worked out once per request. */
export function scopeOf(
  p: Principal | undefined,
  defaultPreset: PresetName,
  declared: readonly DataClass[] = [],
): CallScope {
  const t = p?.tenant;
  const classes = new Set(declared);
  if (isDataClass(t?.data_class)) classes.add(t.data_class);
  return {
    preset: (t?.policy_preset as PresetName | null) ?? defaultPreset,
    allowedModels: t?.allowed_models ? (JSON.parse(t.allowed_models) as string[]) : null,
    ...(classes.size > 0 ? { dataClasses: [...classes] } : {}),
    ...(t?.pseudonyms === 'keep' ? { restore: false } : {}),
  };
}

/**
 * The one place a request is accounted for, whatever its outcome: settles the quota reservation to
 * the tokens used, records usage and metrics, and commits the audit record — one transaction,
 * shared with concurrent requests (group commit), before the response is sent, so every answered
 * request is in the log even if the process or the machine dies right after. Facts come from the context the stages wrote, never from the error.
 */
export async function account(
  platform: Platform,
  ctx: RequestContext,
  status: number,
  error?: JugwonError,
): Promise<void> {
  if (ctx.accounted) return;
  ctx.accounted = true;
  if (ctx.usage && !plausibleUsage(ctx)) ctx.usage = billedWithoutUsage(ctx);
  if (!ctx.usage && ctx.attempt && (status === 499 || ctx.generatedBytes))
    ctx.usage = billedWithoutUsage(ctx);
  const latencyMs = Math.round((performance.now() - ctx.started) * 1000) / 1000;
  if (!ctx.principal) {
    // Anyone can send these, as fast as they like: counted, and recorded once a minute per route,
    // status and code (see UnauthenticatedLog), never one durable row each.
    platform.metrics.observe({
      model: 'none',
      decision: status >= 400 ? 'error' : 'allow',
      status,
      seconds: latencyMs / 1000,
      prompt: 0,
      completion: 0,
      masked: 0,
    });
    const code = error?.code ?? (status === 401 ? 'JG_AUTH_MISSING' : status < 400 ? 'ok' : `HTTP ${status}`);
    platform.unauthenticated.add(ctx.route, status, code, ctx.credentials?.ip ?? '');
    return;
  }
  await platform.ledger.write(await entryFor(platform, ctx, status, latencyMs, error));
}

/**
 * What a model call that reported no usage is billed: a stream cut off by its client, or an
 * upstream that does not report usage, still consumed its prompt and produced what was streamed
 * (each counted by its token bound), so leaving cannot make a request free.
 */
function billedWithoutUsage(ctx: RequestContext): Usage {
  const prompt = ctx.request ? promptBound(ctx) : 0;
  const completion = ctx.generatedBytes ?? answerBytes(ctx);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** UTF-8 bytes of a whole answer's text and tool-call arguments (a stream counts as it goes). */
function answerBytes(ctx: RequestContext): number {
  if (ctx.result?.kind !== 'completion') return 0;
  let n = 0;
  for (const c of ctx.result.completion.choices ?? []) {
    const m = c.message;
    if (typeof m?.content === 'string') n += Buffer.byteLength(m.content, 'utf8');
    for (const t of m?.tool_calls ?? [])
      if (typeof t.function?.arguments === 'string') n += Buffer.byteLength(t.function.arguments, 'utf8');
  }
  return n;
}

/**
 * Whether the usage a model reported can be true: whole token counts, none negative, together no
 * more than the request could use (its reservation). The counts settle budgets: a negative one
 * refunded a tenant's day, a text made the counters NaN (never refused again), a huge one used a
 * tenant's month up at once. An upstream that reports such counts is billed as one that reports
 * none: its prompt's bound and what it answered.
 */
function plausibleUsage(ctx: RequestContext): boolean {
  const { prompt_tokens: prompt = 0, completion_tokens: completion = 0 } = (ctx.usage ?? {}) as {
    prompt_tokens?: unknown;
    completion_tokens?: unknown;
  };
  const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  if (!count(prompt) || !count(completion)) return false;
  return !ctx.reservation || prompt + completion <= ctx.reservation.tokens;
}

/**
 * The model a request named, if one by that name is configured. Any other name is the caller's
 * free text (personal data, a formula, megabytes, a new value per request): it is kept out of the
 * trail, the usage table and the metrics' labels.
 */
function configuredModel(platform: Platform, model: unknown): string | null {
  return typeof model === 'string' && platform.registry.has(model) ? model : null;
}

/** The configured residency of a model the request named (a refused request reached none). */
function residencyOf(platform: Platform, model: string | null): string | null {
  return model && platform.registry.has(model) ? platform.registry.get(model).config.residency : null;
}

/** The request's ledger entry (settlement, usage, audit record); settles the live budgets too. */
async function entryFor(
  platform: Platform,
  ctx: RequestContext,
  status: number,
  latencyMs: number,
  error?: JugwonError,
): Promise<LedgerEntry> {
  const prompt = ctx.usage?.prompt_tokens ?? 0;
  const completion = ctx.usage?.completion_tokens ?? 0;
  const p = ctx.principal;
  const route = ctx.attempt?.route.provider.config;
  const model =
    ctx.served?.model ??
    route?.id ??
    configuredModel(platform, (ctx.request as { model?: unknown } | undefined)?.model);
  const residency = ctx.served?.residency ?? route?.residency ?? residencyOf(platform, model);
  // A live counter that cannot be settled (Redis unreachable) must not lose the audit record;
  // the store's counters are still written with it.
  if (ctx.reservation) {
    try {
      await platform.quotas.settle(ctx.reservation, prompt + completion);
    } catch {}
  }
  const decision =
    ctx.served?.action ??
    (error?.code === 'JG_POLICY_BLOCKED' || error?.code === 'JG_DATA_CLASS_BLOCKED'
      ? 'block'
      : error
        ? 'error'
        : 'allow');
  const pii = ctx.findings?.countsByCategory ?? {};
  platform.metrics.observe({
    model: model ?? 'none',
    decision,
    status,
    seconds: latencyMs / 1000,
    prompt,
    completion,
    pii: ctx.served?.countsByCategory,
    masked: ctx.served?.masked ?? 0,
  });
  const at = new Date();
  const audit: AuditRecord = {
    time: at.toISOString(),
    kind: 'request',
    tenant: p?.tenantName ?? 'unauthenticated',
    keyId: p?.keyId ?? null,
    user: p?.userName ?? null,
    route: ctx.route,
    requestId: ctx.requestId,
    model,
    residency,
    decision,
    rule: (ctx.scope ?? scopeOf(p, platform.config.policy.preset)).preset ?? null,
    pii,
    promptTokens: prompt,
    completionTokens: completion,
    latencyMs,
    status,
    outcome: error?.code ?? 'ok',
    ...(ctx.served?.rerouted
      ? { target: `rerouted from ${ctx.served.requestedModel}` }
      : ctx.target
        ? { target: ctx.target }
        : {}),
    ...(ctx.scope?.dataClasses?.length ? { dataClasses: [...ctx.scope.dataClasses] } : {}),
    ...(ctx.retained ? { retained: ctx.retained } : {}),
    ...(ctx.aiLabel ? { label: ctx.aiLabel } : {}),
    ...(ctx.served?.action === 'mask' && ctx.findings
      ? {
          pseudonymised: countTypes(ctx.findings.entities),
          pseudonyms: ctx.scope?.restore === false ? ('kept' as const) : ('restored' as const),
        }
      : {}),
  };
  return {
    audit,
    counters: settledCounters(ctx.reservation, prompt + completion),
    ...(p && model
      ? {
          usage: {
            tenantId: p.tenantId,
            model,
            day: platform.calendar.dayOf(at),
            error: status >= 400,
            promptTokens: prompt,
            completionTokens: completion,
            latencyMs,
          },
        }
      : {}),
  };
}
