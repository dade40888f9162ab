import { JugwonError } from '../core/errors.js';

/** What an upstream may send back for one call, in bytes (a shared cluster's node is not trusted). */
export const ANSWER_MAX_BYTES = {
  /** ~16 M tokens of text: no model writes a chat answer near this. */
  chat: 64 * 1024 * 1024,
  /** 2,048 inputs × 4,096 dimensions written as JSON numbers fit. */
  embeddings: 256 * 1024 * 1024,
  /** An error's body is only read for its message. */
  error: 64 * 1024,
} as const;

interface Body extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/**
 * A response body as text, read only up to `max` bytes: past it the body is dropped and the call
 * fails (`truncate`: the text so far is returned instead), so an upstream that never stops
 * cannot fill the gateway's memory.
 */
export async function textAtMost(body: Body, max: number, model: string, truncate = false): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.byteLength > max) {
      body.destroy();
      if (truncate) {
        chunks.push(chunk.subarray(0, max - size));
        break;
      }
      throw new JugwonError('JG_UPSTREAM_ERROR', {
        model,
        status: `answer longer than ${max / (1024 * 1024)} MB`,
      });
    }
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  return Buffer.concat(chunks).toString('utf8');
}
