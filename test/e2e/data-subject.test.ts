import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED } from '../../src/app/subjects.js';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { writeSettings } from '../../src/knowledge/settings.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { createUser } from '../../src/tenancy/users.js';
import { run } from '../support/cli.js';
import { seedCollection } from '../support/collections.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';
import { sqliteOf } from '../support/stores.js';

/**
 * 개인정보 보호법 제35조–제37조: a data subject's request — find everything held about one person
 * across collections, retained requests and kept conversations; export it; erase it (chunks
 * rewritten and re-indexed, old versions pruned from disk) — each audited without the value.
 */
const RRN = '800101-1234567';
let upstream: MockUpstream;
let server: JugwonServer;
let dataDir: string;
let officer: string;
let member: string;
let kim: { cookie: string; csrf: string };

async function index(collection: string, text: string) {
  await seedCollection(dataDir, collection, [
    { docId: 'd1', source: `${collection}.md`, title: '고객 기록', markdown: text },
    { docId: 'd2', source: 'other.md', title: '규정', markdown: '제1조 대출 금리는 연 5%이다.' },
  ]);
}

/** Every byte of a collection's files on disk, as text (LanceDB stores strings uncompressed). */
function collectionBytes(collection: string): string {
  const dirOf = join(dataDir, 'knowledge');
  const folder = readdirSync(dirOf).find(
    (f) => f.endsWith('.lance') && f.includes(Buffer.from(collection).toString('hex')),
  );
  const root = folder ? join(dirOf, folder) : dirOf;
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p).toString('latin1'));
    }
  };
  walk(root);
  return out.join('\n');
}
const latin1 = (s: string) => Buffer.from(s).toString('latin1');

beforeAll(async () => {
  upstream = await startMockUpstream({ reply: () => '확인했습니다.' });
  dataDir = mkdtempSync(join(tmpdir(), 'jugwon-subject-'));
  await index('bank-records', `제1조 고객 김민준(주민등록번호 ${RRN}, 010-2345-6789)의 대출 상담 기록.`);
  await index('clinic-records', `환자 김민준 주민등록번호 ${RRN.replace('-', '')} 진료 기록.`);
  writeSettings(dataDir, { 'bank-records': { tenant: 'bank' }, 'clinic-records': { tenant: 'clinic' } });
  server = await createServer(
    resolveConfig({
      dataDir,
      audit: { retainRequests: true },
      models: [{ id: 'home', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'onprem' }],
    }),
    { logger: false },
  );
  await createTenant(server.store.db, 'bank');
  await createTenant(server.store.db, 'clinic');
  officer = (await createApiKey(server.store.db, 'bank', { role: 'compliance' })).key;
  member = (await createApiKey(server.store.db, 'bank')).key;
  const clinicMember = (await createApiKey(server.store.db, 'clinic')).key;
  await createUser(server.store.db, 'bank', 'kim', { password: 'correct horse battery' });
  const signIn = await server.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { tenant: 'bank', user: 'kim', password: 'correct horse battery' },
  });
  kim = { cookie: String(signIn.headers['set-cookie']).split(';')[0] as string, csrf: signIn.json().csrf };
  // A retained request from each tenant, and a kept console conversation at the bank.
  for (const key of [member, clinicMember])
    await server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { authorization: `Bearer ${key}` },
      payload: { model: 'home', messages: [{ role: 'user', content: `${RRN} 고객의 한도를 알려 주세요` }] },
    });
  await server.app.inject({
    method: 'POST',
    url: '/api/conversations',
    headers: { cookie: kim.cookie, 'x-jugwon-csrf': kim.csrf },
    payload: {
      title: '한도 문의',
      turns: [{ role: 'user', content: `주민번호 ${RRN.replace('-', ' ')} 고객 한도` }],
    },
  });
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});

const subject = (action: string, value: string, key = officer, reference = '민원-2026-0113') =>
  server.app.inject({
    method: 'POST',
    url: `/api/subjects/${action}`,
    headers: { authorization: `Bearer ${key}` },
    payload: { value, reference },
  });
type Result = {
  type: string;
  hits: { source: string; tenant: string; id: string; matches: number; excerpt: string; text?: string }[];
  counts: Record<string, number>;
};
const auditRecords = () =>
  (
    sqliteOf(server.store).prepare('SELECT record FROM audit_log ORDER BY seq').all() as { record: string }[]
  ).map((r) => r.record);

