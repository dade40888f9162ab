import { describe, expect, it } from 'vitest';
import { chatRequest, embeddingsRequest, MAX_CHOICES, MAX_EMBEDDING_INPUTS, MAX_TOKENS } from './validate.js';

const user = { role: 'user', content: '안녕하세요' };
const chat = (o: Record<string, unknown>) => ({ model: 'm', messages: [user], ...o });

/** Each body is refused with a problem that names the field, never passed on to a model. */
describe('the shape of a chat request', () => {
  const refused: [unknown, RegExp][] = [
    [null, /body must be a JSON object/],
    [[chat({})], /body must be a JSON object/],
    [{ messages: [user] }, /"model" must be a non-empty string/],
    [chat({ model: '' }), /"model" must be a non-empty string/],
    [chat({ messages: [] }), /"messages" must be a non-empty array/],
    [chat({ messages: { 0: user } }), /"messages" must be a non-empty array/],
    [chat({ messages: [user, 'hi'] }), /messages\[1\] must be an object/],
    [chat({ messages: [{ role: 'root', content: 'x' }] }), /messages\[0\]\.role must be one of/],
    [
      chat({ messages: [{ role: 'user', content: 5 }] }),
      /messages\[0\]\.content must be a string, an array of parts or null/,
    ],
    [
      chat({ messages: [{ role: 'user', content: { text: 'x' } }] }),
      /content must be a string, an array of parts/,
    ],
    [
      chat({ messages: [{ role: 'user', content: ['x'] }] }),
      /messages\[0\]\.content parts must be objects with a "type"/,
    ],
    [chat({ messages: [{ role: 'user', content: [{ text: 'x' }] }] }), /parts must be objects with a "type"/],
    [
      chat({ messages: [{ role: 'assistant', tool_calls: {} }] }),
      /messages\[0\]\.tool_calls must be an array/,
    ],
    [
      chat({
        messages: [{ role: 'assistant', tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }] }],
      }),
      /messages\[0\]\.tool_calls\[0\]\.function\.arguments must be a string/,
    ],
    [chat({ messages: [{ role: 'assistant', tool_calls: [null] }] }), /tool_calls\[0\]\.function\.arguments/],
    [chat({ stream: 'yes' }), /"stream" must be a boolean/],
    [chat({ tools: { f: 1 } }), /"tools" must be an array/],
    [chat({ temperature: '0.2' }), /"temperature" must be a number/],
    [chat({ top_p: Number.POSITIVE_INFINITY }), /"top_p" must be a number/],
    [chat({ seed: [1] }), /"seed" must be a whole number/],
    [chat({ seed: 1.5 }), /"seed" must be a whole number/],
    // Outside the ranges OpenAI's API documents.
    [chat({ temperature: -0.1 }), /"temperature" must be from 0 to 2/],
    [chat({ temperature: 2.5 }), /"temperature" must be from 0 to 2/],
    [chat({ top_p: 2 }), /"top_p" must be from 0 to 1/],
    [chat({ presence_penalty: -3 }), /"presence_penalty" must be from -2 to 2/],
    [chat({ frequency_penalty: 1e9 }), /"frequency_penalty" must be from -2 to 2/],
    [chat({ top_logprobs: 21 }), /"top_logprobs" must be a whole number from 0 to 20/],
    [chat({ top_logprobs: -1 }), /"top_logprobs" must be a whole number from 0 to 20/],
    [chat({ top_logprobs: 1.5 }), /"top_logprobs" must be a whole number/],
    [chat({ temperature: 1e308 }), /"temperature" must be from 0 to 2/],
    [chat({ seed: 2 ** 60 }), /"seed" must be a whole number/],
    [chat({ logit_bias: { '-1': 1 } }), /"logit_bias" must map token ids/],
    [chat({ logit_bias: { '12345678': 1 } }), /"logit_bias" must map token ids/],
    [chat({ logit_bias: { '50256': '5' } }), /"logit_bias" must map token ids to numbers/],
    [chat({ logit_bias: { '50256': { v: 1 } } }), /"logit_bias" must map token ids to numbers/],
    [chat({ logit_bias: { '50256': 1000 } }), /"logit_bias" must map token ids to numbers from -100 to 100/],
    [chat({ logit_bias: { hello: 1 } }), /"logit_bias" must map token ids/],
    [chat({ logit_bias: [1] }), /"logit_bias" must be an object/],
    [chat({ max_tokens: 0 }), new RegExp(`"max_tokens" must be a whole number from 1 to ${MAX_TOKENS}`)],
    [chat({ max_completion_tokens: MAX_TOKENS + 1 }), /"max_completion_tokens" must be a whole number/],
    [chat({ n_predict: -1 }), /"n_predict" must be a whole number/],
    [chat({ n: MAX_CHOICES + 1 }), new RegExp(`"n" must be a whole number from 1 to ${MAX_CHOICES}`)],
    [chat({ best_of: 1.5 }), /"best_of" must be a whole number/],
  ];
  it.each(refused)('refuses %j', (body, problem) => {
    expect(() => chatRequest(body)).toThrow(problem);
    try {
      chatRequest(body);
    } catch (e) {
      expect(e).toMatchObject({ code: 'JG_INVALID_REQUEST', status: 400 });
    }
  });

  it('passes what it does not check on to the model as sent', () => {
    const body = chat({
      messages: [
        { role: 'system', content: null },
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        {
          role: 'assistant',
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', content: '{}', tool_call_id: 'c' },
      ],
      temperature: null,
      top_p: 1,
      presence_penalty: -2,
      logit_bias: { '50256': -100 },
      top_logprobs: 0,
      seed: -7,
      max_tokens: MAX_TOKENS,
      n: MAX_CHOICES,
      vendor_option: { x: 1 },
    });
    expect(chatRequest(body)).toBe(body);
  });
});

describe('the shape of an embeddings request', () => {
  it.each([
    [{ input: 'x' }, /"model" must be a non-empty string/],
    [{ model: 'e', input: [] }, /"input" must be a string or a non-empty array of strings/],
    [{ model: 'e', input: [1, 2, 3] }, /token arrays are not accepted/],
    [{ model: 'e', input: ['a', null] }, /"input" must be a string or a non-empty array/],
    [
      { model: 'e', input: Array(MAX_EMBEDDING_INPUTS + 1).fill('a') },
      /at most 2048 strings \(it holds 2049\)/,
    ],
  ])('refuses %#', (body, problem) => {
    expect(() => embeddingsRequest(body)).toThrow(problem);
  });
});
