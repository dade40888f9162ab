import { JugwonError } from '../core/errors.js';
import type { Stage } from '../gateway/context.js';
import { modelCallStages } from '../gateway/gateway.js';
import type { EmbeddingsResponse } from '../models/chat-types.js';
import type { Platform } from './platform.js';
import { newRequest, type RequestContext } from './request.js';
import { runPipeline } from './run.js';
import { admit } from './stages/admit.js';
import { authenticate } from './stages/authenticate.js';
import { scope } from './stages/scope.js';
import { validateEmbeddings } from './stages/validate.js';

/** POST /v1/embeddings, and every embedding jugwon asks for itself (queries, documents at ingest). */
export const embeddingsPipeline: readonly Stage<RequestContext, Platform>[] = [
  authenticate,
  scope,
  validateEmbeddings,
  admit,
  ...(modelCallStages as readonly Stage<RequestContext, Platform['gateway']>[]).map(onGateway),
];

/** A model-call stage run with the platform's gateway part. */
export function onGateway(
  stage: Stage<RequestContext, Platform['gateway']>,
): Stage<RequestContext, Platform> {
  return { name: stage.name, run: (ctx, platform) => stage.run(ctx, platform.gateway) };
}

/** Runs the embeddings pipeline over a request made with `capability: 'embeddings'`. */
export async function embeddings(platform: Platform, ctx: RequestContext): Promise<EmbeddingsResponse> {
  await runPipeline(platform, embeddingsPipeline, ctx);
  return (ctx.result as { kind: 'embeddings'; response: EmbeddingsResponse }).response;
}

/**
 * Embeds texts on behalf of a request (a grounded question, a document at ingest): the same
 * pipeline as an API call — admitted against the caller's budgets, scanned under its policy,
 * metered, audited as its own record (route `<parent route> embeddings`), and cancelled with it.
 */
export async function embedFor(
  platform: Platform,
  parent: Pick<RequestContext, 'requestId' | 'route' | 'principal' | 'signal' | 'dataClasses'>,
  model: string,
  input: string[],
  priority: 'interactive' | 'batch' = 'interactive',
): Promise<number[][]> {
  const ctx = newRequest({
    requestId: parent.requestId,
    route: `${parent.route} embeddings`,
    signal: parent.signal,
    priority,
    capability: 'embeddings',
    ...(parent.principal ? { principal: parent.principal } : {}),
    ...(parent.dataClasses?.length ? { dataClasses: parent.dataClasses } : {}),
  });
  ctx.body = { model, input };
  return vectorsFor(model, input.length, await embeddings(platform, ctx));
}

/**
 * One vector per input, in the inputs' order, of one length and of finite numbers — or the model's
 * answer is refused: chunks given too few, shuffled or broken vectors were indexed under another
 * chunk's meaning (or failed deep in the index), and no search would say so.
 */
function vectorsFor(model: string, inputs: number, response: EmbeddingsResponse): number[][] {
  const bad = (status: string) => new JugwonError('JG_UPSTREAM_ERROR', { model, status });
  const data = Array.isArray(response?.data) ? response.data : [];
  if (data.length !== inputs) throw bad(`${data.length} embeddings for ${inputs} inputs`);
  const out: number[][] = new Array(inputs);
  for (const d of data) {
    const at = d?.index;
    if (!Number.isInteger(at) || at < 0 || at >= inputs || out[at] !== undefined)
      throw bad('embeddings without one distinct index per input');
    const v = d.embedding;
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
      throw bad('an embedding that is not a list of numbers');
    out[at] = v;
  }
  if (out.some((v) => v.length !== (out[0] as number[]).length)) throw bad('embeddings of different lengths');
  return out;
}

/** Texts embedded per model call when a document's chunks are embedded (queued as batch work). */
const EMBED_BATCH = 32;

/**
 * Embeds any number of texts (a document's chunks at ingest or erasure) in calls of EMBED_BATCH:
 * one call for thousands of chunks held the model and exceeded the inputs a request may carry.
 */
export function embedInBatches(
  platform: Platform,
  caller: Parameters<typeof embedFor>[1],
  model: string,
): (texts: string[]) => Promise<number[][]> {
  return async (texts) => {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += EMBED_BATCH)
      out.push(...(await embedFor(platform, caller, model, texts.slice(i, i + EMBED_BATCH), 'batch')));
    return out;
  };
}
