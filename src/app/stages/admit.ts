import type { Stage } from '../../gateway/context.js';
import type { ChatRequest } from '../../models/chat-types.js';
import { completionCap, promptBound, sequencesOf } from '../../quota/estimate.js';
import { DEFAULT_COMPLETION_CAP, estimateTokens } from '../../quota/quota.js';
import type { Platform } from '../platform.js';
import type { RequestContext } from '../request.js';

/**
 * Rate limit and token budget, before any work that costs model time (grounding included). The
 * request reserves what it can use at most — its prompt's bound and its largest completion limit
 * (which a request under a budget always sends) for every completion it asks for (`n`, `best_of`) — and is
 * settled to what it used when it is accounted. A budget is therefore never overspent
 * (docs/accountability.md).
 */
export const admit: Stage<RequestContext, Platform> = {
  name: 'admit',
  async run(ctx, platform) {
    const p = ctx.principal;
    if (!p) return;
    await platform.quotas.admit(p);
    const chat = ctx.capability === 'chat' ? (ctx.request as ChatRequest) : undefined;
    const budgeted = platform.quotas.hasBudget(p);
    let maxTokens = 0;
    if (chat) {
      const cap = completionCap(chat);
      maxTokens = (cap ?? DEFAULT_COMPLETION_CAP) * sequencesOf(chat);
      if (budgeted && cap === undefined) ctx.request = { ...chat, max_tokens: DEFAULT_COMPLETION_CAP };
    }
    ctx.reservation = await platform.quotas.reserve(p, estimateTokens(promptBound(ctx), maxTokens));
  },
};
