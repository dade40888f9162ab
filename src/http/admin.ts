import type { FastifyPluginAsync } from 'fastify';
import {
  createKeyAs,
  createTenantAs,
  createUserAs,
  disableUserAs,
  listKeys,
  listTenants,
  listUsers,
  resetPasswordAs,
  revokeKeyAs,
  updateTenantAs,
} from '../app/admin.js';
import type { Platform } from '../app/platform.js';
import { JugwonError } from '../core/errors.js';
import { PRESET_NAMES, ROLES, type Role } from '../core/names.js';
import { actorOf, S } from './context.js';

const preset = { enum: [...PRESET_NAMES, '', null] } as const;
const role = { enum: [...ROLES, ''] } as const;

/** Tenants, their policy preset, their users and API keys: administrators (the service checks). */
export const adminRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/tenants', async (request) => ({ data: await listTenants(platform, actorOf(request)) }));

    app.post(
      '/api/tenants',
      { schema: { body: S.object({ name: S.str, preset }, ['name']) } },
      async (request) => {
        const b = request.body as { name: string; preset?: string | null };
        const t = await createTenantAs(platform, actorOf(request), b.name, {
          policyPreset: b.preset || null,
        });
        return { name: t.name, preset: t.preset };
      },
    );

    app.patch(
      '/api/tenants/:name',
      { schema: { params: S.params('name'), body: S.object({ preset }) } },
      async (request) => {
        const { name } = request.params as { name: string };
        const b = request.body as { preset?: string | null };
        await updateTenantAs(platform, actorOf(request), name, { policyPreset: b.preset || null });
        return { name, preset: b.preset || null };
      },
    );

    app.get('/api/users', async (request) => ({ data: await listUsers(platform, actorOf(request)) }));

    app.post(
      '/api/users',
      {
        schema: {
          body: S.object({ tenant: S.str, name: S.str, role, password: S.strOrNull }, ['tenant', 'name']),
        },
      },
      async (request) => {
        const b = request.body as {
          tenant: string;
          name: string;
          role?: Role | '';
          password?: string | null;
        };
        const r: Role = b.role || 'member';
        await createUserAs(platform, actorOf(request), b.tenant, b.name, {
          role: r,
          ...(b.password ? { password: b.password } : {}),
        });
        return { name: b.name, tenant: b.tenant, role: r };
      },
    );

    app.delete(
      '/api/users/:tenant/:name',
      { schema: { params: S.params('tenant', 'name') } },
      async (request) => {
        const { tenant, name } = request.params as { tenant: string; name: string };
        await disableUserAs(platform, actorOf(request), tenant, name);
        return { disabled: name, tenant };
      },
    );

    // An administrator resets a user's password (the user's console sessions end; keys stay).
    app.put(
      '/api/users/:tenant/:name/password',
      { schema: { params: S.params('tenant', 'name'), body: S.object({ password: S.str }, ['password']) } },
      async (request) => {
        const { tenant, name } = request.params as { tenant: string; name: string };
        await resetPasswordAs(
          platform,
          actorOf(request),
          tenant,
          name,
          (request.body as { password: string }).password,
        );
        return { reset: name, tenant };
      },
    );

    // API keys: administrators create (the key is shown once) and revoke.
    app.get('/api/keys', async (request) => ({ data: await listKeys(platform, actorOf(request)) }));

    app.post(
      '/api/keys',
      { schema: { body: S.object({ tenant: S.strOrNull, name: S.strOrNull, role }) } },
      async (request) => {
        const actor = actorOf(request);
        const b = request.body as { tenant?: string | null; name?: string | null; role?: Role | '' };
        const tenant = b.tenant || actor.principal.tenantName;
        if (tenant === 'bootstrap')
          throw new JugwonError('JG_INVALID_REQUEST', { problem: 'send the "tenant" the key is for' });
        return createKeyAs(platform, actor, tenant, {
          role: b.role || 'member',
          ...(b.name ? { name: b.name } : {}),
        });
      },
    );

    app.delete('/api/keys/:id', { schema: { params: S.params('id') } }, async (request) => {
      const { id } = request.params as { id: string };
      await revokeKeyAs(platform, actorOf(request), id);
      return { revoked: id };
    });
  };
