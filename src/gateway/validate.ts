import { JugwonError } from '../core/errors.js';
import type { ChatRequest, EmbeddingsRequest } from '../models/chat-types.js';

/** The largest completion a request may ask for. */
export const MAX_TOKENS = 1_000_000;

/** The most completions one request may ask the model for (OpenAI's own limit for `n`). */
export const MAX_CHOICES = 128;

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

/** Sampling settings and their ranges, as OpenAI's API documents them. */
const SAMPLING = [
  ['temperature', 0, 2],
  ['top_p', 0, 1],
  ['presence_penalty', -2, 2],
  ['frequency_penalty', -2, 2],
] as const;

const bad = (problem: string) => new JugwonError('JG_INVALID_REQUEST', { problem });
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the shape the gateway relies on; other fields pass through to the model as sent. */
export function chatRequest(body: unknown): ChatRequest {
  if (!isObject(body)) throw bad('the body must be a JSON object');
  if (typeof body.model !== 'string' || body.model === '') throw bad('"model" must be a non-empty string');
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw bad('"messages" must be a non-empty array');
  body.messages.forEach((m, i) => {
    if (!isObject(m)) throw bad(`messages[${i}] must be an object`);
    if (typeof m.role !== 'string' || !ROLES.has(m.role))
      throw bad(`messages[${i}].role must be one of ${[...ROLES].join(', ')}`);
    const c = m.content;
    if (!(typeof c === 'string' || c === null || c === undefined || Array.isArray(c))) {
      throw bad(`messages[${i}].content must be a string, an array of parts or null`);
    }
    if (Array.isArray(c) && !c.every((p) => isObject(p) && typeof p.type === 'string')) {
      throw bad(`messages[${i}].content parts must be objects with a "type"`);
    }
    if (m.tool_calls !== undefined) {
      if (!Array.isArray(m.tool_calls)) throw bad(`messages[${i}].tool_calls must be an array`);
      m.tool_calls.forEach((t, j) => {
        if (!isObject(t) || !isObject(t.function) || typeof t.function.arguments !== 'string') {
          throw bad(`messages[${i}].tool_calls[${j}].function.arguments must be a string`);
        }
      });
    }
  });
  if (body.stream !== undefined && typeof body.stream !== 'boolean') throw bad('"stream" must be a boolean');
  if (body.tools !== undefined && !Array.isArray(body.tools)) throw bad('"tools" must be an array');
  // Sampling settings within the ranges OpenAI's API documents: an upstream would refuse the rest
  // with an error of its own, or (some servers) clamp it silently.
  for (const [k, min, max] of SAMPLING) {
    const v = body[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`"${k}" must be a number`);
    if (v < min || v > max) throw bad(`"${k}" must be from ${min} to ${max}`);
  }
  if (body.seed !== undefined && body.seed !== null && !Number.isSafeInteger(body.seed))
    throw bad('"seed" must be a whole number');
  wholeIn(body, ['top_logprobs'], 0, 20);
  // Keys are token ids (no vocabulary holds ten million tokens): no room for other text.
  if (body.logit_bias !== undefined && body.logit_bias !== null) {
    if (!isObject(body.logit_bias)) throw bad('"logit_bias" must be an object of token ids and numbers');
    for (const [token, v] of Object.entries(body.logit_bias))
      if (!/^\d{1,7}$/.test(token) || typeof v !== 'number' || !(v >= -100 && v <= 100))
        throw bad('"logit_bias" must map token ids to numbers from -100 to 100');
  }
  // Token limits decide what a request may spend: whole, positive and bounded, or the budget
  // arithmetic could be turned against itself (negative or infinite reservations). `n_predict` is
  // llama.cpp's server's own name for the limit, which it prefers to `max_tokens` (-1: no limit).
  wholeIn(body, ['max_tokens', 'max_completion_tokens', 'n_predict'], 1, MAX_TOKENS);
  // Choices multiply what a request spends: `n` and `best_of` (sequences an upstream such as vLLM
  // generates to return the best `n`) are whole and bounded too, and admission counts them.
  wholeIn(body, ['n', 'best_of'], 1, MAX_CHOICES);
  return body as ChatRequest;
}

/** Each of the fields, when given, is a whole number from `min` to `max`. */
function wholeIn(body: Record<string, unknown>, keys: readonly string[], min: number, max: number): void {
  for (const k of keys) {
    const v = body[k];
    if (
      v !== undefined &&
      v !== null &&
      !(Number.isInteger(v) && (v as number) >= min && (v as number) <= max)
    )
      throw bad(`"${k}" must be a whole number from ${min} to ${max}`);
  }
}

export const MAX_EMBEDDING_INPUTS = 2048;

export function embeddingsRequest(body: unknown): EmbeddingsRequest {
  if (!isObject(body)) throw bad('the body must be a JSON object');
  if (typeof body.model !== 'string' || body.model === '') throw bad('"model" must be a non-empty string');
  const input = body.input;
  const ok =
    typeof input === 'string' ||
    (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === 'string'));
  if (!ok)
    throw bad('"input" must be a string or a non-empty array of strings (token arrays are not accepted)');
  // As OpenAI's API: the answer holds a vector per input, so a million one-letter inputs in a
  // small body would be an answer of gigabytes.
  if (Array.isArray(input) && input.length > MAX_EMBEDDING_INPUTS)
    throw bad(
      `"input" may hold at most ${MAX_EMBEDDING_INPUTS} strings (it holds ${input.length}): send them in batches`,
    );
  return body as EmbeddingsRequest;
}
