import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../app/platform.js';
import { account } from '../app/request.js';
import { OidcSignIn, type PendingSignIn } from '../app/sso.js';
import { isJugwonError, JugwonError } from '../core/errors.js';
import { sessionPrincipal } from '../tenancy/auth.js';
import { SESSION_COOKIE } from '../tenancy/sessions.js';
import { ctxOf } from './context.js';

const PENDING_COOKIE = 'jg_sso';

const readPending = (cookie: string | undefined): PendingSignIn | undefined => {
  for (const part of (cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== PENDING_COOKIE) continue;
    try {
      return JSON.parse(Buffer.from(v.join('='), 'base64url').toString('utf8')) as PendingSignIn;
    } catch {
      return undefined;
    }
  }
  return undefined;
};

/**
 * Single sign-on for the console (OpenID Connect). The browser goes to the provider from
 * /api/sso/login and comes back to /api/sso/callback; what must survive the round trip (state,
 * nonce, PKCE verifier) rides in a short-lived HttpOnly cookie, so any replica can finish what
 * another started. SameSite=Lax: the return is a top-level navigation from the provider's site.
 */
export const ssoRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    const settings = platform.config.sso?.oidc;
    const oidc = settings ? new OidcSignIn(settings) : undefined;
    app.get('/api/sso', async () => ({ enabled: Boolean(oidc) }));
    if (!oidc) return;
    const origin = (request: {
      protocol: string;
      hostname: string;
      headers: { host?: string | undefined };
    }) => `${request.protocol}://${request.headers.host ?? request.hostname}`;
    const secure = (protocol: string) =>
      protocol === 'https' || platform.config.server.secureCookies ? '; Secure' : '';
    const failed = async (request: FastifyRequest, reply: FastifyReply, e: unknown) => {
      const error = isJugwonError(e) ? e : new JugwonError('JG_SSO_FAILED', { reason: 'unexpected error' });
      const code = error.code;
      // The refusal is recorded as such (the answer itself is a redirect back to the console).
      await account(platform, ctxOf(request), error.status, error);
      reply.header('set-cookie', `${PENDING_COOKIE}=; HttpOnly; SameSite=Lax; Path=/api/sso; Max-Age=0`);
      // The console reads the code and says what happened, in its own words.
      return reply.redirect(`/?sso_error=${encodeURIComponent(code)}`, 302);
    };

    app.get('/api/sso/login', async (request, reply) => {
      try {
        const { url, pending } = await oidc.start(`${origin(request)}/api/sso/callback`);
        reply.header(
          'set-cookie',
          `${PENDING_COOKIE}=${Buffer.from(JSON.stringify(pending)).toString('base64url')}; HttpOnly; SameSite=Lax; Path=/api/sso; Max-Age=600${secure(request.protocol)}`,
        );
        return reply.redirect(url, 302);
      } catch (e) {
        return failed(request, reply, e);
      }
    });

    app.get('/api/sso/callback', async (request, reply) => {
      try {
        const current = new URL(request.url, origin(request));
        const who = await oidc.finish(platform, current, readPending(request.headers.cookie));
        const { token, user, expiresAt } = await platform.auth.sessions.open(who.tenant, who.user);
        // The request's audit record names who signed in.
        ctxOf(request).principal = sessionPrincipal(user);
        reply.header('set-cookie', [
          `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Expires=${new Date(expiresAt).toUTCString()}${secure(request.protocol)}`,
          `${PENDING_COOKIE}=; HttpOnly; SameSite=Lax; Path=/api/sso; Max-Age=0`,
        ]);
        return reply.redirect('/', 302);
      } catch (e) {
        return failed(request, reply, e);
      }
    });
  };
