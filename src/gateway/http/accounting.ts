import type { AuditLog } from '../../audit/log.js';
import type { PromptVault } from '../../audit/retention.js';
import type { JugwonError } from '../../core/errors.js';
import type { Usage } from '../../models/chat-types.js';
import type { PresetName } from '../../policy/presets.js';
import type { Quotas, Reservation } from '../../quota/quota.js';
import type { Principal } from '../../tenancy/auth.js';
import type { UsageMeter } from '../../usage/usage.js';
import type { CallScope, Served } from '../gateway.js';
import type { Metrics } from './metrics.js';

export interface AccountingDeps {
  /** Runs the end-of-request writes as one transaction (one commit instead of three). */
  transaction: <T>(fn: () => T) => T;
  /** Seals raw request bodies when the deployment retains them (audit.retainRequests). */
  retention?: PromptVault;
  quotas: Quotas;
  usage: UsageMeter;
  audit: AuditLog;
  metrics: Metrics;
  defaultPreset: PresetName;
}

/**
 * One request's bookkeeping: quota reservation, then (exactly once, before the response is sent)
 * settling the reservation, the usage row, the metrics and the audit record. Writing the audit
 * record before replying means every answered request is in the log, even if the process dies
 * right after.
 */
export class RequestAccount {
  readonly started = performance.now();
  principal: Principal | undefined;
  served: Served | undefined;
  usage: Usage | undefined;
  private reservation: Reservation | undefined;
  private finished = false;

  constructor(
    private readonly deps: AccountingDeps,
    readonly route: string,
    readonly requestId: string,
  ) {}

  private cachedScope: CallScope | undefined;

  /** The tenant's preset and allowed models, worked out once per request. */
  scope(): CallScope {
    if (!this.cachedScope) {
      const t = this.principal?.tenant;
      this.cachedScope = {
        preset: (t?.policy_preset as PresetName | null) ?? this.deps.defaultPreset,
        allowedModels: t?.allowed_models ? (JSON.parse(t.allowed_models) as string[]) : null,
      };
    }
    return this.cachedScope;
  }

  /** Keeps the raw body, sealed, if the deployment retains requests. */
  retain(body: unknown): void {
    this.deps.retention?.seal(this.requestId, JSON.stringify(body));
  }

  /** Rate limit and token budget for a model call; throws 429 errors with Retry-After. */
  admit(estimatedTokens: number): void {
    if (!this.principal) return;
    this.deps.quotas.admit(this.principal);
    this.reservation = this.deps.quotas.reserve(this.principal, estimatedTokens);
  }

  finish(status: number, error?: JugwonError): void {
    if (this.finished) return;
    this.finished = true;
    this.deps.transaction(() => this.write(status, error));
  }

  private write(status: number, error?: JugwonError): void {
    const latencyMs = Math.round((performance.now() - this.started) * 1000) / 1000;
    const prompt = this.usage?.prompt_tokens ?? 0;
    const completion = this.usage?.completion_tokens ?? 0;
    if (this.reservation) this.deps.quotas.settle(this.reservation, prompt + completion);
    const p = this.principal;
    const details = error?.details ?? {};
    const model = this.served?.model ?? (details.model as string | undefined) ?? null;
    if (p && model) {
      this.deps.usage.record({
        tenantId: p.tenantId,
        model,
        error: status >= 400,
        promptTokens: prompt,
        completionTokens: completion,
        latencyMs,
      });
    }
    const decision =
      this.served?.action ?? (details.decision as string | undefined) ?? (error ? 'error' : 'allow');
    this.deps.metrics.observe({
      model: model ?? 'none',
      decision,
      status,
      seconds: latencyMs / 1000,
      prompt,
      completion,
      pii: this.served?.countsByCategory,
      masked: this.served?.masked ?? 0,
    });
    this.deps.audit.append({
      time: new Date().toISOString(),
      kind: 'request',
      tenant: p?.tenantName ?? 'unauthenticated',
      keyId: p?.keyId ?? null,
      user: p?.userName ?? null,
      route: this.route,
      requestId: this.requestId,
      model,
      residency: this.served?.residency ?? (details.residency as string | null | undefined) ?? null,
      decision,
      rule: this.scope().preset ?? null,
      pii: this.served?.countsByCategory ?? (details.pii as Record<string, number> | undefined) ?? {},
      promptTokens: prompt,
      completionTokens: completion,
      latencyMs,
      status,
      outcome: error?.code ?? 'ok',
      ...(this.served?.rerouted ? { target: `rerouted from ${this.served.requestedModel}` } : {}),
    });
  }
}
