import type { Stage } from '../../gateway/context.js';
import type { Platform } from '../platform.js';
import { type RequestContext, scopeOf } from '../request.js';

/**
 * The caller's tenant decides the policy preset, the models it may use and its share of a
 * saturated model pool.
 */
export const scope: Stage<RequestContext, Platform> = {
  name: 'scope',
  run(ctx, platform) {
    ctx.scope = scopeOf(ctx.principal, platform.config.policy.preset, ctx.dataClasses);
    if (ctx.principal)
      ctx.ticket = {
        tenant: ctx.principal.tenantId,
        share: ctx.principal.tenant?.share ?? 1,
        priority: ctx.priority ?? 'interactive',
      };
  },
};
