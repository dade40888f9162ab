import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';
import { sqliteOf } from '../support/stores.js';
import { writeTinyGguf } from '../support/tiny-gguf.js';

const RRN = '900101-1234568';
const PHONE = '010-1234-5678';
const NAME = '김민준';

interface Env {
  server: JugwonServer;
  base: string;
  client: OpenAI;
  onprem: MockUpstream;
  foreign: MockUpstream;
}

/** The configuration contract of the issue, with the mock upstreams' ports. */
function contractConfig(
  dir: string,
  onprem: MockUpstream,
  foreign: MockUpstream,
  policy = '{ preset: pipa-strict }',
) {
  writeTinyGguf(join(dir, 'models', 'tiny.gguf'));
  const file = join(dir, 'jugwon.yaml');
  writeFileSync(
    file,
    [
      'server: { host: 127.0.0.1, port: 8787 }',
      'dataDir: ./data',
      'models:',
      `  - { id: onprem-chat, provider: openai-compatible, baseUrl: "${onprem.url}", residency: onprem }`,
      `  - { id: foreign-chat, provider: openai-compatible, baseUrl: "${foreign.url}", residency: foreign, retries: 0 }`,
      '  - { id: local-gguf, provider: llamacpp, path: ./models/tiny.gguf, residency: onprem }',
      `policy: ${policy}`,
    ].join('\n'),
  );
  return loadConfig(file);
}

async function start(policy?: string): Promise<Env> {
  const dir = mkdtempSync(join(tmpdir(), 'jugwon-gw-'));
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(dir, 'models'));
  const onprem = await startMockUpstream();
  const foreign = await startMockUpstream();
  const config = contractConfig(dir, onprem, foreign, policy);
  const server = await createServer(config, { logger: false });
  const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    server,
    base: address,
    client: new OpenAI({ baseURL: `${address}/v1`, apiKey: 'unused', maxRetries: 0 }),
    onprem,
    foreign,
  };
}

async function stop(env: Env) {
  await env.server.close();
  await env.onprem.close();
  await env.foreign.close();
}

