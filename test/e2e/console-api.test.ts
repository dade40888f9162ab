import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer } from '../../src/http/server.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { hwpxFixture } from '../support/hwpx-fixture.js';

async function serverWithTenants(...names: string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-console-api-'));
  const server = await createServer(resolveConfig({ dataDir }), { logger: false });
  for (const name of names) await createTenant(server.store.db, name);
  return server;
}

describe('console API: documents, audit, keys', () => {
  it("uploads documents into a tenant's collection, lists, searches and deletes them", async () => {
    const server = await serverWithTenants('bank-a', 'bank-b');
    try {
      const a = { authorization: `Bearer ${(await createApiKey(server.store.db, 'bank-a')).key}` };
      const b = { authorization: `Bearer ${(await createApiKey(server.store.db, 'bank-b')).key}` };
      const upload = (headers: object, file: string, body: Uint8Array | string) =>
        server.app.inject({
          method: 'PUT',
          url: `/api/collections/${encodeURIComponent('내규')}/documents/${encodeURIComponent(file)}`,
          headers: { ...headers, 'content-type': 'application/octet-stream' },
          payload: Buffer.from(body),
        });
      const hwpx = hwpxFixture({ paragraphs: ['제7조(연체) 연체 이자는 약정 금리에 3%를 더한다.'] });
      const up = await upload(a, '여신규정.hwpx', hwpx);
      expect(up.statusCode).toBe(200);
      expect(up.json()).toMatchObject({ docId: '여신규정.hwpx', documents: 1, chunks: 1 });
      const bad = await upload(a, 'broken.hwpx', 'not a zip');
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.message).toMatch(/^Cannot read broken\.hwpx: not a readable zip container/);
      const sneaky = await upload(a, '../../escape.md', '# 안내\n\n본문입니다.');
      expect(sneaky.statusCode).toBe(200);
      expect(sneaky.json().docId).toBe('escape.md'); // the name is the file's own, nothing more

      const list = await server.app.inject({ method: 'GET', url: '/api/collections', headers: a });
      expect(list.json().data).toEqual([
        { name: '내규', chunks: 2, tenant: 'bank-a', embeddingModel: null, dataClass: null },
      ]);
      const docs = await server.app.inject({
        method: 'GET',
        url: `/api/collections/${encodeURIComponent('내규')}/documents`,
        headers: a,
      });
      // Each document with its state; the failed upload stays listed with the reason.
      expect(docs.json().data).toEqual([
        {
          docId: 'broken.hwpx',
          source: 'broken.hwpx',
          chunks: 0,
          state: 'failed',
          since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          error: { code: 'JG_PARSE_FAILED', message: bad.json().error.message },
        },
        { docId: 'escape.md', source: 'escape.md', chunks: 1, state: 'indexed' },
        { docId: '여신규정.hwpx', source: '여신규정.hwpx', chunks: 1, state: 'indexed' },
      ]);
      const search = await server.app.inject({
        method: 'POST',
        url: `/api/collections/${encodeURIComponent('내규')}/search`,
        headers: a,
        payload: { query: '연체 이자', k: 3 },
      });
      expect(search.json().data[0]).toMatchObject({ docId: '여신규정.hwpx', article: '제7조(연체)' });

      // Another tenant neither sees nor changes it.
      expect(
        (await server.app.inject({ method: 'GET', url: '/api/collections', headers: b })).json().data,
      ).toEqual([]);
      expect((await upload(b, 'x.md', '# x')).json().error.code).toBe('JG_COLLECTION_NOT_FOUND');

      // A failed new version of an indexed document keeps the old chunks and says it failed.
      expect((await upload(a, '여신규정.hwpx', 'not a zip')).statusCode).toBe(422);
      const listed = async () =>
        (
          await server.app.inject({
            method: 'GET',
            url: `/api/collections/${encodeURIComponent('내규')}/documents`,
            headers: a,
          })
        )
          .json()
          .data.map((d: { docId: string; state: string; chunks: number }) => [d.docId, d.state, d.chunks]);
      expect(await listed()).toEqual([
        ['broken.hwpx', 'failed', 0],
        ['escape.md', 'indexed', 1],
        ['여신규정.hwpx', 'failed', 1],
      ]);
      expect((await upload(a, '여신규정.hwpx', hwpx)).statusCode).toBe(200);

      const remove = (docId: string) =>
        server.app.inject({
          method: 'DELETE',
          url: `/api/collections/${encodeURIComponent('내규')}/documents/${encodeURIComponent(docId)}`,
          headers: a,
        });
      expect((await remove('escape.md')).statusCode).toBe(200);
      expect((await remove('broken.hwpx')).statusCode).toBe(200); // a failure is dismissed
      expect(await listed()).toEqual([['여신규정.hwpx', 'indexed', 1]]);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('lets officers read and verify the audit trail and administrators manage keys', async () => {
    const server = await serverWithTenants('bank-a');
    try {
      const admin = {
        authorization: `Bearer ${(await createApiKey(server.store.db, 'bank-a', { role: 'operator' })).key}`,
      };
      const member = { authorization: `Bearer ${(await createApiKey(server.store.db, 'bank-a')).key}` };
      await server.app.inject({ method: 'GET', url: '/v1/models', headers: member });

      const denied = await server.app.inject({ method: 'GET', url: '/api/audit', headers: member });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error.code).toBe('JG_FORBIDDEN');
      const records = await server.app.inject({
        method: 'GET',
        url: '/api/audit?tenant=bank-a&limit=5',
        headers: admin,
      });
      expect(records.json().data[0]).toMatchObject({
        tenant: 'bank-a',
        route: expect.any(String),
        seq: expect.any(Number),
      });
      const evalAsMember = await server.app.inject({
        method: 'POST',
        url: '/api/eval-jobs',
        headers: member,
        payload: { suite: 'finance-exam.jsonl', models: ['x'] },
      });
      expect(evalAsMember.statusCode).toBe(403);
      const noSuite = await server.app.inject({
        method: 'POST',
        url: '/api/eval-jobs',
        headers: admin,
        payload: { suite: '../../etc/passwd', models: ['x'] },
      });
      expect(noSuite.json().error.message).toContain('no suite named');
      const suites = await server.app.inject({ method: 'GET', url: '/api/eval-suites', headers: member });
      expect(suites.json().data).toContain('kmmlu-sample.csv');
      const nobody = await server.app.inject({
        method: 'GET',
        url: '/api/audit?user=nobody',
        headers: admin,
      });
      expect(nobody.json().data).toEqual([]);
      const verify = await server.app.inject({ method: 'POST', url: '/api/audit/verify', headers: admin });
      expect(verify.json()).toMatchObject({ ok: true, unsignedTail: 0 });

      const created = await server.app.inject({
        method: 'POST',
        url: '/api/keys',
        headers: admin,
        payload: { name: 'batch', role: 'member' },
      });
      const { key, id } = created.json();
      expect(key).toMatch(/^jg_[0-9a-f]{16}_/);
      const listed = await server.app.inject({ method: 'GET', url: '/api/keys', headers: admin });
      const row = listed.json().data.find((k: { id: string }) => k.id === id);
      expect(row).toMatchObject({ tenant: 'bank-a', name: 'batch', role: 'member', revoked_at: null });
      expect(JSON.stringify(listed.json())).not.toContain(key.slice(20)); // the secret is never listed
      const withNewKey = async () =>
        (
          await server.app.inject({
            method: 'GET',
            url: '/v1/models',
            headers: { authorization: `Bearer ${key}` },
          })
        ).statusCode;
      expect(await withNewKey()).toBe(200);
      expect(
        (await server.app.inject({ method: 'POST', url: '/api/keys', headers: member, payload: {} }))
          .statusCode,
      ).toBe(403);
      await server.app.inject({ method: 'DELETE', url: `/api/keys/${id}`, headers: admin });

      // Tenants with their policy preset, and users.
      const tenant = (payload: object) =>
        server.app.inject({ method: 'POST', url: '/api/tenants', headers: admin, payload });
      expect((await tenant({ name: 'bank-c', preset: 'finance-sandbox' })).json()).toEqual({
        name: 'bank-c',
        preset: 'finance-sandbox',
      });
      const badPreset = await tenant({ name: 'bank-d', preset: 'lenient' });
      expect(badPreset.statusCode).toBe(400);
      expect(badPreset.json().error.message).toContain(
        '"preset" must be one of pipa-strict, finance-sandbox, open',
      );
      await server.app.inject({
        method: 'PATCH',
        url: '/api/tenants/bank-c',
        headers: admin,
        payload: { preset: null },
      });
      const tenants = (await server.app.inject({ method: 'GET', url: '/api/tenants', headers: admin })).json()
        .data;
      expect(tenants.find((t: { name: string }) => t.name === 'bank-c').preset).toBeNull();
      expect(
        (await server.app.inject({ method: 'GET', url: '/api/tenants', headers: member })).statusCode,
      ).toBe(403);
      const shortPassword = await server.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { tenant: 'bank-c', name: 'lee', password: 'short' },
      });
      expect(shortPassword.statusCode).toBe(400);
      expect(shortPassword.json().error.message).toContain('at least 12 characters');
      await server.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { tenant: 'bank-c', name: 'lee', role: 'compliance', password: 'a long enough password' },
      });
      const users = (await server.app.inject({ method: 'GET', url: '/api/users', headers: admin })).json()
        .data;
      expect(users).toContainEqual(
        expect.objectContaining({ name: 'lee', tenant: 'bank-c', role: 'compliance', canSignIn: true }),
      );
      expect(JSON.stringify(users)).not.toContain('password_hash');
      expect(await withNewKey()).toBe(401);
    } finally {
      await server.close();
    }
  });
});
