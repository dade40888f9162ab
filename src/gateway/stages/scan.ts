import type { ChatRequest, EmbeddingsRequest } from '../../models/chat-types.js';
import type { GatewayDeps, ModelCallContext, Stage } from '../context.js';
import { scan } from '../screen.js';
import { chatTexts, embeddingTexts, type TextSlot } from '../texts.js';

/** Every text slot of the request, for scanning and masking. */
export function textsOf(
  ctx: Pick<ModelCallContext, 'capability'>,
  body: ChatRequest | EmbeddingsRequest,
): TextSlot[] {
  return ctx.capability === 'chat'
    ? chatTexts(body as ChatRequest)
    : embeddingTexts(body as EmbeddingsRequest);
}

/** Finds the personal data in every text of the request (fails closed: see screen.ts). */
export const scanStage: Stage<ModelCallContext, GatewayDeps> = {
  name: 'scan',
  run(ctx, deps) {
    ctx.findings = scan(deps.detector, textsOf(ctx, ctx.request as ChatRequest | EmbeddingsRequest));
  },
};