describe('gateway with the openai SDK (pipa-strict)', () => {
  let env: Env;
  beforeAll(async () => {
    env = await start();
  });
  afterAll(async () => stop(env));

  it('lists the configured models with their residency', async () => {
    const models = await env.client.models.list();
    expect(models.data.map((m) => [m.id, (m as unknown as { residency: string }).residency])).toEqual([
      ['onprem-chat', 'onprem'],
      ['foreign-chat', 'foreign'],
      ['local-gguf', 'onprem'],
    ]);
  });

  it('passes personal data raw to an on-premises model, and says so in the headers', async () => {
    const { data, response } = await env.client.chat.completions
      .create({ model: 'onprem-chat', messages: [{ role: 'user', content: `주민번호 ${RRN}` }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe(`echo: 주민번호 ${RRN}`);
    expect(env.onprem.received.at(-1)).toContain(RRN);
    expect(response.headers.get('x-jugwon-model')).toBe('onprem-chat');
    expect(response.headers.get('x-jugwon-residency')).toBe('onprem');
    expect(response.headers.get('x-jugwon-policy')).toBe('allow');
    expect(response.headers.get('x-jugwon-pii-found')).toBe('unique_identifier=1');
  });

  it('refuses a 주민등록번호 bound for a foreign model, which receives nothing', async () => {
    const before = env.foreign.received.length;
    const err = await env.client.chat.completions
      .create({
        model: 'foreign-chat',
        messages: [
          { role: 'system', content: `고객 ${RRN}` },
          { role: 'user', content: '요약해 줘' },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('JG_POLICY_BLOCKED');
    expect((err as Error).message).toContain('unique_identifier');
    expect((err as Error).message).not.toContain('900101');
    expect(env.foreign.received.length).toBe(before);
  });

  it('pseudonymises a name and phone number for a foreign model and restores the answer', async () => {
    const text = `${NAME} 고객님 연락처는 ${PHONE}입니다.`;
    const { data, response } = await env.client.chat.completions
      .create({ model: 'foreign-chat', messages: [{ role: 'user', content: text }] })
      .withResponse();
    const sent = env.foreign.received.at(-1) ?? '';
    expect(sent).not.toContain(PHONE);
    expect(sent).not.toContain(NAME);
    expect(sent).toContain('〔PHONE_1〕');
    expect(data.choices[0]?.message.content).toBe(`echo: ${text}`);
    expect(response.headers.get('x-jugwon-policy')).toBe('mask');
    expect(response.headers.get('x-jugwon-pii-masked')).toBe('2');
  });

  it('restores a streamed answer chunk by chunk, with usage when asked for', async () => {
    const text = `${NAME}님, ${PHONE}로 연락드리겠습니다.`;
    const stream = await env.client.chat.completions.create({
      model: 'foreign-chat',
      messages: [{ role: 'user', content: text }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let out = '';
    let usage: unknown;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      out += chunk.choices[0]?.delta.content ?? '';
      finish ??= chunk.choices[0]?.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(out).toBe(`echo: ${text}`);
    expect(finish).toBe('stop');
    expect(usage).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
    expect(env.foreign.received.at(-1)).not.toContain(PHONE);
  });

  it('restores tool-call arguments, whole and streamed', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'lookup', parameters: { type: 'object', properties: {} } },
      },
    ];
    const text = `${PHONE} 조회`;
    const whole = await env.client.chat.completions.create({
      model: 'foreign-chat',
      messages: [{ role: 'user', content: text }],
      tools,
    });
    const call = whole.choices[0]?.message.tool_calls?.[0] as { function: { arguments: string } } | undefined;
    expect(JSON.parse(call?.function.arguments ?? '{}')).toEqual({ text });
    const stream = await env.client.chat.completions.create({
      model: 'foreign-chat',
      messages: [{ role: 'user', content: text }],
      tools,
      stream: true,
    });
    let args = '';
    for await (const chunk of stream)
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
    expect(JSON.parse(args)).toEqual({ text });
    expect(env.foreign.received.at(-1)).not.toContain(PHONE);
  });

  it('scans tool results and tool-call arguments in the conversation too', async () => {
    const before = env.foreign.received.length;
    const err = await env.client.chat.completions
      .create({
        model: 'foreign-chat',
        messages: [
          { role: 'user', content: '고객 조회' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'f', arguments: `{"rrn":"${RRN}"}` } },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: '없음' },
        ],
      })
      .catch((e: unknown) => e);
    expect((err as { status?: number }).status).toBe(403);
    expect(env.foreign.received.length).toBe(before);
  });

  it('embeds through an OpenAI-compatible upstream and through the embedded GGUF model', async () => {
    const remote = await env.client.embeddings.create({ model: 'onprem-chat', input: ['가나다', '라마'] });
    expect(remote.data.map((d) => d.embedding.length)).toEqual([3, 3]);
    const local = await env.client.embeddings.create({ model: 'local-gguf', input: '주민등록번호 안내' });
    expect(local.data[0]?.embedding.length).toBe(32);
    expect(local.data[0]?.embedding.some((x) => x !== 0)).toBe(true);
  });

  it('chats with the embedded GGUF model, whole and streamed', async () => {
    const whole = await env.client.chat.completions.create({
      model: 'local-gguf',
      messages: [{ role: 'user', content: '안녕하세요 고객님' }],
      max_tokens: 8,
    });
    expect(whole.choices[0]?.message.role).toBe('assistant');
    expect(whole.usage?.completion_tokens).toBeGreaterThan(0);
    const stream = await env.client.chat.completions.create({
      model: 'local-gguf',
      messages: [{ role: 'user', content: '안녕하세요' }],
      max_tokens: 6,
      stream: true,
    });
    const chunks: string[] = [];
    let finish: string | null | undefined;
    for await (const c of stream) {
      chunks.push(c.choices[0]?.delta.content ?? '');
      finish = c.choices[0]?.finish_reason ?? finish;
    }
    expect(chunks.length).toBeGreaterThan(2);
    expect(['stop', 'length']).toContain(finish);
  });

  it('answers errors in the OpenAI shape with stable codes', async () => {
    const missing = await env.client.chat.completions
      .create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.APIError>).code).toBe('JG_MODEL_NOT_FOUND');
    const bad = await fetch(`${env.base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":"onprem-chat"}',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        message: expect.stringContaining('"messages"'),
        type: 'invalid_request_error',
        code: 'JG_INVALID_REQUEST',
      },
    });
    // A sampling setting outside its documented range is refused here, not passed to the model.
    const hot = await fetch(`${env.base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'onprem-chat',
        messages: [{ role: 'user', content: 'x' }],
        temperature: 1e308,
      }),
    });
    expect([hot.status, ((await hot.json()) as { error: { code: string; message: string } }).error]).toEqual([
      400,
      expect.objectContaining({
        code: 'JG_INVALID_REQUEST',
        message: expect.stringContaining('"temperature"'),
      }),
    ]);
    const broken = await fetch(`${env.base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('JG_INVALID_REQUEST');
    const huge = await fetch(`${env.base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'onprem-chat',
        messages: [{ role: 'user', content: 'x'.repeat(9 * 1024 * 1024) }],
      }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('JG_INPUT_TOO_LARGE');
    const route = await fetch(`${env.base}/v1/nothing`);
    expect(route.status).toBe(404);
    expect(((await route.json()) as { error: { code: string } }).error.code).toBe('JG_ROUTE_NOT_FOUND');
  });

  it('reports health per model to operators; /healthz is liveness only', async () => {
    const live = await fetch(`${env.base}/healthz`);
    expect(await live.json()).toEqual({ status: 'ok' }); // no models, paths or policy for anyone
    // No key exists yet in this test: loopback callers act as the bootstrap administrator.
    const res = await fetch(`${env.base}/api/health`);
    const body = (await res.json()) as { status: string; models: { id: string; ok: boolean }[] };
    expect(body.status).toBe('ok');
    expect(body.models.map((m) => [m.id, m.ok])).toEqual([
      ['onprem-chat', true],
      ['foreign-chat', true],
      ['local-gguf', true],
    ]);
  });
});

