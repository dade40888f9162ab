import type { FastifyPluginAsync } from 'fastify';
import { readiness } from '../app/models.js';
import type { Platform } from '../app/platform.js';
import { requireRole } from './context.js';

/**
 * /healthz is liveness only: the process answers (no model names, paths or policy, and no key
 * needed, for load balancers). /api/health is readiness, for operators: each model's real state,
 * `status: "ok"` only when a chat model can answer, else `"degraded"`.
 */
export const healthRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    app.get('/healthz', async () => ({ status: 'ok' }));

    app.get('/api/health', async (request) => {
      requireRole(request, ['operator', 'admin', 'compliance'], 'read the health of models');
      return readiness(platform);
    });
  };
