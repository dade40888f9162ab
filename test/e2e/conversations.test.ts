import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { createUser } from '../../src/tenancy/users.js';
import { sqliteOf } from '../support/stores.js';

let server: JugwonServer;
type As = { cookie: string; csrf: string };
let kim: As;
let lee: As;
let park: As;

async function signIn(user: string): Promise<As> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { tenant: '한빛은행', user, password: 'correct horse battery' },
  });
  const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
  return { cookie, csrf: res.json().csrf };
}

const call = (as: As, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  server.app.inject({
    method,
    url,
    remoteAddress: '10.0.0.9',
    headers: { cookie: as.cookie, 'x-jugwon-csrf': as.csrf },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

beforeAll(async () => {
  server = await createServer(
    resolveConfig({
      dataDir: mkdtempSync(join(tmpdir(), 'jugwon-conv-')),
      console: { conversationDays: 30 },
    }),
    { logger: false },
  );
  await createTenant(server.store.db, '한빛은행');
  for (const u of ['kim', 'lee', 'park'])
    await createUser(server.store.db, '한빛은행', u, { password: 'correct horse battery' });
  kim = await signIn('kim');
  lee = await signIn('lee');
  park = await signIn('park');
});
afterAll(async () => {
  await server.close();
});

const turns = [
  { role: 'user', content: '고객 김민준(010-2345-6789)의 대출 상환일을 알려 주세요' },
  { role: 'assistant', content: '**매월 25일**입니다.', citations: [{ n: 1, source: '여신규정.hwpx' }] },
];

describe('console conversations', () => {
  it("are kept per user: saved, listed, reopened, renamed and deleted; nobody else's are reachable", async () => {
    const created = await call(kim, 'POST', '/api/conversations', { turns });
    expect(created.statusCode).toBe(200);
    const { id } = created.json();
    const list = (await call(kim, 'GET', '/api/conversations')).json().data;
    expect(list).toEqual([
      expect.objectContaining({ id, title: '고객 〔PERSON〕(〔PHONE〕)의 대출 상환일을 알려 주세요' }),
    ]);
    expect((await call(kim, 'GET', `/api/conversations/${id}`)).json()).toMatchObject({ id, turns });
    expect((await call(kim, 'PUT', `/api/conversations/${id}`, { title: '상환일 문의' })).statusCode).toBe(
      200,
    );
    expect((await call(kim, 'GET', `/api/conversations/${id}`)).json()).toMatchObject({
      title: '상환일 문의',
      turns,
    });
    // Another user of the same tenant sees none of it.
    expect((await call(lee, 'GET', '/api/conversations')).json().data).toEqual([]);
    for (const [method, payload] of [['GET'], ['PUT', { title: 'x' }], ['DELETE']] as const)
      expect((await call(lee, method, `/api/conversations/${id}`, payload)).json().error.code).toBe(
        'JG_CONVERSATION_NOT_FOUND',
      );
    expect((await call(kim, 'DELETE', `/api/conversations/${id}`)).statusCode).toBe(200);
    expect((await call(kim, 'GET', '/api/conversations')).json().data).toEqual([]);
  });

  it('are sealed at rest: the database holds none of their words', async () => {
    const { id } = (await call(kim, 'POST', '/api/conversations', { turns })).json();
    const row = sqliteOf(server.store).prepare('SELECT * FROM conversations WHERE id = ?').get(id) as Record<
      string,
      unknown
    >;
    const stored = JSON.stringify(row) + Buffer.from(row.body as Buffer).toString('latin1');
    for (const word of ['010-2345-6789', '김민준', '25일']) expect(stored).not.toContain(word);
    // The title is the user's first words, so it is shown in the list: keep it free of identifiers by renaming.
    await call(kim, 'PUT', `/api/conversations/${id}`, { title: '대출 문의' });
    expect(
      (
        sqliteOf(server.store).prepare('SELECT title FROM conversations WHERE id = ?').get(id) as {
          title: string;
        }
      ).title,
    ).toBe('대출 문의');
  });

  it('are deleted past the retention period', async () => {
    const { id } = (await call(kim, 'POST', '/api/conversations', { turns })).json();
    sqliteOf(server.store)
      .prepare('UPDATE conversations SET updated_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 31 * 86_400_000).toISOString(), id);
    expect(
      (await call(kim, 'GET', '/api/conversations')).json().data.map((c: { id: string }) => c.id),
    ).not.toContain(id);
    expect(
      sqliteOf(server.store).prepare('SELECT COUNT(*) AS n FROM conversations WHERE id = ?').get(id),
    ).toEqual({ n: 0 });
  });

  it('find what expired by index: every read of the console deletes what expired, and read the whole table for it', () => {
    const plan = (statement: string) =>
      (
        sqliteOf(server.store).prepare(`EXPLAIN QUERY PLAN ${statement}`).all('2026-01-01') as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join(' ');
    // The statements retention.ts runs (each page of each user's console runs the first).
    expect(plan('DELETE FROM conversations WHERE updated_at < ?')).toContain(
      'USING INDEX conversations_updated',
    );
    expect(plan('DELETE FROM retained_requests WHERE created_at < ?')).toContain(
      'USING INDEX retained_requests_created',
    );
  });

  it('are at most 200 per user, all listed: three saved at once with one place left, one is kept', async () => {
    const save = async () => {
      const res = await call(park, 'POST', '/api/conversations', { turns });
      return res.statusCode === 200 ? 200 : res.json().error.code;
    };
    for (let i = 0; i < 199; i++) expect(await save()).toBe(200);
    const raced = await Promise.all([save(), save(), save()]);
    expect(raced.sort()).toEqual([200, 'JG_CONVERSATION_LIMIT', 'JG_CONVERSATION_LIMIT']);
    const listed = (await call(park, 'GET', '/api/conversations')).json().data as { id: string }[];
    expect(listed).toHaveLength(200);
    // Nothing was lost to make room; deleting one makes room for one.
    expect((await call(park, 'DELETE', `/api/conversations/${listed[0]?.id}`)).statusCode).toBe(200);
    expect(await save()).toBe(200);
    expect(await save()).toBe('JG_CONVERSATION_LIMIT');
    // Another user of the tenant keeps their own.
    expect((await call(lee, 'POST', '/api/conversations', { turns })).statusCode).toBe(200);
  }, 60_000);

  it('refuse what is not a conversation, and callers that are not a signed-in person', async () => {
    expect(
      (await call(kim, 'POST', '/api/conversations', { turns: [{ role: 'system', content: 'x' }] })).json()
        .error.code,
    ).toBe('JG_INVALID_REQUEST');
    expect((await call(kim, 'POST', '/api/conversations', { turns: 'nope' })).statusCode).toBe(400);
    // Conversations that grow past their bounds are refused, not stored: too many turns, or too many bytes.
    const many = Array.from({ length: 501 }, () => ({ role: 'user', content: '네' }));
    const huge = Array.from({ length: 3 }, () => ({ role: 'user', content: '가'.repeat(400_000) }));
    for (const t of [many, huge]) {
      const res = await call(kim, 'POST', '/api/conversations', { turns: t });
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'JG_INVALID_REQUEST']);
    }
    const listed = (await call(kim, 'GET', '/api/conversations')).json();
    expect(JSON.stringify(listed)).not.toContain('가가가');
    const { key } = await createApiKey(server.store.db, '한빛은행');
    const byKey = await server.app.inject({
      method: 'GET',
      url: '/api/conversations',
      remoteAddress: '10.0.0.9',
      headers: { authorization: `Bearer ${key}` },
    });
    expect([byKey.statusCode, byKey.json().error.code]).toEqual([403, 'JG_FORBIDDEN']);
  });
});
