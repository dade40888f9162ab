import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Residency, resolveConfig } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import type { ChatRequest } from '../models/chat-types.js';
import type { ModelConfig, ModelProvider } from '../models/provider.js';
import { ModelRegistry } from '../models/registry.js';
import { createDetector } from '../privacy/engine.js';
import { Gateway } from './gateway.js';

/**
 * The guarantee the gateway exists for, checked over random requests, policies and upstream
 * failures: under pipa-strict no unique identifier or sensitive value ever reaches a domestic or
 * foreign model, in any form, and other personal data reaches them only pseudonymised.
 */
const UNIQUE = ['900101-1234568', '850723-2345671', '9001015234561', 'M12345678', '11-12-345678-90'];
const SENSITIVE_TEXT = ['건강보험증번호 12345678901'];
const PERSONAL = ['010-9876-5432', 'minjun@example.co.kr', '4111-1111-1111-1111'];
const FILLER = ['안녕하세요.', '요약해 주세요.', '고객 상담 기록입니다.', '확인 부탁드립니다.', ' ', '\n'];

const secretsIn = (values: readonly string[]) => values.flatMap((v) => [v, v.replace(/[-\s]/g, '')]);
const FORBIDDEN_ABROAD = secretsIn([...UNIQUE, '12345678901']);
const MASKED_ABROAD = secretsIn(PERSONAL);

interface Call {
  residency: Residency;
  body: string;
}

function recordingRegistry(models: ModelConfig[], calls: Call[], failing: Set<string>) {
  return new ModelRegistry(models, (config): ModelProvider => {
    const answer = (req: ChatRequest) => {
      calls.push({ residency: config.residency, body: JSON.stringify(req) });
      if (failing.has(config.id))
        throw new JugwonError('JG_UPSTREAM_ERROR', { model: config.id, status: 'HTTP 503' });
      const last = req.messages.at(-1);
      return typeof last?.content === 'string' ? last.content : '';
    };
    return {
      config,
      async chat(req) {
        const text = answer(req);
        return {
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: config.id,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        };
      },
      async *chatStream(req) {
        const text = answer(req);
        for (let i = 0; i < text.length; i += 4) {
          yield {
            id: 'x',
            object: 'chat.completion.chunk',
            created: 0,
            model: config.id,
            choices: [{ index: 0, delta: { content: text.slice(i, i + 4) }, finish_reason: null }],
          };
        }
      },
      async embed() {
        throw new Error('not used');
      },
      async health() {
        return { ok: true, state: 'ready' as const, detail: '' };
      },
      async close() {},
    };
  });
}

const segment = fc.oneof(
  fc.constantFrom(...UNIQUE),
  fc.constantFrom(...SENSITIVE_TEXT),
  fc.constantFrom(...PERSONAL),
  fc.constantFrom(...FILLER),
);
const text = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));
const message = fc.record({
  role: fc.constantFrom('system', 'user', 'assistant', 'tool') as fc.Arbitrary<
    'system' | 'user' | 'assistant' | 'tool'
  >,
  content: text,
  withToolCall: fc.boolean(),
  args: text,
});

describe('the strict presets never let unique identifiers or sensitive data leave the premises', () => {
  it('holds for random presets, requests, targets, reroute settings and upstream failures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(message, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('onprem-a', 'domestic-a', 'foreign-a', 'foreign-b'),
        fc.boolean(),
        fc.subarray(['onprem-a', 'domestic-a', 'foreign-a', 'foreign-b']),
        fc.boolean(),
        fc.constantFrom('pipa-strict', 'finance-sandbox'),
        async (messages, target, reroute, failing, stream, preset) => {
          const config = resolveConfig({
            policy: { preset, reroute },
            models: [
              {
                id: 'foreign-b',
                provider: 'openai-compatible',
                baseUrl: 'http://127.0.0.1:1/v1',
                residency: 'foreign',
              },
              {
                id: 'foreign-a',
                provider: 'openai-compatible',
                baseUrl: 'http://127.0.0.1:1/v1',
                residency: 'foreign',
                fallbacks: ['domestic-a', 'foreign-b'],
              },
              {
                id: 'domestic-a',
                provider: 'openai-compatible',
                baseUrl: 'http://127.0.0.1:1/v1',
                residency: 'domestic',
                fallbacks: ['foreign-a'],
              },
              {
                id: 'onprem-a',
                provider: 'openai-compatible',
                baseUrl: 'http://127.0.0.1:1/v1',
                residency: 'onprem',
                fallbacks: ['foreign-a'],
              },
            ],
          });
          const calls: Call[] = [];
          const gateway = new Gateway(
            config,
            recordingRegistry([...config.models], calls, new Set(failing)),
            createDetector(),
          );
          const request: ChatRequest = {
            model: target,
            messages: messages.map((m, i) => ({
              role: m.role,
              content: m.content,
              ...(m.withToolCall && m.role === 'assistant'
                ? {
                    tool_calls: [
                      { id: `c${i}`, type: 'function' as const, function: { name: 'f', arguments: m.args } },
                    ],
                  }
                : {}),
            })),
          };
          try {
            if (stream) {
              const { chunks } = await gateway.chatStream(request, new AbortController().signal);
              for await (const _ of chunks) {
                // drain
              }
            } else await gateway.chat(request, new AbortController().signal);
          } catch (e) {
            expect(e).toBeInstanceOf(JugwonError); // refused or failed upstream: never a crash
          }
          for (const call of calls) {
            if (call.residency === 'onprem') continue;
            for (const secret of [...FORBIDDEN_ABROAD, ...MASKED_ABROAD])
              expect(call.body).not.toContain(secret);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('restores what it masked: the answer equals the request text for an echoing model', async () => {
    await fc.assert(
      fc.asyncProperty(
        text.filter((t) => !UNIQUE.some((u) => t.includes(u)) && !t.includes('건강보험')),
        fc.boolean(),
        async (content, stream) => {
          const config = resolveConfig({
            models: [
              {
                id: 'abroad',
                provider: 'openai-compatible',
                baseUrl: 'http://127.0.0.1:1/v1',
                residency: 'foreign',
              },
            ],
          });
          const calls: Call[] = [];
          const gateway = new Gateway(
            config,
            recordingRegistry([...config.models], calls, new Set()),
            createDetector(),
          );
          const request: ChatRequest = { model: 'abroad', messages: [{ role: 'user', content }] };
          let answer = '';
          if (stream) {
            const { chunks } = await gateway.chatStream(request, new AbortController().signal);
            for await (const c of chunks) answer += c.choices[0]?.delta.content ?? '';
          } else
            answer =
              (await gateway.chat(request, new AbortController().signal)).completion.choices[0]?.message
                .content ?? '';
          expect(answer).toBe(content);
        },
      ),
      { numRuns: 200 },
    );
  });
});
