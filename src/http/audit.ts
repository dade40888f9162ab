import type { FastifyPluginAsync } from 'fastify';
import { queryAudit, verifyTrail } from '../app/audit.js';
import type { Platform } from '../app/platform.js';
import { JugwonError } from '../core/errors.js';
import { requireRole, S } from './context.js';

const OFFICERS = ['operator', 'admin', 'compliance'] as const;

/** Audit: compliance officers and administrators read and verify the trail. */
export const auditRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          querystring: S.object({
            from: S.str,
            to: S.str,
            tenant: S.str,
            user: S.str,
            decision: S.str,
            limit: { type: 'string', pattern: '^\\d+$' },
          }),
        },
      },
      async (request) => {
        const p = requireRole(request, OFFICERS, 'read the audit trail');
        const q = request.query as Parameters<typeof queryAudit>[1] & { limit?: string };
        // Officers of a tenant read their own tenant's records; the operator reads every one.
        if (p.role !== 'operator' && q.tenant !== undefined && q.tenant !== p.tenantName)
          throw new JugwonError('JG_FORBIDDEN', { action: "read another tenant's audit trail" });
        const tenant = p.role === 'operator' ? q.tenant : p.tenantName;
        return {
          data: await queryAudit(platform, {
            ...q,
            ...(tenant !== undefined ? { tenant } : {}),
            limit: Number(q.limit ?? 200) || 200,
          }),
        };
      },
    );

    app.post('/api/audit/verify', async (request) => {
      requireRole(request, OFFICERS, 'verify the audit trail');
      return verifyTrail(platform);
    });
  };