describe("a data subject's request", () => {
  it("finds the person in the officer's tenant only — collections, retained requests, conversations — however the number is written", async () => {
    const res = await subject('find', '8001011234567');
    expect(res.statusCode).toBe(200);
    const r = res.json() as Result;
    expect(r.type).toBe('KR_RRN');
    expect(r.counts).toEqual({ collection: 1, 'retained-request': 1, conversation: 1 });
    expect(r.hits.map((h) => [h.source, h.tenant])).toEqual([
      ['collection', 'bank'],
      ['retained-request', 'bank'],
      ['conversation', 'bank'],
    ]);
    expect(r.hits[0]?.excerpt).toContain(`«${RRN}»`);
    expect(r.hits[0]?.text).toBeUndefined();
    // by name too
    expect(((await subject('find', '김민준')).json() as Result).counts.collection).toBe(1);
    // audited with the reference and the outcome, never the value
    const last = JSON.parse(auditRecords().findLast((r) => r.includes('"subject.find"')) as string);
    expect(last).toMatchObject({ decision: 'subject.find', tenant: 'bank' });
    expect(last.target).toContain('민원-2026-0113');
    expect(auditRecords().join('\n')).not.toMatch(/1234567|김민준/);
  });

  it('is refused to members, and rejects values that would match everything', async () => {
    const res = await subject('find', RRN, member);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('JG_FORBIDDEN');
    expect((await subject('find', 'a')).json().error.code).toBe('JG_INVALID_REQUEST');
  });

  it('exports whole texts for the person', async () => {
    const r = (await subject('export', RRN)).json() as Result;
    expect(r.hits.find((h) => h.source === 'collection')?.text).toContain('대출 상담 기록');
    expect(r.hits.find((h) => h.source === 'retained-request')?.text).toContain('한도를 알려 주세요');
    expect(auditRecords().findLast((r) => r.includes('"subject.export"'))).toContain('민원-2026-0113');
  });

  it('erases the value everywhere it is held in the tenant, down to the files on disk; other tenants keep theirs', async () => {
    expect(collectionBytes('bank-records')).toContain(latin1(RRN));
    const res = await subject('erase', RRN);
    expect(res.statusCode).toBe(200);
    expect((res.json() as Result).counts).toEqual({ collection: 1, 'retained-request': 1, conversation: 1 });
    expect(((await subject('find', RRN)).json() as Result).counts).toEqual({
      collection: 0,
      'retained-request': 0,
      conversation: 0,
    });
    // the collection still answers, with the value gone, searchable by its other words
    const search = await server.app.inject({
      method: 'POST',
      url: '/api/collections/bank-records/search',
      headers: { authorization: `Bearer ${member}` },
      payload: { query: '대출 상담 기록', k: 5 },
    });
    const texts = (search.json().data as { text: string }[]).map((h) => h.text).join('\n');
    expect(texts).toContain(ERASED);
    expect(texts).not.toContain(RRN);
    expect(collectionBytes('bank-records')).not.toContain(latin1(RRN));
    expect(collectionBytes('bank-records')).toContain(latin1('대출 상담 기록'));
    // the kept conversation and the retained request are sealed again without it
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/conversations',
      headers: { cookie: kim.cookie },
    });
    const id = list.json().data[0].id;
    const conv = await server.app.inject({
      method: 'GET',
      url: `/api/conversations/${id}`,
      headers: { cookie: kim.cookie },
    });
    expect(conv.json().turns[0].content).toBe(`주민번호 ${ERASED} 고객 한도`);
    // the clinic's records are the clinic's officer's to answer
    expect(collectionBytes('clinic-records')).toContain(latin1(RRN.replace('-', '')));
    expect(auditRecords().findLast((r) => r.includes('"subject.erase"'))).toContain(
      'KR_RRN: 1 in collections, 1 in retained requests, 1 in conversations',
    );
  });

  it('works from the command line, reading the value from standard input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-subject-cli-'));
    writeFileSync(join(dir, 'jugwon.yaml'), 'dataDir: ./data\nmodels: []\n');
    writeFileSync(join(dir, 'a.md'), '제1조 담당자 이서연(seoyeon.lee@example.kr)의 연락처.');
    const jugwon = (args: string[], input?: string) =>
      run([...args, '--config', 'jugwon.yaml'], dir, input !== undefined ? { input } : {});
    expect((await jugwon(['ingest', 'a.md', '--collection', '연락처'])).code).toBe(0);
    const found = await jugwon(['subject', 'find', '-', '--json'], 'SEOYEON.LEE@example.kr\n');
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout)).toMatchObject({ type: 'EMAIL', counts: { collection: 1 } });
    const erased = await jugwon(['subject', 'erase', 'seoyeon.lee@example.kr', '--reference', 'R-7']);
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain('erased 1 (EMAIL): 1 in collections');
    const after = await jugwon(['subject', 'find', 'seoyeon.lee@example.kr']);
    expect(after.stdout).toContain('found 0');
    // A word that is not personal data is erased only when asked for explicitly.
    const word = await jugwon(['subject', 'erase', '연락처']);
    expect(word.code).not.toBe(0);
    expect(word.stderr).toContain('--force');
    expect((await jugwon(['subject', 'find', '연락처', '--json'])).stdout).toContain('"collection":1');
    const forced = await jugwon(['subject', 'erase', '연락처', '--force']);
    expect(forced.code).toBe(0);
    const empty = await jugwon(['subject', 'find', '-'], '\n');
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toContain('give the value to look for');
    const audit = (await jugwon(['audit', 'export', '--format', 'jsonl'])).stdout;
    expect(audit).toContain('"decision":"subject.erase"');
    expect(audit).toContain('R-7');
    expect(audit).not.toContain('seoyeon');
  });
});

