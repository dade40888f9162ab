import { sharedWhileRunning } from '../core/while-running.js';
import type { CallScope } from '../gateway/context.js';
import type { EndpointState } from '../models/pool.js';
import type { ModelHealth } from '../models/provider.js';
import type { Platform } from './platform.js';

/** GET /v1/models: the models the caller may use, with residency and capabilities. */
export function listModels(platform: Platform, scope: CallScope) {
  return {
    object: 'list' as const,
    data: platform.registry
      .list()
      .filter((p) => !scope.allowedModels || scope.allowedModels.includes(p.config.id))
      .map((p) => ({
        id: p.config.id,
        object: 'model' as const,
        created: 0,
        owned_by: 'jugwon',
        residency: p.config.residency,
        capabilities: p.config.capabilities,
        provider: p.config.provider,
      })),
  };
}

export interface Readiness {
  /** `ok` only when at least one chat model can answer. */
  status: 'ok' | 'degraded';
  policy: string;
  models: ({
    id: string;
    residency: string;
    capabilities: readonly string[];
    /** A pool's nodes, with their load and health. */
    endpoints?: EndpointState[];
  } & ModelHealth)[];
}

/**
 * Each model's real state, checked in parallel (an upstream's GET /models is timed out): what
 * the readiness endpoint, `jugwon serve` and the console's administration screen show. Callers
 * at the same moment share one round of checks: each round asks every node of every model, so a
 * burst of health requests would otherwise be multiplied onto the model servers.
 */
export const readiness = sharedWhileRunning(async (platform: Platform): Promise<Readiness> => {
  const models = await Promise.all(
    platform.registry.list().map(async (p) => ({
      id: p.config.id,
      residency: p.config.residency,
      capabilities: p.config.capabilities,
      ...(await p.health()),
      ...(p.endpoints && p.config.provider === 'openai-compatible' && p.config.endpoints
        ? { endpoints: p.endpoints() }
        : {}),
    })),
  );
  const canChat = models.some((m) => m.ok && m.capabilities.includes('chat'));
  return { status: canChat ? 'ok' : 'degraded', policy: platform.config.policy.preset, models };
});
