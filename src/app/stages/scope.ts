import type { Stage } from '../../gateway/context.js';
import type { Platform } from '../platform.js';
import { type RequestContext, scopeOf } from '../request.js';

/** The caller's tenant decides the policy preset and the models it may use. */
export const scope: Stage<RequestContext, Platform> = {
  name: 'scope',
  run(ctx, platform) {
    ctx.scope = scopeOf(ctx.principal, platform.config.policy.preset);
  },
};
