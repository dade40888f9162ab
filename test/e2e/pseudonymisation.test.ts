import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyExpired } from '../../src/app/retention.js';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { run } from '../support/cli.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';
import { sqliteOf } from '../support/stores.js';

/**
 * 개인정보 보호법 제28조의2–제28조의5 (가명정보): processing records kept automatically and
 * exportable; the material that can re-identify people kept apart from the data, with its own key
 * and location; users of pseudonymised results who never see originals; a retention period after
 * which retained material is destroyed, with proof in the audit trail.
 */
let upstream: MockUpstream; // echoes the last user message, as the model received it
let server: JugwonServer;
let dataDir: string;
let keysDir: string;
const keys: Record<string, string> = {};
const MONTH = new Date().toISOString().slice(0, 7);

beforeAll(async () => {
  upstream = await startMockUpstream();
  dataDir = mkdtempSync(join(tmpdir(), 'jugwon-pseudo-'));
  keysDir = mkdtempSync(join(tmpdir(), 'jugwon-pseudo-keys-'));
  server = await createServer(
    resolveConfig({
      dataDir,
      audit: { retainRequests: true, retainRequestsDays: 30, keysDir },
      models: [{ id: 'kr', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'domestic' }],
      tenants: [{ name: 'bank' }, { name: 'analytics', pseudonyms: 'keep' }],
    }),
    { logger: false },
  );
  for (const t of ['bank', 'analytics']) keys[t] = (await createApiKey(server.store.db, t)).key;
  keys.officer = (await createApiKey(server.store.db, 'analytics', { role: 'compliance' })).key;
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});

const ask = (tenant: string, content: string, stream = false) =>
  server.app.inject({
    method: 'POST',
    url: '/v1/chat/completions',
    headers: { authorization: `Bearer ${keys[tenant]}` },
    payload: { model: 'kr', stream, messages: [{ role: 'user', content }] },
  });
const records = () =>
  (
    sqliteOf(server.store).prepare('SELECT record FROM audit_log ORDER BY seq').all() as { record: string }[]
  ).map((r) => JSON.parse(r.record) as Record<string, unknown>);
const text = (body: string) =>
  body
    .split('\n\n')
    .filter((e) => e.startsWith('data: {'))
    .map((e) => JSON.parse(e.slice(6)).choices[0]?.delta?.content ?? '')
    .join('');

describe('pseudonymisation under PIPA', () => {
  it('gives users of pseudonymised results the stand-ins, never the originals, and records which', async () => {
    const q = '고객 김민준(010-2345-6789)에게 보낼 안내';
    const restored = await ask('bank', q);
    expect(restored.json().choices[0].message.content).toContain('010-2345-6789');
    const kept = await ask('analytics', q);
    const answer = kept.json().choices[0].message.content as string;
    expect(answer).not.toContain('010-2345-6789');
    expect(answer).not.toContain('김민준');
    expect(answer).toContain('〔PHONE_1〕');
    const streamed = text((await ask('analytics', q, true)).body);
    expect(streamed).toContain('〔PHONE_1〕');
    expect(streamed).not.toContain('010-2345-6789');
    const chats = records().filter((r) => r.route === 'POST /v1/chat/completions');
    expect(chats.map((r) => [r.tenant, r.pseudonyms])).toEqual([
      ['bank', 'restored'],
      ['analytics', 'kept'],
      ['analytics', 'kept'],
    ]);
    expect(chats[0]?.pseudonymised).toEqual({ PERSON: 1, PHONE: 1 });
  });

  it('keeps processing records automatically: purpose, items, recipient and residency, period', async () => {
    await ask('bank', '오늘 날씨는 어떤가요?'); // nothing pseudonymised: no processing record
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/audit/pseudonymisation?month=${MONTH}&format=json`,
      headers: { authorization: `Bearer ${keys.officer}` },
    });
    expect(res.statusCode).toBe(200);
    // the analytics officer sees the analytics tenant's records only
    expect(res.json().data).toEqual([
      {
        tenant: 'analytics',
        purpose: '생성형 AI 질의응답 (generative AI answers)',
        recipient: 'kr',
        residency: 'domestic',
        items: 'PERSON 2, PHONE 2',
        requests: 2,
        first: expect.any(String),
        last: expect.any(String),
        retention: expect.stringContaining('저장하지 않고'),
      },
    ]);
    const other = await server.app.inject({
      method: 'GET',
      url: `/api/audit/pseudonymisation?month=${MONTH}&tenant=bank`,
      headers: { authorization: `Bearer ${keys.officer}` },
    });
    expect(other.statusCode).toBe(403);
    const member = await server.app.inject({
      method: 'GET',
      url: `/api/audit/pseudonymisation?month=${MONTH}`,
      headers: { authorization: `Bearer ${keys.bank}` },
    });
    expect(member.statusCode).toBe(403);
  });

  it('keeps the keys that can re-identify people apart from the data', () => {
    expect(readdirSync(keysDir)).toContain('retention-aes256.key');
    expect(existsSync(join(dataDir, 'keys', 'retention-aes256.key'))).toBe(false);
  });

  it('destroys retained bodies past their period, with proof in the trail, and keeps the rest', async () => {
    const db = sqliteOf(server.store);
    const before = (db.prepare('SELECT COUNT(*) AS n FROM retained_requests').get() as { n: number }).n;
    expect(before).toBeGreaterThanOrEqual(4);
    const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
    db.prepare(
      'UPDATE retained_requests SET created_at = ? WHERE request_id IN (SELECT request_id FROM retained_requests ORDER BY created_at LIMIT 2)',
    ).run(old);
    expect(await destroyExpired(server.platform)).toEqual({ requests: 2, conversations: 0 });
    expect((db.prepare('SELECT COUNT(*) AS n FROM retained_requests').get() as { n: number }).n).toBe(
      before - 2,
    );
    const proof = records().filter((r) => r.decision === 'retention.destroy');
    expect(proof).toHaveLength(1);
    expect(proof[0]?.target).toMatch(
      /^2 retained request bodies last changed before .* \(kept 30 days\), destroyed$/,
    );
    // nothing more to destroy: no further record
    expect(await destroyExpired(server.platform)).toEqual({ requests: 0, conversations: 0 });
    expect(records().filter((r) => r.decision === 'retention.destroy')).toHaveLength(1);
  });
});

describe('pseudonymisation records and settings on the command line', () => {
  it('exports the month as CSV and sets a tenant to keep stand-ins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-pseudo-cli-'));
    writeFileSync(join(dir, 'jugwon.yaml'), 'dataDir: ./data\nmodels: []\n');
    const jugwon = (...args: string[]) => run([...args, '--config', 'jugwon.yaml'], dir);
    expect((await jugwon('tenants', 'create', '연구소', '--pseudonyms', 'keep')).code).toBe(0);
    const listed = JSON.parse((await jugwon('tenants', 'list', '--json')).stdout) as { pseudonyms: string }[];
    expect(listed[0]?.pseudonyms).toBe('keep');
    const bad = await jugwon('tenants', 'set', '연구소', '--pseudonyms', 'show');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--pseudonyms must be restore or keep');
    const csv = await jugwon('audit', 'pseudonymisation', '--month', MONTH);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe('tenant,purpose,recipient,residency,items,requests,first,last,retention\n');
  });
});
