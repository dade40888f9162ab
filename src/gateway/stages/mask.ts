import type { ChatRequest, EmbeddingsRequest } from '../../models/chat-types.js';
import type { Attempt, GatewayDeps, ModelCallContext, Route, Stage } from '../context.js';
import { type Shaped, textSlots } from '../egress.js';
import { type Findings, pseudonymise } from '../screen.js';

/**
 * The body one route receives. An on-premises model the policy lets read everything gets the
 * request as sent; any other gets the shaped request (allow-listed fields only), pseudonymised
 * when its decision says so.
 */
function prepare(ctx: ModelCallContext, deps: GatewayDeps, route: Route, findings: Findings): Attempt {
  const id = route.provider.config.id;
  const masking = route.decision.action === 'mask' && findings.total > 0;
  if (route.provider.config.residency === 'onprem' && !masking) {
    return {
      route,
      body: { ...(ctx.request as ChatRequest | EmbeddingsRequest), model: id },
      vault: undefined,
    };
  }
  const shaped = (ctx.shaped as Shaped<ChatRequest | EmbeddingsRequest>).body;
  if (!masking) return { route, body: { ...shaped, model: id }, vault: undefined };
  // Only a body that will be rewritten is copied: the caller's request stays as it was sent.
  const body = structuredClone(shaped);
  body.model = id;
  return {
    route,
    body,
    vault: pseudonymise(textSlots(ctx.capability, body).slots, findings, deps.config.privacy.mode),
  };
}

/** Prepares the body of every route, pseudonymised where its decision is `mask`. */
export const maskStage: Stage<ModelCallContext, GatewayDeps> = {
  name: 'mask',
  run(ctx, deps) {
    const findings = ctx.findings as Findings;
    ctx.attempts = (ctx.routes ?? []).map((r) => prepare(ctx, deps, r, findings));
  },
};
