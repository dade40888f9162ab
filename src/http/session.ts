import type { FastifyPluginAsync } from 'fastify';
import { changeOwnPassword } from '../app/admin.js';
import type { Platform } from '../app/platform.js';
import { JugwonError } from '../core/errors.js';
import { sessionPrincipal } from '../tenancy/auth.js';
import { SESSION_COOKIE, sessionToken, tokenId } from '../tenancy/sessions.js';
import { actorOf, ctxOf, S } from './context.js';

/** Console sign-in: the session token goes only into an HttpOnly, SameSite=Strict cookie. */
export const sessionRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    app.post(
      '/api/session',
      {
        schema: {
          // As long as a tenant, a user name or a password can be: longer is no sign-in.
          body: S.object(
            {
              tenant: { type: 'string', maxLength: 64 },
              user: { type: 'string', maxLength: 64 },
              password: { type: 'string', maxLength: 1024 },
            },
            ['tenant', 'user', 'password'],
          ),
        },
      },
      async (request, reply) => {
        const b = request.body as { tenant: string; user: string; password: string };
        const { token, user, expiresAt } = await platform.auth.sessions.signIn(
          b.tenant,
          b.user,
          b.password,
          request.ip,
        );
        // The request's audit record names who signed in (refused sign-ins are only counted).
        ctxOf(request).principal = sessionPrincipal(user);
        // Secure over TLS (seen through a trusted proxy's X-Forwarded-Proto too), or when configured.
        const secure = request.protocol === 'https' || platform.config.server.secureCookies ? '; Secure' : '';
        reply.header(
          'set-cookie',
          `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Expires=${new Date(expiresAt).toUTCString()}${secure}`,
        );
        return { user: user.userName, tenant: user.tenantName, role: user.role, csrf: user.csrf, expiresAt };
      },
    );

    app.get('/api/session', async (request) => {
      const p = ctxOf(request).principal;
      const token = sessionToken(request.headers.cookie);
      const csrf =
        token && !request.headers.authorization
          ? (await platform.auth.sessions.resolve(token, 'GET', undefined)).csrf
          : null;
      return { user: p?.userName ?? null, tenant: p?.tenantName ?? null, role: p?.role ?? null, csrf };
    });

    // A signed-in user changes their own password; their other sessions end.
    app.put(
      '/api/session/password',
      { schema: { body: S.object({ current: S.str, password: S.str }, ['current', 'password']) } },
      async (request) => {
        const token = sessionToken(request.headers.cookie);
        // Without a Bearer key, the principal is the session's user (the hook checked its CSRF header).
        if (!token || request.headers.authorization || !ctxOf(request).principal?.userName)
          throw new JugwonError('JG_INVALID_REQUEST', {
            problem: 'sign in to the console to change your password (API keys have no password)',
          });
        const b = request.body as { current: string; password: string };
        await changeOwnPassword(platform, actorOf(request), b.current, b.password, tokenId(token));
        return { changed: true };
      },
    );

    app.delete('/api/session', async (request, reply) => {
      const token = sessionToken(request.headers.cookie);
      if (token) await platform.auth.sessions.signOut(token);
      reply.header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
      return { signedOut: true };
    });
  };