describe('gateway rerouting and upstream failures', () => {
  it('reroutes a blocked request to an allowed on-premises model when the policy says so', async () => {
    const env = await start('{ preset: pipa-strict, reroute: true }');
    try {
      const { data, response } = await env.client.chat.completions
        .create({ model: 'foreign-chat', messages: [{ role: 'user', content: `번호 ${RRN}` }] })
        .withResponse();
      expect(data.choices[0]?.message.content).toBe(`echo: 번호 ${RRN}`);
      expect(response.headers.get('x-jugwon-model')).toBe('onprem-chat');
      expect(response.headers.get('x-jugwon-rerouted-from')).toBe('foreign-chat');
      expect(env.foreign.received).toEqual([]);
    } finally {
      await stop(env);
    }
  });

  it('restores tags a model writes back in other brackets or none, whole and streamed', async () => {
    // The model was sent 〔PERSON_1〕 and 〔PHONE_1〕 and answers with PERSON_1 and 【PHONE_1】.
    const text = `${NAME} 고객님 연락처는 ${PHONE}입니다.`;
    const { sent, whole, streamed } = await answeredBothWays(
      (prompt) => `확인: ${prompt.replace(/〔(PERSON_\d+)〕/g, '$1').replace(/〔(PHONE_\d+)〕/g, '【$1】')}`,
      {},
      text,
    );
    expect(sent).toContain('〔PHONE_1〕');
    expect(whole).toBe(`확인: ${text}`);
    expect(streamed).toBe(`확인: ${text}`);
  });

  it('restores surrogate numbers a model writes back with other separators, whole and streamed', async () => {
    // The model was sent another real-looking phone number (privacy.mode: surrogate) and answers
    // with its dashes turned into spaces.
    const text = `연락처는 ${PHONE}입니다.`;
    const { sent, whole, streamed } = await answeredBothWays(
      (prompt) => `확인: ${prompt.replace(/(\d)-(\d)/g, '$1 $2')}`,
      { privacy: { mode: 'surrogate' } },
      text,
    );
    expect(sent).not.toContain(PHONE);
    expect(sent).toMatch(/010-\d{4}-\d{4}/);
    expect(whole).toBe(`확인: ${text}`);
    expect(streamed).toBe(`확인: ${text}`);
  });

  it('retries 5xx answers, then falls back to the next allowed model', async () => {
    const flaky = await startMockUpstream({ failFirst: 1 });
    const dead = await startMockUpstream({ dropConnections: true });
    const backup = await startMockUpstream();
    const config = loadConfigFrom({
      models: [
        { id: 'flaky', provider: 'openai-compatible', baseUrl: flaky.url, residency: 'onprem', retries: 1 },
        {
          id: 'dead',
          provider: 'openai-compatible',
          baseUrl: dead.url,
          residency: 'onprem',
          retries: 1,
          fallbacks: ['backup'],
        },
        { id: 'backup', provider: 'openai-compatible', baseUrl: backup.url, residency: 'onprem' },
      ],
    });
    const server = await createServer(config, { logger: false });
    const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const client = new OpenAI({ baseURL: `${address}/v1`, apiKey: 'x', maxRetries: 0 });
    try {
      const a = await client.chat.completions.create({
        model: 'flaky',
        messages: [{ role: 'user', content: '하나' }],
      });
      expect(a.choices[0]?.message.content).toBe('echo: 하나');
      expect(flaky.received.length).toBe(2);
      const { data, response } = await client.chat.completions
        .create({ model: 'dead', messages: [{ role: 'user', content: '둘' }] })
        .withResponse();
      expect(data.choices[0]?.message.content).toBe('echo: 둘');
      expect(response.headers.get('x-jugwon-model')).toBe('backup');
      expect(dead.received.length).toBe(2);
    } finally {
      await server.close();
      await Promise.all([flaky.close(), dead.close(), backup.close()]);
    }
  });

  it('ends a stream with an error event when the upstream fails mid-stream', async () => {
    const broken = await startMockUpstream({ errorAfterChunks: 2 });
    const { server, client } = await serveOne(broken);
    try {
      const { got, err } = await streamUntilError(client);
      expect(got).toBe('echo: ');
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect(String((err as Error).message)).toContain('upstream');
    } finally {
      await server.close();
      await broken.close();
    }
  });

  it('answers 504 JG_UPSTREAM_TIMEOUT for a model silent past its timeout, before the answer or in the middle of a stream', async () => {
    const silent = await startMockUpstream({ latencyMs: 3000 });
    const stalling = await startMockUpstream({ chunkDelayMs: 3000, chunkSize: 4 });
    const one = await serveOne(silent, { timeoutMs: 300, retries: 0 });
    const two = await serveOne(stalling, { timeoutMs: 300, retries: 0 });
    try {
      const res = await fetch(`${one.address}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: '안녕하세요' }] }),
      });
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
        504,
        'JG_UPSTREAM_TIMEOUT',
      ]);
      // The first chunk arrives, then the model stalls: the stream ends with the timeout as its error.
      const { got, err } = await streamUntilError(two.client);
      expect(got).toBe('echo');
      expect(String((err as Error).message)).toContain('did not answer within 300 ms');
      // Both are in the trail as what they were.
      const outcomes = sqliteOf(two.server.store)
        .prepare<[], { record: string }>('SELECT record FROM audit_log')
        .all()
        .map((r) => (JSON.parse(r.record) as { outcome: string }).outcome);
      expect(outcomes).toContain('JG_UPSTREAM_TIMEOUT');
    } finally {
      await one.server.close();
      await two.server.close();
      await silent.close();
      await stalling.close();
    }
  });

  it('cuts off a client that asks for a stream and reads none of it, and gives the model slot it held to the next', async () => {
    const upstream = await startMockUpstream({ reply: () => '가'.repeat(3_000_000), chunkSize: 4000 });
    const server = await createServer(
      loadConfigFrom({
        server: { slowClientMs: 500 },
        models: [
          {
            id: 'm',
            provider: 'openai-compatible',
            residency: 'onprem',
            endpoints: [{ baseUrl: upstream.url, maxConcurrency: 1 }],
          },
        ],
      }),
      { logger: false },
    );
    const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const net = await import('node:net');
    const body = JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: '길게' }] });
    const silent = net.connect(Number(new URL(address).port), '127.0.0.1');
    try {
      // Asks, then never reads: the 9 MB answer fills the socket and the gateway waits on it.
      await new Promise<void>((r) => silent.once('connect', () => r()));
      silent.write(
        `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      silent.pause();
      while (upstream.received.length === 0) await new Promise((r) => setTimeout(r, 10));
      // The one slot of the model is held by that stream; the next request gets it once it is cut off.
      const next = await fetch(`${address}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: '짧게' }] }),
        signal: AbortSignal.timeout(20_000),
      });
      expect(next.status).toBe(200);
      const statuses = sqliteOf(server.store)
        .prepare<[], { record: string }>('SELECT record FROM audit_log')
        .all()
        .map((r) => (JSON.parse(r.record) as { status: number }).status);
      expect(statuses).toEqual(expect.arrayContaining([499, 200]));
    } finally {
      silent.destroy();
      await server.close();
      await upstream.close();
    }
  }, 30_000);

  it('streams on past chunks an upstream sends without choices, as some servers do for usage', async () => {
    const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const events = [
      {
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '안녕' }, finish_reason: null }],
      },
      { ...base }, // no choices at all
      { ...base, choices: [{ index: 0, delta: { content: '하세요' }, finish_reason: 'stop' }] },
      { usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }, // usage alone
    ];
    const upstream = await rawUpstream((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const e of events) res.write(`data: ${JSON.stringify(e)}\n\n`);
      res.end('data: [DONE]\n\n');
    });
    const { server, client } = await serveOne(upstream);
    try {
      const { got, err } = await streamUntilError(client);
      expect([got, err]).toEqual(['안녕하세요', undefined]);
    } finally {
      await server.close();
      await upstream.close();
    }
  });

  it('answers 502 JG_UPSTREAM_ERROR, not an internal error, for a whole answer that is no completion', async () => {
    let answer = 'null';
    const upstream = await rawUpstream((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(answer);
    });
    const { server, address } = await serveOne(upstream);
    try {
      for (const body of ['null', '[]', '"안녕하세요"', '{"choices": "none"}', '{"id": "x"}']) {
        answer = body;
        const res = await fetch(`${address}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: '안녕' }] }),
        });
        const error = ((await res.json()) as { error: { code: string; message: string } }).error;
        expect([res.status, error.code, error.message], body).toEqual([
          502,
          'JG_UPSTREAM_ERROR',
          expect.stringContaining('malformed answer'),
        ]);
      }
    } finally {
      await server.close();
      await upstream.close();
    }
  });

  it('cancels the upstream call when the client disconnects', async () => {
    const slow = await startMockUpstream({ latencyMs: 2000 });
    const { server, address } = await serveOne(slow);
    try {
      const controller = new AbortController();
      const pending = fetch(`${address}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: '안녕' }] }),
        signal: controller.signal,
      }).catch(() => undefined);
      while (slow.received.length === 0) await new Promise((r) => setTimeout(r, 10));
      controller.abort();
      await pending;
      const deadline = Date.now() + 1500;
      while (slow.aborted() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(slow.aborted()).toBe(1);
    } finally {
      await server.close();
      await slow.close();
    }
  });
});

/** A model server that answers every request with `answer` (whatever it writes), read body first. */
async function rawUpstream(answer: (res: import('node:http').ServerResponse) => void) {
  const { createServer: httpServer } = await import('node:http');
  const server = httpServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}/v1`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) } as MockUpstream;
}

/** Streams a long answer from model `m` to its end or error: the text received, and the error. */
async function streamUntilError(client: OpenAI): Promise<{ got: string; err: unknown }> {
  const stream = await client.chat.completions.create({
    model: 'm',
    messages: [{ role: 'user', content: '긴 답변을 해 주세요' }],
    stream: true,
  });
  const got: string[] = [];
  const err = await (async () => {
    for await (const c of stream) got.push(c.choices[0]?.delta.content ?? '');
  })().catch((e: unknown) => e);
  return { got: got.join(''), err };
}

/** A server with one on-premises model `m` in front of `upstream`, and an SDK client for it. */
async function serveOne(upstream: MockUpstream, model: { timeoutMs?: number; retries?: number } = {}) {
  const server = await createServer(
    loadConfigFrom({
      models: [
        { id: 'm', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'onprem', ...model },
      ],
    }),
    { logger: false },
  );
  const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return { server, address, client: new OpenAI({ baseURL: `${address}/v1`, apiKey: 'x', maxRetries: 0 }) };
}

/**
 * `text` sent to a foreign model (pipa-strict) whose answers `reply` makes, streamed in small
 * chunks: what the model received, and the answer asked once whole and once streamed.
 */
async function answeredBothWays(
  reply: (prompt: string) => string,
  config: object,
  text: string,
): Promise<{ sent: string; whole: string; streamed: string }> {
  const upstream = await startMockUpstream({ reply, chunkSize: 3 });
  const server = await createServer(
    loadConfigFrom({
      models: [{ id: 'abroad', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'foreign' }],
      policy: { preset: 'pipa-strict' },
      ...config,
    }),
    { logger: false },
  );
  const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const client = new OpenAI({ baseURL: `${address}/v1`, apiKey: 'x', maxRetries: 0 });
  try {
    const messages = [{ role: 'user' as const, content: text }];
    const answer = await client.chat.completions.create({ model: 'abroad', messages });
    const sent = upstream.received.at(-1) ?? '';
    let streamed = '';
    for await (const chunk of await client.chat.completions.create({
      model: 'abroad',
      messages,
      stream: true,
    }))
      streamed += chunk.choices[0]?.delta.content ?? '';
    return { sent, whole: answer.choices[0]?.message.content ?? '', streamed };
  } finally {
    await server.close();
    await upstream.close();
  }
}

function loadConfigFrom(raw: object) {
  const dir = mkdtempSync(join(tmpdir(), 'jugwon-cfg-'));
  const file = join(dir, 'c.json.yaml');
  writeFileSync(file, JSON.stringify(raw));
  return loadConfig(file);
}
