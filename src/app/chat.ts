import type { DataClass } from '../core/names.js';
import type { Stage } from '../gateway/context.js';
import { modelCallStages } from '../gateway/gateway.js';
import type { ChatCompletion, ChatRequest } from '../models/chat-types.js';
import type { Principal } from '../tenancy/auth.js';
import { onGateway } from './embeddings.js';
import type { Platform } from './platform.js';
import { newRequest, type RequestContext } from './request.js';
import { runPipeline } from './run.js';
import { admit } from './stages/admit.js';
import { authenticate } from './stages/authenticate.js';
import { ground } from './stages/ground.js';
import { label } from './stages/label.js';
import { scope } from './stages/scope.js';
import { validateChat } from './stages/validate.js';

/**
 * The chat path, as every caller takes it (HTTP, console, `jugwon ask`, evaluation runs):
 * authenticate → scope → validate → admit → ground → scan → route → mask → call → restore → label, then
 * account (in runPipeline, once, whatever the outcome).
 */
export const chatPipeline: readonly Stage<RequestContext, Platform>[] = [
  authenticate,
  scope,
  validateChat,
  admit,
  ground,
  ...(modelCallStages as readonly Stage<RequestContext, Platform['gateway']>[]).map(onGateway),
  label,
];

/** Runs a chat request made with `capability: 'chat'`; the result is a completion or a stream. */
export function chat(platform: Platform, ctx: RequestContext): Promise<RequestContext> {
  return runPipeline(platform, chatPipeline, ctx);
}

/**
 * A whole answer for a caller inside jugwon (the CLI's `ask`, an evaluation run), under that
 * caller's principal: the same pipeline, audited with `route`.
 */
export async function completeFor(
  platform: Platform,
  principal: Principal,
  route: string,
  request: ChatRequest,
  signal: AbortSignal,
  requestId: string,
  priority: 'interactive' | 'batch' = 'interactive',
  dataClasses?: readonly DataClass[],
): Promise<ChatCompletion> {
  const ctx = newRequest({
    requestId,
    route,
    principal,
    signal,
    priority,
    capability: 'chat',
    body: { ...request, stream: false },
    ...(dataClasses?.length ? { dataClasses } : {}),
  });
  await chat(platform, ctx);
  return (ctx.result as { kind: 'completion'; completion: ChatCompletion }).completion;
}
