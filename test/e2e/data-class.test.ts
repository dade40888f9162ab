import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFor } from '../../src/app/chat.js';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { writeSettings } from '../../src/knowledge/settings.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { run } from '../support/cli.js';
import { seedCollection } from '../support/collections.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';
import { sqliteOf } from '../support/stores.js';

/**
 * Data classes (국가망 보안체계 N2SF C/S/O; 신용정보): the class of a tenant, a request or a
 * collection decides which residencies may receive the request, at the egress chokepoint every
 * model call passes — refused with an explanation, or rerouted when rerouting is on.
 */
const ups: Record<string, MockUpstream> = {};
let server: JugwonServer;
let dataDir: string;
const keys: Record<string, string> = {};

beforeAll(async () => {
  for (const id of ['home', 'kr', 'us', 'narrow'])
    ups[id] = await startMockUpstream({ reply: () => `${id} 답변입니다.` });
  dataDir = mkdtempSync(join(tmpdir(), 'jugwon-class-'));
  await seedCollection(dataDir, '감사자료', [
    { docId: 'a', source: '감사.md', title: '감사', markdown: '제3조 내부 감사 결과는 기밀로 관리한다.' },
  ]);
  writeSettings(dataDir, { 감사자료: { dataClass: 'C' } });
  server = await createServer(
    resolveConfig({
      dataDir,
      policy: { preset: 'open', dataClasses: { credit: ['onprem'] } },
      models: [
        { id: 'home', provider: 'openai-compatible', baseUrl: ups.home?.url, residency: 'onprem' },
        { id: 'kr', provider: 'openai-compatible', baseUrl: ups.kr?.url, residency: 'domestic' },
        { id: 'us', provider: 'openai-compatible', baseUrl: ups.us?.url, residency: 'foreign' },
        {
          id: 'narrow',
          provider: 'openai-compatible',
          baseUrl: ups.narrow?.url,
          residency: 'domestic',
          dataClasses: ['O'],
        },
      ],
      tenants: [{ name: 'agency', dataClass: 'S' }, { name: 'bank' }],
    }),
    { logger: false },
  );
  for (const t of ['agency', 'bank']) keys[t] = (await createApiKey(server.store.db, t)).key;
});
afterAll(async () => {
  await server.close();
  for (const u of Object.values(ups)) await u.close();
});

const ask = (tenant: string, model: string, o: { header?: string; jugwon?: unknown } = {}) =>
  server.app.inject({
    method: 'POST',
    url: '/v1/chat/completions',
    headers: {
      authorization: `Bearer ${keys[tenant]}`,
      ...(o.header !== undefined ? { 'x-jugwon-data-class': o.header } : {}),
    },
    payload: {
      model,
      messages: [{ role: 'user', content: '감사 결과를 요약해 주세요.' }],
      ...(o.jugwon ? { jugwon: o.jugwon } : {}),
    },
  });
const received = () => Object.fromEntries(Object.entries(ups).map(([k, u]) => [k, u.received.length]));
const records = () =>
  (sqliteOf(server.store).prepare('SELECT record FROM audit_log ORDER BY seq').all() as { record: string }[])
    .map((r) => JSON.parse(r.record) as Record<string, unknown>)
    .filter((r) => r.route === 'POST /v1/chat/completions');

