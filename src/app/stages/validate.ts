import { randomUUID } from 'node:crypto';
import { JugwonError } from '../../core/errors.js';
import type { Stage } from '../../gateway/context.js';
import { chatRequest, embeddingsRequest } from '../../gateway/validate.js';
import { filterFromJson } from '../../knowledge/filter.js';
import type { Platform } from '../platform.js';
import type { RequestContext } from '../request.js';

/** Seals the raw body under an id of the server's own, named in the request's audit record. */
async function retain(ctx: RequestContext, platform: Platform, body: unknown): Promise<void> {
  if (!platform.retention) return;
  ctx.retained = randomUUID();
  await platform.retention.seal(ctx.retained, JSON.stringify(body), ctx.principal?.tenantName ?? null);
}

/** The request field of RAG mode: {"jugwon": {"collection", "k"?, "filter"?}}. */
function groundingOf(v: unknown): NonNullable<RequestContext['grounding']> {
  const o = v as { collection?: unknown; k?: unknown; filter?: unknown } | null;
  if (!o || typeof o !== 'object' || Array.isArray(o) || typeof o.collection !== 'string' || !o.collection) {
    throw new JugwonError('JG_INVALID_REQUEST', {
      problem: '"jugwon" must be {"collection": "<name>", "k"?: number, "filter"?: {…}}',
    });
  }
  // A number as JSON writes it: `true`, `"5"` or `[3]` would pass Number() and mean something else.
  const k = o.k === undefined ? 5 : o.k;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > 50)
    throw new JugwonError('JG_INVALID_REQUEST', {
      problem: '"jugwon.k" must be a whole number from 1 to 50',
    });
  return { collection: o.collection, k, filter: filterFromJson(o.filter) };
}

/**
 * Checks the chat request's shape and reads RAG mode off it. A streamed request asks every
 * upstream for usage (metering needs it); the client gets usage only if it asked. The raw body
 * is sealed when the deployment retains requests.
 */
export const validateChat: Stage<RequestContext, Platform> = {
  name: 'validate',
  async run(ctx, platform) {
    const body = chatRequest(ctx.body);
    await retain(ctx, platform, body);
    let request = body;
    if (body.jugwon !== undefined) {
      ctx.grounding = groundingOf(body.jugwon);
      const { jugwon: _rag, ...rest } = body;
      request = rest;
    }
    ctx.stream = request.stream === true;
    if (ctx.stream) {
      ctx.wantsUsage = request.stream_options?.include_usage === true;
      request = { ...request, stream_options: { ...request.stream_options, include_usage: true } };
    }
    ctx.request = request;
  },
};

export const validateEmbeddings: Stage<RequestContext, Platform> = {
  name: 'validate',
  async run(ctx, platform) {
    const body = embeddingsRequest(ctx.body);
    await retain(ctx, platform, body);
    ctx.request = body;
  },
};
