import type { ChatRequest } from '../../models/chat-types.js';
import type { GatewayDeps, ModelCallContext, Served, Stage } from '../context.js';
import { restoreChunks, restoreCompletion } from '../restore-stream.js';
import type { Findings } from '../screen.js';

/** What served the request: counts only, never a value. */
export function servedBy(ctx: ModelCallContext): Served {
  const { route } = ctx.attempt as NonNullable<ModelCallContext['attempt']>;
  const findings = ctx.findings as Findings;
  const requested = (ctx.request as ChatRequest).model;
  const action = route.decision.action === 'mask' && findings.total > 0 ? 'mask' : 'allow';
  return {
    model: route.provider.config.id,
    residency: route.provider.config.residency,
    action,
    rerouted: route.provider.config.id !== requested,
    requestedModel: requested,
    masked: action === 'mask' ? findings.total : 0,
    countsByCategory: findings.countsByCategory,
  };
}

/** Puts the original values back into the answer (streams chunk by chunk); notes what served it. */
export const restoreStage: Stage<ModelCallContext, GatewayDeps> = {
  name: 'restore',
  run(ctx) {
    const vault = ctx.attempt?.vault;
    const r = ctx.result;
    ctx.served = servedBy(ctx);
    // A tenant whose users work on pseudonymised results gets the stand-ins, never the originals.
    if (!vault || !r || ctx.scope?.restore === false) return;
    if (r.kind === 'completion') restoreCompletion(r.completion, vault);
    else if (r.kind === 'stream') ctx.result = { kind: 'stream', chunks: restoreChunks(r.chunks, vault) };
  },
};
