import type { ChatRequest, EmbeddingsRequest } from '../../models/chat-types.js';
import type { Attempt, GatewayDeps, ModelCallContext, Route, Stage } from '../context.js';
import { type Findings, pseudonymise } from '../screen.js';
import { textsOf } from './scan.js';

/** The body one route receives: a masked copy when its decision says so, else the request as is. */
function prepare(
  ctx: ModelCallContext,
  deps: GatewayDeps,
  request: ChatRequest | EmbeddingsRequest,
  route: Route,
  findings: Findings,
): Attempt {
  // Only a request that will be rewritten needs a deep copy; the caller's object stays intact.
  if (route.decision.action !== 'mask' || findings.total === 0) {
    return { route, body: { ...request, model: route.provider.config.id }, vault: undefined };
  }
  const body = structuredClone(request);
  body.model = route.provider.config.id;
  return { route, body, vault: pseudonymise(textsOf(ctx, body), findings, deps.config.privacy.mode) };
}

/** Pseudonymises the request for every route whose decision is `mask`. */
export const maskStage: Stage<ModelCallContext, GatewayDeps> = {
  name: 'mask',
  run(ctx, deps) {
    const request = ctx.request as ChatRequest | EmbeddingsRequest;
    const findings = ctx.findings as Findings;
    ctx.attempts = (ctx.routes ?? []).map((r) => prepare(ctx, deps, request, r, findings));
  },
};
