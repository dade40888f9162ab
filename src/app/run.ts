import { JugwonError } from '../core/errors.js';
import { runStages, type Stage } from '../gateway/context.js';
import type { ChatChunk } from '../models/chat-types.js';
import { storeUnavailable } from '../store/open.js';
import type { Platform } from './platform.js';
import { account, type RequestContext } from './request.js';

/**
 * The error a failed request is recorded and answered with: a store that cannot be reached is
 * JG_STORE_UNAVAILABLE, any other unknown error JG_INTERNAL.
 */
export function asJugwonError(e: unknown): JugwonError {
  return e instanceof JugwonError ? e : (storeUnavailable(e) ?? new JugwonError('JG_INTERNAL'));
}

/**
 * Runs a pipeline's stages over the request and accounts for it once, whatever the outcome: a
 * failure is recorded with its error before it is rethrown; a whole answer is recorded before it
 * is returned; a stream is recorded when it ends, is cut off or fails (see AccountedStream).
 */
export async function runPipeline(
  platform: Platform,
  stages: readonly Stage<RequestContext, Platform>[],
  ctx: RequestContext,
): Promise<RequestContext> {
  try {
    await runStages(stages, ctx, platform);
  } catch (e) {
    // A client that went away is recorded as such, whatever error the cancelled call raised.
    const err = ctx.signal.aborted ? clientGone() : asJugwonError(e);
    await account(platform, ctx, ctx.signal.aborted ? 499 : err.status, err);
    throw e;
  }
  if (ctx.result?.kind === 'stream')
    ctx.result = { kind: 'stream', chunks: new AccountedStream(platform, ctx, ctx.result.chunks) };
  else await account(platform, ctx, 200);
  return ctx;
}

/**
 * A model's stream that accounts for its request when it is done: after the last chunk (before
 * the caller writes its closing event), on an error, or when the caller stops reading (`return`,
 * e.g. the client went away) — even if no chunk was ever read. Usage comes from the upstream's
 * usage chunk.
 */
class AccountedStream implements AsyncIterable<ChatChunk>, AsyncIterator<ChatChunk> {
  private readonly upstream: AsyncIterator<ChatChunk>;

  constructor(
    private readonly platform: Platform,
    private readonly ctx: RequestContext,
    chunks: AsyncIterable<ChatChunk>,
  ) {
    this.upstream = chunks[Symbol.asyncIterator]();
  }

  [Symbol.asyncIterator](): AsyncIterator<ChatChunk> {
    return this;
  }

  private end(status: number, error?: JugwonError): Promise<void> {
    return account(this.platform, this.ctx, this.ctx.signal.aborted ? 499 : status, error);
  }

  async next(): Promise<IteratorResult<ChatChunk>> {
    let r: IteratorResult<ChatChunk>;
    try {
      r = await this.upstream.next();
    } catch (e) {
      const err =
        e instanceof JugwonError
          ? e
          : new JugwonError('JG_UPSTREAM_ERROR', {
              model: this.ctx.served?.model ?? '',
              status: 'stream failed',
            });
      await this.end(502, this.ctx.signal.aborted ? clientGone() : err);
      throw err;
    }
    if (r.done) await this.end(200, this.ctx.signal.aborted ? clientGone() : undefined);
    else {
      if (r.value.usage) this.ctx.usage = r.value.usage;
      for (const c of r.value.choices ?? []) {
        const text =
          (c.delta?.content ?? '') +
          (c.delta?.tool_calls ?? []).map((t) => t.function?.arguments ?? '').join('');
        if (text) this.ctx.generatedBytes = (this.ctx.generatedBytes ?? 0) + Buffer.byteLength(text, 'utf8');
      }
    }
    return r;
  }

  async return(): Promise<IteratorResult<ChatChunk>> {
    await this.end(200, this.ctx.signal.aborted ? clientGone() : undefined);
    await this.upstream.return?.();
    return { done: true, value: undefined };
  }
}

const clientGone = () => new JugwonError('JG_INVALID_REQUEST', { problem: 'client disconnected' });
