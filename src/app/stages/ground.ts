import type { Stage } from '../../gateway/context.js';
import { groundedMessages, lastQuestion, retrieve } from '../../knowledge/rag.js';
import type { ChatRequest } from '../../models/chat-types.js';
import { readableCollection } from '../collections.js';
import { embedFor } from '../embeddings.js';
import type { Platform } from '../platform.js';
import type { RequestContext } from '../request.js';

/**
 * RAG mode: finds the passages for the last question in a collection the caller may read, and
 * puts them before the conversation. Runs after admission, so an over-budget request costs no
 * search; the query's embedding (hybrid collections) is its own metered call, cancelled with
 * the request.
 */
export const ground: Stage<RequestContext, Platform> = {
  name: 'ground',
  async run(ctx, platform) {
    const g = ctx.grounding;
    if (!g) return;
    const request = ctx.request as ChatRequest;
    const question = lastQuestion(request.messages);
    const settings = readableCollection(platform.config.dataDir, g.collection, ctx.principal);
    // The collection's class travels with its passages: the answer's model must be cleared for it.
    if (settings?.dataClass && ctx.scope) {
      const classes = new Set([...(ctx.scope.dataClasses ?? []), settings.dataClass]);
      ctx.scope = { ...ctx.scope, dataClasses: [...classes] };
    }
    const vector = settings?.embeddingModel
      ? (
          await embedFor(
            platform,
            { ...ctx, ...(ctx.scope?.dataClasses ? { dataClasses: ctx.scope.dataClasses } : {}) },
            settings.embeddingModel,
            [question],
          )
        )[0]
      : undefined;
    ctx.citations = await retrieve(await platform.knowledge(), g.collection, question, g.k, vector, g.filter);
    ctx.request = { ...request, messages: groundedMessages(request.messages, ctx.citations) };
  },
};