describe('many kept conversations', () => {
  it('are all read (a page at a time) and all erased', async () => {
    const phone = '010-2468-1357';
    for (let i = 0; i < 120; i++)
      await server.app.inject({
        method: 'POST',
        url: '/api/conversations',
        headers: { cookie: kim.cookie, 'x-jugwon-csrf': kim.csrf },
        payload: { title: `문의 ${i}`, turns: [{ role: 'user', content: `연락처 ${phone} (${i})` }] },
      });
    expect((await subject('find', phone)).json().counts.conversation).toBe(120);
    expect((await subject('erase', phone)).json().counts.conversation).toBe(120);
    expect((await subject('find', phone)).json().counts.conversation).toBe(0);
  });
});

describe('erasure in a collection with embeddings', () => {
  it('embeds a document of 2,100 chunks again in batches, so the erasure completes', async () => {
    const up = await startMockUpstream();
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-subject-big-'));
    writeSettings(dir, { big: { tenant: 'bank', embeddingModel: 'emb' } });
    const s = await createServer(
      resolveConfig({
        dataDir: dir,
        models: [
          {
            id: 'emb',
            provider: 'openai-compatible',
            baseUrl: up.url,
            residency: 'onprem',
            capabilities: ['embeddings'],
          },
        ],
      }),
      { logger: false },
    );
    try {
      await createTenant(s.store.db, 'bank');
      const officerKey = (await createApiKey(s.store.db, 'bank', { role: 'compliance' })).key;
      const adminKey = (await createApiKey(s.store.db, 'bank', { role: 'admin' })).key;
      const phone = '010-9753-1246';
      const md = Array.from(
        { length: 2100 },
        (_, i) =>
          `## 제${i + 1}조\n\n고객 상담 기록 ${i}번: 대출 상환 일정을 안내했습니다.${i % 500 === 7 ? ` 연락처 ${phone}.` : ''}`,
      ).join('\n\n');
      const up1 = await s.app.inject({
        method: 'PUT',
        url: '/api/collections/big/documents/records.md',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/octet-stream' },
        payload: Buffer.from(md),
      });
      expect([up1.statusCode, up1.json().chunks]).toEqual([200, 2100]);
      const ask = (action: string) =>
        s.app.inject({
          method: 'POST',
          url: `/api/subjects/${action}`,
          headers: { authorization: `Bearer ${officerKey}` },
          payload: { value: phone, reference: 'R-big' },
        });
      expect((await ask('find')).json().counts.collection).toBe(5);
      // Every chunk of the document is embedded again: in one call, 2,100 inputs were refused.
      const erased = await ask('erase');
      expect([erased.statusCode, erased.json().counts.collection]).toEqual([200, 5]);
      expect((await ask('find')).json().counts.collection).toBe(0);
    } finally {
      await s.close();
      await up.close();
    }
  }, 120_000);
});
