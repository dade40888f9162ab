import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer } from '../../src/http/server.js';
import { writeSettings } from '../../src/knowledge/settings.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { run } from '../support/cli.js';
import { seedCollection } from '../support/collections.js';
import { startMockUpstream } from '../support/mock-upstream.js';

async function seed(dataDir: string) {
  await seedCollection(dataDir, '내규', [
    {
      docId: 'loan',
      source: '대출규정.md',
      title: '대출 규정',
      markdown: '제2조(금리) 대출 금리는 한국은행 기준금리에 1.5%를 더한다.',
    },
    {
      docId: 'card',
      source: '카드규정.md',
      title: '카드 규정',
      markdown: '제1조 카드 분실은 즉시 신고한다.',
    },
  ]);
}

describe('answers grounded in a collection', () => {
  it('jugwon ask returns the cited passages without a model, and a grounded answer with one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-ask-'));
    await seed(join(dir, 'data'));
    const upstream = await startMockUpstream({ reply: () => '대출 금리는 기준금리에 1.5%를 더합니다 [1].' });
    writeFileSync(
      join(dir, 'jugwon.yaml'),
      `dataDir: ./data\nmodels:\n  - { id: home, provider: openai-compatible, baseUrl: "${upstream.url}", residency: onprem }\n`,
    );
    try {
      const bare = await run(
        [
          'ask',
          '대출 금리는 어떻게 정하나요?',
          '--collection',
          '내규',
          '--config',
          'jugwon.yaml',
          '--k',
          '1',
        ],
        dir,
      );
      expect(bare.code).toBe(0);
      expect(bare.stdout).toBe(
        '[1] 제2조(금리) 대출 금리는 한국은행 기준금리에 1.5%를 더한다.\n    — 대출규정.md · 제2조(금리)\n',
      );
      const answered = await run(
        [
          'ask',
          '대출 금리는 어떻게 정하나요?',
          '--collection',
          '내규',
          '--config',
          'jugwon.yaml',
          '--model',
          'home',
          '--json',
        ],
        dir,
      );
      const out = JSON.parse(answered.stdout);
      expect(out.answer).toBe('대출 금리는 기준금리에 1.5%를 더합니다 [1].');
      expect(out.citations[0]).toMatchObject({
        n: 1,
        docId: 'loan',
        source: '대출규정.md',
        article: '제2조(금리)',
      });
      const sent = JSON.parse(upstream.received.at(-1) ?? '{}');
      expect(sent.messages[0].role).toBe('system');
      expect(sent.messages[0].content).toContain('[1] (대출규정.md · 제2조(금리))');
    } finally {
      await upstream.close();
    }
  });

  it('RAG mode of /v1/chat/completions adds the passages and returns citations', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-rag-'));
    await seed(dataDir);
    const upstream = await startMockUpstream();
    const server = await createServer(
      resolveConfig({
        dataDir,
        models: [{ id: 'home', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'onprem' }],
      }),
      { logger: false },
    );
    try {
      const payload = {
        model: 'home',
        messages: [{ role: 'user', content: '카드를 잃어버렸어요' }],
        jugwon: { collection: '내규', k: 2 },
      };
      const res = await server.app.inject({ method: 'POST', url: '/v1/chat/completions', payload });
      expect(res.statusCode).toBe(200);
      expect(res.json().citations[0]).toMatchObject({ n: 1, docId: 'card' });
      const sent = JSON.parse(upstream.received.at(-1) ?? '{}');
      expect(sent.jugwon).toBeUndefined();
      expect(sent.messages[0].content).toContain('카드 분실은 즉시 신고한다');
      const stream = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { ...payload, stream: true },
      });
      const first = JSON.parse(stream.body.split('\n\n')[0]?.replace(/^data: /, '') ?? '{}');
      expect(first.citations[0].docId).toBe('card');
      const bad = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { ...payload, jugwon: { collection: '없음' } },
      });
      expect(bad.json().error.code).toBe('JG_COLLECTION_NOT_FOUND');
    } finally {
      await server.close();
      await upstream.close();
    }
  });

  it("RAG mode filters by metadata and keeps a tenant's collection from other tenants", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-rag-tenant-'));
    await seed(dataDir);
    writeSettings(dataDir, { 내규: { tenant: 'bank-a' } });
    const upstream = await startMockUpstream();
    const server = await createServer(
      resolveConfig({
        dataDir,
        models: [{ id: 'home', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'onprem' }],
      }),
      { logger: false },
    );
    try {
      await createTenant(server.store.db, 'bank-a');
      await createTenant(server.store.db, 'bank-b');
      const a = await createApiKey(server.store.db, 'bank-a');
      const b = await createApiKey(server.store.db, 'bank-b');
      const ask = (key: string, jugwon: unknown) =>
        server.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          headers: { authorization: `Bearer ${key}` },
          payload: { model: 'home', messages: [{ role: 'user', content: '대출 금리와 카드 분실' }], jugwon },
        });
      const own = await ask(a.key, { collection: '내규', k: 5 });
      expect(own.statusCode).toBe(200);
      expect(
        own
          .json()
          .citations.map((c: { docId: string }) => c.docId)
          .sort(),
      ).toEqual(['card', 'loan']);
      // A filter keeps only the chosen document's passages, whatever else would rank higher.
      const filtered = await ask(a.key, { collection: '내규', k: 5, filter: { docId: 'card' } });
      expect(filtered.json().citations.map((c: { docId: string }) => c.docId)).toEqual(['card']);
      const bySource = await ask(a.key, { collection: '내규', filter: { source: ['대출규정.md', 'x.md'] } });
      expect(bySource.json().citations.map((c: { docId: string }) => c.docId)).toEqual(['loan']);
      const badFilter = await ask(a.key, { collection: '내규', filter: { owner: 'x' } });
      expect(badFilter.statusCode).toBe(400);
      expect(badFilter.json().error.code).toBe('JG_INVALID_REQUEST');
      expect(badFilter.json().error.message).toContain('unknown filter "owner"');
      // Another tenant is told the collection does not exist, and nothing reaches the model.
      const before = upstream.received.length;
      const other = await ask(b.key, { collection: '내규' });
      expect(other.statusCode).toBe(404);
      expect(other.json().error.code).toBe('JG_COLLECTION_NOT_FOUND');
      expect(upstream.received.length).toBe(before);
    } finally {
      await server.close();
      await upstream.close();
    }
  });
});
