import type { ChatRequest, EmbeddingsRequest } from '../../models/chat-types.js';
import type { GatewayDeps, ModelCallContext, Stage } from '../context.js';
import { shapeChat, shapeEmbeddings, textSlots } from '../egress.js';
import { scan } from '../screen.js';

/**
 * Shapes the request as it may leave (allow-listed fields only, see egress.ts) and finds the
 * personal data in every string of it (fails closed: see screen.ts).
 */
export const scanStage: Stage<ModelCallContext, GatewayDeps> = {
  name: 'scan',
  async run(ctx, deps) {
    const request = ctx.request as ChatRequest | EmbeddingsRequest;
    ctx.shaped =
      ctx.capability === 'chat'
        ? shapeChat(request as ChatRequest)
        : shapeEmbeddings(request as EmbeddingsRequest);
    const { slots, content } = textSlots(ctx.capability, ctx.shaped.body);
    ctx.findings = await scan(
      deps.detectAll ?? ((texts) => texts.map((t) => deps.detector.detect(t))),
      slots,
      content,
      deps.config.privacy.maxFindings,
    );
  },
};
