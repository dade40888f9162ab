import type { Stage } from '../../gateway/context.js';
import type { Platform } from '../platform.js';
import type { RequestContext } from '../request.js';

/**
 * Resolves who is calling from the request's credentials (a Bearer key, or a console session with
 * its CSRF header). A caller that arrives with a principal already (the CLI's operator, an
 * evaluation run's tenant, a request authenticated by the HTTP layer's hook) keeps it.
 */
export const authenticate: Stage<RequestContext, Platform> = {
  name: 'authenticate',
  async run(ctx, platform) {
    if (ctx.principal || !ctx.credentials) return;
    const c = ctx.credentials;
    ctx.principal = await platform.auth.authenticate(c.authorization, c.ip, c.session);
  },
};