describe('data classes at the egress chokepoint', () => {
  it("refuses a tenant's S-class request to a foreign model before it leaves, and serves it at home", async () => {
    const before = received();
    const res = await ask('agency', 'us');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'JG_DATA_CLASS_BLOCKED', type: 'permission_error' });
    expect(res.json().error.message).toContain('S');
    expect(res.json().error.message).toContain('onprem/domestic');
    expect(received()).toEqual(before);
    expect((await ask('agency', 'kr')).statusCode).toBe(200);
    const last = records().slice(-2);
    expect(last[0]).toMatchObject({
      decision: 'block',
      outcome: 'JG_DATA_CLASS_BLOCKED',
      dataClasses: ['S'],
    });
    expect(last[1]).toMatchObject({ decision: 'allow', model: 'kr', dataClasses: ['S'] });
  });

  it('lets a caller declare a class with a header: it narrows where data goes, never widens it', async () => {
    // credit information is configured to stay on the premises
    const credit = await ask('bank', 'kr', { header: 'credit' });
    expect(credit.statusCode).toBe(403);
    expect(credit.json().error.code).toBe('JG_DATA_CLASS_BLOCKED');
    expect((await ask('bank', 'home', { header: 'credit' })).statusCode).toBe(200);
    // O adds nothing to the tenant's S: still no foreign model
    expect((await ask('agency', 'us', { header: 'O' })).statusCode).toBe(403);
    expect((await ask('bank', 'us')).statusCode).toBe(200);
    for (const bad of ['secret', 'S,,X', ' '])
      expect((await ask('bank', 'home', { header: bad })).json().error.code).toBe('JG_INVALID_REQUEST');
  });

  it('holds on every path to a model: embeddings, and evaluation runs under the tenant', async () => {
    const before = received();
    const emb = await server.app.inject({
      method: 'POST',
      url: '/v1/embeddings',
      headers: { authorization: `Bearer ${keys.agency}` },
      payload: { model: 'us', input: ['감사 결과'] },
    });
    expect(emb.statusCode).toBe(403);
    expect(emb.json().error.code).toBe('JG_DATA_CLASS_BLOCKED');
    const principal = await server.platform.auth.authenticate(`Bearer ${keys.agency}`, '10.0.0.1');
    await expect(
      completeFor(
        server.platform,
        principal,
        'eval',
        { model: 'us', messages: [{ role: 'user', content: '문항 1' }] },
        new AbortController().signal,
        'class-eval',
        'batch',
      ),
    ).rejects.toMatchObject({ code: 'JG_DATA_CLASS_BLOCKED' });
    expect(received()).toEqual(before);
  });

  it("honours a model's own narrower clearance", async () => {
    const res = await ask('agency', 'narrow');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('JG_DATA_CLASS_BLOCKED');
    expect(ups.narrow?.received.length).toBe(0);
  });

  it("carries a collection's class with its passages: a C-class collection answers only on the premises", async () => {
    const before = received();
    const res = await ask('bank', 'kr', { jugwon: { collection: '감사자료' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('JG_DATA_CLASS_BLOCKED');
    expect(received()).toEqual(before);
    const home = await ask('bank', 'home', { jugwon: { collection: '감사자료' } });
    expect(home.statusCode).toBe(200);
    expect(ups.home?.received.at(-1)).toContain('기밀로 관리한다');
    expect(records().at(-1)).toMatchObject({ dataClasses: ['C'] });
  });
});

describe('rerouting by data class', () => {
  it('serves the request with a model the class may reach, when rerouting is on', async () => {
    const upstream = await startMockUpstream({ reply: () => '국내 모델 답변' });
    const foreign = await startMockUpstream({ reply: () => 'foreign' });
    const s = await createServer(
      resolveConfig({
        dataDir: mkdtempSync(join(tmpdir(), 'jugwon-class-reroute-')),
        policy: { preset: 'open', reroute: true },
        models: [
          { id: 'us', provider: 'openai-compatible', baseUrl: foreign.url, residency: 'foreign' },
          { id: 'kr', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'domestic' },
        ],
        tenants: [{ name: 'agency', dataClass: 'S' }],
      }),
      { logger: false },
    );
    try {
      const key = (await createApiKey(s.store.db, 'agency')).key;
      const res = await s.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { authorization: `Bearer ${key}` },
        payload: { model: 'us', messages: [{ role: 'user', content: '안녕하세요' }] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-jugwon-model']).toBe('kr');
      expect(res.headers['x-jugwon-rerouted-from']).toBe('us');
      expect(foreign.received.length).toBe(0);
    } finally {
      await s.close();
      await upstream.close();
      await foreign.close();
    }
  });
});

describe('data classes on the command line', () => {
  it('labels tenants and collections, audits the change, and refuses unknown classes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-class-cli-'));
    writeFileSync(join(dir, 'doc.md'), '제1조 공개 자료입니다.');
    writeFileSync(join(dir, 'jugwon.yaml'), 'dataDir: ./data\nmodels: []\n');
    const jugwon = (...args: string[]) => run([...args, '--config', 'jugwon.yaml'], dir);
    expect((await jugwon('ingest', 'doc.md', '--collection', '공개', '--data-class', 'O')).code).toBe(0);
    const again = await jugwon('ingest', 'doc.md', '--collection', '공개', '--data-class', 'S');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('collections set 공개 --data-class S');
    expect((await jugwon('collections', 'set', '공개', '--data-class', 'S')).stdout).toBe(
      '공개: data class S\n',
    );
    const listed = await jugwon('collections', 'list');
    expect(listed.stdout).toMatch(/공개.*\bS\s*$/m);
    const bad = await jugwon('collections', 'set', '공개', '--data-class', 'secret');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--data-class must be O, S, C, credit or none');
    expect((await jugwon('tenants', 'create', '행안부', '--data-class', 'C')).code).toBe(0);
    const tenants = JSON.parse((await jugwon('tenants', 'list', '--json')).stdout) as {
      name: string;
      data_class: string | null;
    }[];
    expect(tenants.find((t) => t.name === '행안부')?.data_class).toBe('C');
    expect((await jugwon('tenants', 'set', '행안부', '--data-class', 'none')).code).toBe(0);
    const after = JSON.parse((await jugwon('tenants', 'list', '--json')).stdout) as typeof tenants;
    expect(after.find((t) => t.name === '행안부')?.data_class).toBeNull();
    const audit = (await jugwon('audit', 'export', '--format', 'jsonl')).stdout;
    expect(audit).toContain('"decision":"collection.class"');
    expect(audit).toContain('공개: S');
  });
});
