import { describe, expect, it } from 'vitest';
import { JugwonError } from '../../core/errors.js';
import type { Principal } from '../../tenancy/auth.js';
import type { Platform } from '../platform.js';
import { newRequest, type RequestContext } from '../request.js';
import { admit } from './admit.js';
import { authenticate } from './authenticate.js';
import { scope } from './scope.js';
import { validateChat } from './validate.js';

const tenant = (o: Partial<NonNullable<Principal['tenant']>> = {}) => ({
  id: 't1',
  name: 'acme',
  policy_preset: null,
  allowed_models: null,
  rpm: null,
  tokens_per_day: null,
  monthly_tokens: null,
  upload_bytes: null,
  ingest_bytes_per_day: null,
  share: null,
  ai_label: null,
  data_class: null,
  pseudonyms: null,
  created_at: '',
  ...o,
});
const principal = (t = tenant()): Principal => ({
  tenantId: t.id,
  tenantName: t.name,
  keyId: 'k1',
  userName: null,
  role: 'member',
  tenant: t,
  key: null,
});

/** A platform with only what these stages touch; each records what it was asked. */
function fakePlatform() {
  const reserved: number[] = [];
  const sealed: string[] = [];
  const platform = {
    config: { policy: { preset: 'pipa-strict' } },
    auth: {
      authenticate: (authorization: string | undefined) => {
        if (authorization !== 'Bearer good') throw new JugwonError('JG_AUTH_INVALID');
        return principal();
      },
    },
    quotas: {
      admit: () => undefined,
      hasBudget: () => true,
      reserve: (_p: Principal, tokens: number) => {
        reserved.push(tokens);
        return { scopes: [], tokens };
      },
    },
    retention: { seal: (_id: string, body: string) => sealed.push(body) },
  } as unknown as Platform;
  return { platform, reserved, sealed };
}

const chatCtx = (body: unknown, p?: Principal): RequestContext =>
  newRequest({ requestId: 'r1', route: 'test', capability: 'chat', body, ...(p ? { principal: p } : {}) });

describe('request stages', () => {
  it('authenticate resolves credentials once, and keeps a principal the caller brought', async () => {
    const { platform } = fakePlatform();
    const ctx = chatCtx({});
    ctx.credentials = { authorization: 'Bearer good', ip: '10.0.0.1' };
    await authenticate.run(ctx, platform);
    expect(ctx.principal?.tenantName).toBe('acme');
    const bad = chatCtx({});
    bad.credentials = { authorization: 'Bearer bad', ip: '10.0.0.1' };
    await expect(async () => authenticate.run(bad, platform)).rejects.toThrow(/invalid/);
    const brought = chatCtx({}, principal(tenant({ name: 'ops' })));
    brought.credentials = { authorization: 'Bearer bad', ip: '10.0.0.1' };
    await authenticate.run(brought, platform);
    expect(brought.principal?.tenantName).toBe('ops');
  });

  it("scope takes the tenant's preset and models, else the server's preset and every model", async () => {
    const { platform } = fakePlatform();
    const own = chatCtx({}, principal(tenant({ policy_preset: 'open', allowed_models: '["home"]' })));
    await scope.run(own, platform);
    expect(own.scope).toEqual({ preset: 'open', allowedModels: ['home'] });
    const plain = chatCtx({}, principal());
    await scope.run(plain, platform);
    expect(plain.scope).toEqual({ preset: 'pipa-strict', allowedModels: null });
  });

  it('validate reads RAG mode off the request, asks streams for usage, and seals the body when retained', async () => {
    const { platform, sealed } = fakePlatform();
    const ctx = chatCtx({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'q' }],
      jugwon: { collection: 'c', k: 3 },
    });
    await validateChat.run(ctx, platform);
    expect(ctx.grounding).toEqual({ collection: 'c', k: 3, filter: undefined });
    expect(ctx.request).not.toHaveProperty('jugwon');
    expect(ctx.request).toMatchObject({ stream_options: { include_usage: true } });
    expect([ctx.stream, ctx.wantsUsage]).toEqual([true, false]);
    expect(sealed).toHaveLength(1);
    await expect(validateChat.run(chatCtx({ model: 'm', messages: [] }), platform)).rejects.toThrow(
      /messages/,
    );
  });

  it('validate refuses a RAG field that is not {collection, k?, filter?}, and a k that is not a whole number from 1 to 50', async () => {
    const { platform, sealed } = fakePlatform();
    const ask = (jugwon: unknown) =>
      validateChat.run(chatCtx({ model: 'm', messages: [{ role: 'user', content: 'q' }], jugwon }), platform);
    for (const jugwon of [null, 'c', ['c'], {}, { collection: '' }, { collection: 7 }])
      await expect(ask(jugwon), JSON.stringify(jugwon)).rejects.toMatchObject({
        code: 'JG_INVALID_REQUEST',
        message: expect.stringContaining('"jugwon" must be'),
      });
    for (const k of [0, -1, 51, 2.5, 1e308, -0.5, true, '5', [3], { n: 3 }, null])
      await expect(ask({ collection: 'c', k }), JSON.stringify(k)).rejects.toMatchObject({
        code: 'JG_INVALID_REQUEST',
        message: expect.stringContaining('"jugwon.k" must be a whole number from 1 to 50'),
      });
    for (const k of [1, 50]) {
      const ctx = chatCtx({
        model: 'm',
        messages: [{ role: 'user', content: 'q' }],
        jugwon: { collection: 'c', k },
      });
      await validateChat.run(ctx, platform);
      expect(ctx.grounding?.k).toBe(k);
    }
    expect(sealed.length).toBeGreaterThan(0);
  });

  it('admit reserves at least what the request can use: prompt bytes, template tokens, passages, completion cap', async () => {
    const { platform, reserved } = fakePlatform();
    const plain = chatCtx({}, principal());
    plain.request = { model: 'm', messages: [{ role: 'user', content: '가'.repeat(100) }], max_tokens: 10 };
    await admit.run(plain, platform);
    const json = Buffer.byteLength(JSON.stringify({ messages: plain.request.messages }));
    expect(json).toBeGreaterThan(300); // 3 bytes a syllable: a bound no tokenizer exceeds
    const grounded = chatCtx({}, principal());
    grounded.request = plain.request;
    grounded.grounding = { collection: 'c', k: 5, filter: undefined };
    await admit.run(grounded, platform);
    expect(reserved).toEqual([json + 16 * 3 + 10, json + 16 * 3 + 5 * 4000 + 10]);
  });

  it('admit caps the completion of a request under a budget that does not say, at what it reserved', async () => {
    const { platform, reserved } = fakePlatform();
    const ctx = chatCtx({}, principal());
    ctx.request = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    await admit.run(ctx, platform);
    expect(ctx.request).toMatchObject({ max_tokens: 4096 });
    expect(reserved[0]).toBeGreaterThan(4096);
  });
});
