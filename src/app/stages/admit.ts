import type { Stage } from '../../gateway/context.js';
import type { ChatRequest, EmbeddingsRequest } from '../../models/chat-types.js';
import { estimateTokens } from '../../quota/quota.js';
import type { Platform } from '../platform.js';
import type { RequestContext } from '../request.js';

/** A grounded prompt gains up to k passages; chunks are at most ~800 characters, plus their labels. */
const GROUNDING_CHARS_PER_PASSAGE = 1000;

const contentChars = (content: unknown) =>
  typeof content === 'string' ? content.length : JSON.stringify(content ?? '').length;

/** Characters the model will read: what the token estimate is made from. */
export function promptChars(ctx: Pick<RequestContext, 'capability' | 'request'>): number {
  if (ctx.capability === 'chat')
    return (ctx.request as ChatRequest).messages.reduce((n, m) => n + contentChars(m.content), 0);
  const { input } = ctx.request as EmbeddingsRequest;
  return (typeof input === 'string' ? [input] : input).reduce((n, s) => n + s.length, 0);
}

/**
 * Rate limit and token budget, before any work that costs model time (grounding included): the
 * request's estimate is reserved, and settled to what was used when the request is accounted.
 */
export const admit: Stage<RequestContext, Platform> = {
  name: 'admit',
  run(ctx, platform) {
    const p = ctx.principal;
    if (!p) return;
    const chat = ctx.capability === 'chat' ? (ctx.request as ChatRequest) : undefined;
    const maxTokens = chat ? (chat.max_completion_tokens ?? chat.max_tokens) : 0;
    platform.quotas.admit(p);
    const chars = promptChars(ctx) + (ctx.grounding?.k ?? 0) * GROUNDING_CHARS_PER_PASSAGE;
    ctx.reservation = platform.quotas.reserve(p, estimateTokens(chars, maxTokens));
  },
};
