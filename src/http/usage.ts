import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../app/platform.js';
import { JugwonError } from '../core/errors.js';
import { queryUsage } from '../usage/usage.js';
import { ctxOf, requireRole, S } from './context.js';

/** Usage per tenant × model × day (members see their own tenant; officers all), and /metrics. */
export const usageRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/usage',
      { schema: { querystring: S.object({ from: S.str, to: S.str, tenant: S.str }) } },
      async (request) => {
        const q = request.query as { from?: string; to?: string; tenant?: string };
        const p = ctxOf(request).principal;
        // The operator reads every tenant's usage; everyone else their own tenant's.
        const all = p?.role === 'operator';
        let tenantId = all ? undefined : p?.tenantId;
        if (q.tenant) {
          if (!all && q.tenant !== p?.tenantName)
            throw new JugwonError('JG_FORBIDDEN', { action: "read another tenant's usage" });
          tenantId =
            (
              await platform.store.db
                .selectFrom('tenants')
                .select('id')
                .where('name', '=', q.tenant)
                .executeTakeFirst()
            )?.id ?? q.tenant;
        }
        const rows = await queryUsage(platform.store.db, {
          ...(tenantId ? { tenantId } : {}),
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
        });
        return {
          object: 'list',
          data: rows.map((r) => ({
            tenant: r.tenant,
            model: r.model,
            day: r.day,
            requests: r.requests,
            errors: r.errors,
            prompt_tokens: r.prompt_tokens,
            completion_tokens: r.completion_tokens,
            avg_latency_ms: r.requests ? r.latency_ms_total / r.requests : 0,
          })),
        };
      },
    );

    app.get('/metrics', async (request, reply) => {
      requireRole(request, ['operator'], 'read metrics'); // counts of every tenant
      const text = await platform.metrics.registry.metrics();
      return reply.type(platform.metrics.registry.contentType).send(text);
    });
  };
