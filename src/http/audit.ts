import type { FastifyPluginAsync } from 'fastify';
import {
  accessReview,
  pseudonymisationRecords,
  queryAudit,
  signOffReview,
  verifyTrail,
} from '../app/audit.js';
import type { Platform } from '../app/platform.js';
import { eraseSubject, exportSubject, findSubject } from '../app/subjects.js';
import { JugwonError } from '../core/errors.js';
import { actorOf, requireRole, S } from './context.js';

const OFFICERS = ['operator', 'admin', 'compliance'] as const;
const MONTH = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;

/**
 * The tenant whose records an officer reads: the operator any one (or all, with none asked);
 * a tenant's officer their own — asking for another tenant's is refused.
 */
function officersTenant(
  p: { role: string; tenantName: string },
  asked: string | undefined,
  what: string,
): string | undefined {
  if (p.role === 'operator') return asked;
  if (asked !== undefined && asked !== p.tenantName)
    throw new JugwonError('JG_FORBIDDEN', { action: `read another tenant's ${what}` });
  return p.tenantName;
}

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
        const tenant = officersTenant(p, q.tenant, 'audit trail');
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

    // The monthly access-record review (안전성 확보조치 기준 제8조), as the CLI prints it: officers
    // of a tenant get their tenant's, the operator every tenant's (or one, with ?tenant=).
    app.get(
      '/api/audit/report',
      {
        schema: {
          querystring: S.object(
            {
              month: MONTH,
              format: { type: 'string', enum: ['html', 'csv', 'json'] },
              tenant: S.str,
            },
            ['month'],
          ),
        },
      },
      async (request, reply) => {
        const p = requireRole(request, OFFICERS, 'read the access-record review');
        const q = request.query as { month: string; format?: 'html' | 'csv' | 'json'; tenant?: string };
        const report = await accessReview(platform, q.month, officersTenant(p, q.tenant, 'access records'));
        if (q.format === 'json') return report;
        const { reportCsv, reportHtml } = await import('../audit/report.js');
        const csv = q.format === 'csv';
        void reply
          .type(csv ? 'text/csv; charset=utf-8' : 'text/html; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="access-review-${q.month}.${csv ? 'csv' : 'html'}"`,
          );
        return csv ? reportCsv(report) : reportHtml(report);
      },
    );

    // 가명정보 처리 기록 for a month, as JSON or CSV (tenant-scoped like the review).
    app.get(
      '/api/audit/pseudonymisation',
      {
        schema: {
          querystring: S.object(
            {
              month: MONTH,
              format: { type: 'string', enum: ['csv', 'json'] },
              tenant: S.str,
            },
            ['month'],
          ),
        },
      },
      async (request, reply) => {
        const p = requireRole(request, OFFICERS, 'read the pseudonymisation records');
        const q = request.query as { month: string; format?: 'csv' | 'json'; tenant?: string };
        const rows = await pseudonymisationRecords(
          platform,
          q.month,
          officersTenant(p, q.tenant, 'processing records'),
        );
        if (q.format !== 'csv') return { data: rows };
        const { processingCsv } = await import('../audit/processing.js');
        void reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="pseudonymisation-${q.month}.csv"`);
        return processingCsv(rows);
      },
    );

    app.post(
      '/api/audit/signoff',
      {
        schema: {
          body: S.object(
            {
              month: MONTH,
              note: { type: 'string', maxLength: 2000 },
            },
            ['month'],
          ),
        },
      },
      async (request) => {
        requireRole(request, ['operator', 'compliance'], 'sign off the access-record review');
        const b = request.body as { month: string; note?: string };
        await signOffReview(platform, actorOf(request), b.month, b.note ?? '');
        return { ok: true };
      },
    );

    // A data subject's requests (PIPA arts. 35-37). The value travels in the body, never the URL
    // (which proxies and access logs keep); the service checks the role and scopes to the tenant.
    const subject = {
      schema: {
        body: S.object(
          {
            value: { type: 'string', minLength: 2, maxLength: 200 },
            reference: { type: 'string', maxLength: 200 },
          },
          ['value'],
        ),
      },
    };
    const subjectOf = (request: import('fastify').FastifyRequest) =>
      request.body as { value: string; reference?: string };
    app.post('/api/subjects/find', subject, async (request) => {
      const b = subjectOf(request);
      return findSubject(platform, actorOf(request), b.value, b.reference);
    });
    app.post('/api/subjects/export', subject, async (request, reply) => {
      const b = subjectOf(request);
      void reply.header('content-disposition', 'attachment; filename="data-subject-export.json"');
      return exportSubject(platform, actorOf(request), b.value, b.reference);
    });
    app.post(
      '/api/subjects/erase',
      {
        schema: {
          body: S.object(
            {
              value: { type: 'string', minLength: 2, maxLength: 200 },
              reference: { type: 'string', maxLength: 200 },
              force: { type: 'boolean' },
            },
            ['value'],
          ),
        },
      },
      async (request) => {
        const b = request.body as { value: string; reference?: string; force?: boolean };
        return eraseSubject(platform, actorOf(request), b.value, b.reference, { force: b.force === true });
      },
    );
  };
