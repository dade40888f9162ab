import type { FastifyPluginAsync } from 'fastify';
import { EvalJobs, runFor, runsFor } from '../app/evals.js';
import type { Platform } from '../app/platform.js';
import { compare } from '../eval/report.js';
import { principalOf, requireRole, S } from './context.js';

/** Evaluation runs and the console's evaluation jobs (officers and administrators start them). */
export const evalRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    const jobs = new EvalJobs(platform);

    app.get('/api/evals', async (request) => ({
      data: runsFor(platform, principalOf(request)).map(({ runId, created, options, suites, results }) => ({
        runId,
        created,
        models: options.models,
        suites,
        results,
      })),
    }));

    app.get('/api/evals/:runId', { schema: { params: S.params('runId') } }, async (request) => {
      const { runId } = request.params as { runId: string };
      const run = runFor(platform, principalOf(request), runId);
      return { ...run.record, comparison: compare([run]) };
    });

    app.get('/api/eval-suites', async () => ({ data: [...jobs.suites().keys()] }));

    app.get('/api/eval-jobs', async (request) => ({ data: jobs.list(principalOf(request)) }));

    app.post(
      '/api/eval-jobs',
      {
        schema: {
          body: S.object(
            {
              suite: S.str,
              models: { type: 'array', items: { type: 'string' } },
              limit: {
                anyOf: [
                  { type: 'integer', minimum: 1 },
                  { type: 'null' },
                  { type: 'string', pattern: '^(\\d*)$' },
                ],
              },
            },
            ['suite', 'models'],
          ),
        },
      },
      async (request) => {
        requireRole(request, ['operator', 'admin', 'compliance'], 'start evaluations');
        const b = request.body as { suite: string; models: string[]; limit?: number | string | null };
        const limit =
          b.limit === undefined || b.limit === null || b.limit === '' ? undefined : Number(b.limit);
        return jobs.start(principalOf(request), b.suite, b.models, limit);
      },
    );
  };
