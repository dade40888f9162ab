import { JugwonError } from '../../core/errors.js';
import type { DataClass } from '../../core/names.js';
import type { ModelProvider } from '../../models/registry.js';
import { presets } from '../../policy/presets.js';
import type { CallScope, GatewayDeps, ModelCallContext, Route, Stage } from '../context.js';
import { type Findings, judge } from '../screen.js';

/**
 * The models to try, in order: the requested one (or, when the policy blocks it and rerouting is
 * on, the allowed ones, raw-allowed first) followed by its allowed fallbacks. Throws
 * JG_POLICY_BLOCKED when no model may receive the request.
 */
export function routesFor(
  deps: GatewayDeps,
  requested: string,
  capability: ModelCallContext['capability'],
  findings: Findings,
  scope: CallScope,
): Route[] {
  const { registry, config } = deps;
  const wanted = registry.get(requested);
  const permitted = (id: string) => !scope.allowedModels || scope.allowedModels.includes(id);
  if (!permitted(requested)) throw new JugwonError('JG_MODEL_NOT_ALLOWED', { model: requested });
  if (!wanted.config.capabilities.includes(capability)) {
    throw new JugwonError('JG_MODEL_CAPABILITY', { model: requested, capability });
  }
  const preset = presets[scope.preset ?? config.policy.preset];
  const judgeFor = (p: ModelProvider): Route => ({
    provider: p,
    decision: judge(preset, findings, p.config.residency),
  });
  const blocked = (r: Route) =>
    new JugwonError('JG_POLICY_BLOCKED', {
      model: r.provider.config.id,
      residency: r.provider.config.residency,
      categories: r.decision.because.join(', '),
      preset: scope.preset ?? config.policy.preset,
    });
  const classes = scope.dataClasses ?? [];
  const cleared = (p: ModelProvider) => classes.every((c) => mayReceive(config, p, c));
  // The other models that may take the request when rerouting: those the policy lets receive it
  // raw first, then those that get it pseudonymised.
  const alternatives = () =>
    registry
      .list()
      .filter((p) => p !== wanted && permitted(p.config.id) && p.config.capabilities.includes(capability))
      .filter(cleared)
      .map(judgeFor)
      .filter((r) => r.decision.action !== 'block')
      .sort((a, b) => Number(a.decision.action === 'mask') - Number(b.decision.action === 'mask'));
  const first = judgeFor(wanted);
  if (!cleared(wanted)) {
    // The data's class forbids the model outright: reroute like a personal-data violation, or refuse.
    const others = config.policy.reroute ? alternatives() : [];
    if (others.length === 0) {
      const refused = classes.filter((c) => !mayReceive(config, wanted, c));
      throw new JugwonError('JG_DATA_CLASS_BLOCKED', {
        model: wanted.config.id,
        residency: wanted.config.residency,
        classes: refused.join(', '),
        allowed: refused.map((c) => `${c}: ${config.policy.dataClasses[c].join('/') || 'no'}`).join('; '),
      });
    }
    return withFallbacks(others, registry, permitted, capability, cleared, judgeFor);
  }
  let chain: Route[];
  if (first.decision.action !== 'block') chain = [first];
  else if (config.policy.reroute) {
    const allowed = alternatives();
    if (allowed.length === 0) throw blocked(first);
    chain = allowed;
  } else throw blocked(first);
  return withFallbacks(chain, registry, permitted, capability, cleared, judgeFor);
}

/**
 * Whether a model may receive data of a class: the policy lets the class reach the model's
 * residency, and the model's own clearance (`dataClasses`), when it has one, includes it.
 */
export function mayReceive(config: GatewayDeps['config'], p: ModelProvider, c: DataClass): boolean {
  const own = p.config.dataClasses;
  return config.policy.dataClasses[c].includes(p.config.residency) && (!own || own.includes(c));
}

/** The chain's head, its allowed fallbacks, then the rest of the chain; each model once. */
function withFallbacks(
  chain: Route[],
  registry: GatewayDeps['registry'],
  permitted: (id: string) => boolean,
  capability: ModelCallContext['capability'],
  cleared: (p: ModelProvider) => boolean,
  judgeFor: (p: ModelProvider) => Route,
): Route[] {
  const head = chain[0] as Route;
  const fallbacks = head.provider.config.fallbacks
    .filter(permitted)
    .map((id) => judgeFor(registry.get(id)))
    .filter(
      (r) =>
        r.decision.action !== 'block' &&
        r.provider.config.capabilities.includes(capability) &&
        cleared(r.provider),
    );
  return [...chain.slice(0, 1), ...fallbacks, ...chain.slice(1)].filter(
    (r, i, all) => all.findIndex((x) => x.provider === r.provider) === i,
  );
}

/** Decides, per the tenant's preset, which models may receive the request and how. */
export const routeStage: Stage<ModelCallContext, GatewayDeps> = {
  name: 'route',
  run(ctx, deps) {
    const request = ctx.request as { model: string };
    // Until a route is chosen, the audit names the model that was asked for.
    const routes = routesFor(deps, request.model, ctx.capability, ctx.findings as Findings, ctx.scope ?? {});
    const unreadable = ctx.shaped?.unreadable ?? [];
    if (unreadable.length === 0) {
      ctx.routes = routes;
      return;
    }
    // What the gateway cannot read it cannot check: such parts go to on-premises models only.
    ctx.routes = routes.filter((r) => r.provider.config.residency === 'onprem');
    if (ctx.routes.length === 0) {
      const first = (routes[0] as Route).provider.config;
      throw new JugwonError('JG_CONTENT_UNREADABLE', {
        model: first.id,
        residency: first.residency,
        parts: [...new Set(unreadable)].join(', '),
      });
    }
  },
};
