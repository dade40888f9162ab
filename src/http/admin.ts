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
import { AI_LABELS, DATA_CLASSES, PRESET_NAMES, PSEUDONYM_MODES, ROLES, type Role } from '../core/names.js';
import { expiryOf } from '../tenancy/api-keys.js';
import type { Limits, TenantOptions } from '../tenancy/tenants.js';
import { actorOf, S } from './context.js';

const preset = { enum: [...PRESET_NAMES, '', null] } as const;
const role = { enum: [...ROLES, ''] } as const;
/** A limit as the CLI's flags take it: a whole number, 0 (or null) for none. */
const limit = { type: ['integer', 'null'], minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const LIMITS = { rpm: limit, tokensPerDay: limit, monthlyTokens: limit } as const;
/** A tenant's settings, named as GET /api/tenants shows them; the same the CLI's flags set. */
const TENANT_SETTINGS = {
  preset,
  allowedModels: { type: ['array', 'null'], items: S.nonEmpty, minItems: 1, maxItems: 1000 },
  ...LIMITS,
  uploadBytes: limit,
  ingestBytesPerDay: limit,
  share: { type: ['integer', 'null'], minimum: 1, maximum: 1000 },
  aiLabel: { enum: [...AI_LABELS] },
  dataClass: { enum: [...DATA_CLASSES, null] },
  pseudonyms: { enum: [...PSEUDONYM_MODES] },
} as const;

/** A tenant's settings as the API names them (`preset` for the policy preset). */
type TenantFields = Omit<TenantOptions, 'policyPreset'> & { preset?: string | null };

/** The fields a request sent, as the services take them: what it left out stays as it is. */
function limitsOf(b: Limits & { uploadBytes?: number | null; ingestBytesPerDay?: number | null }) {
  const out: TenantOptions = {};
  for (const k of ['rpm', 'tokensPerDay', 'monthlyTokens', 'uploadBytes', 'ingestBytesPerDay'] as const)
    if (b[k] !== undefined) out[k] = b[k] || null; // 0 clears, as on the command line
  return out;
}
function tenantOptionsOf(b: TenantFields): TenantOptions {
  return {
    ...limitsOf(b),
    ...(b.preset !== undefined ? { policyPreset: b.preset || null } : {}),
    ...(b.allowedModels !== undefined ? { allowedModels: b.allowedModels } : {}),
    ...(b.share !== undefined ? { share: b.share } : {}),
    ...(b.aiLabel !== undefined ? { aiLabel: b.aiLabel } : {}),
    ...(b.dataClass !== undefined ? { dataClass: b.dataClass } : {}),
    ...(b.pseudonyms !== undefined ? { pseudonyms: b.pseudonyms } : {}),
  };
}

/** Tenants, their policy preset, their users and API keys: administrators (the service checks). */
export const adminRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/tenants', async (request) => ({ data: await listTenants(platform, actorOf(request)) }));

    app.post(
      '/api/tenants',
      { schema: { body: S.object({ name: S.str, ...TENANT_SETTINGS }, ['name']) } },
      async (request) => {
        const b = request.body as TenantFields & { name: string };
        const t = await createTenantAs(platform, actorOf(request), b.name, tenantOptionsOf(b));
        return { name: t.name, preset: t.preset };
      },
    );

    // Changes the settings sent, and only those: a field left out is kept (a body without the
    // preset cleared it, so a change of anything else would have undone the tenant's policy).
    app.patch(
      '/api/tenants/:name',
      {
        schema: { params: S.params('name'), body: { ...S.object(TENANT_SETTINGS), minProperties: 1 } },
      },
      async (request) => {
        const { name } = request.params as { name: string };
        await updateTenantAs(platform, actorOf(request), name, tenantOptionsOf(request.body as TenantFields));
        return (await listTenants(platform, actorOf(request))).find((t) => t.name === name) ?? { name };
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

    // The options of `jugwon keys create`: role, label, the user it acts for, expiry and limits.
    app.post(
      '/api/keys',
      {
        schema: {
          body: S.object({
            tenant: S.strOrNull,
            name: S.strOrNull,
            role,
            user: S.strOrNull,
            expires: S.strOrNull,
            ...LIMITS,
          }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const b = request.body as Limits & {
          tenant?: string | null;
          name?: string | null;
          role?: Role | '';
          user?: string | null;
          expires?: string | null;
        };
        const tenant = b.tenant || actor.principal.tenantName;
        if (tenant === 'bootstrap')
          throw new JugwonError('JG_INVALID_REQUEST', { problem: 'send the "tenant" the key is for' });
        const expiry = b.expires ? expiryOf(b.expires) : { expiresAt: null };
        if ('problem' in expiry)
          throw new JugwonError('JG_INVALID_VALUE', { what: '"expires"', problem: expiry.problem });
        return createKeyAs(platform, actor, tenant, {
          ...limitsOf(b),
          ...(b.role ? { role: b.role } : b.user ? {} : { role: 'member' }),
          ...(b.name ? { name: b.name } : {}),
          ...(b.user ? { user: b.user } : {}),
          expiresAt: expiry.expiresAt,
        });
      },
    );

    app.delete('/api/keys/:id', { schema: { params: S.params('id') } }, async (request) => {
      const { id } = request.params as { id: string };
      await revokeKeyAs(platform, actorOf(request), id);
      return { revoked: id };
    });
  };
