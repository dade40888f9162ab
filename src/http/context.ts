import type { FastifyRequest } from 'fastify';
import type { Actor } from '../app/admin.js';
import type { RequestContext } from '../app/request.js';
import { JugwonError } from '../core/errors.js';
import type { Principal } from '../tenancy/auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request as the application sees it; set for every API route by the server's hook. */
    ctx: RequestContext | null;
  }
}

export const ctxOf = (request: FastifyRequest): RequestContext => request.ctx as RequestContext;

/** The authenticated caller; the hook has refused the request already if there is none. */
export function principalOf(request: FastifyRequest): Principal {
  const p = ctxOf(request).principal;
  if (!p) throw new JugwonError('JG_AUTH_MISSING');
  return p;
}

/** The caller as an administrative actor (audit records name its key or user and this route). */
export const actorOf = (request: FastifyRequest): Actor => {
  const ctx = ctxOf(request);
  return { principal: principalOf(request), route: ctx.route, requestId: ctx.requestId };
};

/** Roles allowed to act; anything else is JG_FORBIDDEN naming the action. */
export function requireRole(request: FastifyRequest, roles: readonly string[], action: string): Principal {
  const p = principalOf(request);
  if (!roles.includes(p.role)) throw new JugwonError('JG_FORBIDDEN', { action });
  return p;
}

/** JSON schema shorthands for route declarations. */
export const S = {
  str: { type: 'string' } as const,
  nonEmpty: { type: 'string', minLength: 1 } as const,
  strOrNull: { type: ['string', 'null'] } as const,
  /** No fields but these: one the route does not know is refused, never silently ignored. */
  object: (properties: Record<string, unknown>, required: string[] = []) => ({
    type: 'object' as const,
    properties,
    required,
    additionalProperties: false,
  }),
  params: (...names: string[]) => ({
    type: 'object' as const,
    properties: Object.fromEntries(names.map((n) => [n, { type: 'string', minLength: 1 }])),
    required: names,
  }),
};
