import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer } from '../../src/http/server.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { createUser } from '../../src/tenancy/users.js';
import { sqliteOf } from '../support/stores.js';

describe('console sessions', () => {
  it('signs in with a password, needs the CSRF header to change anything, and signs out', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-session-'));
    const server = await createServer(resolveConfig({ dataDir }), { logger: false });
    try {
      await createTenant(server.store.db, '한빛은행');
      await createUser(server.store.db, '한빛은행', 'kim', {
        role: 'member',
        password: 'correct horse battery',
      });
      await createApiKey(server.store.db, '한빛은행'); // the install is no longer open to loopback
      const signIn = (password: string, tenant = '한빛은행', user = 'kim') =>
        server.app.inject({ method: 'POST', url: '/api/session', payload: { tenant, user, password } });

      for (const bad of [
        signIn('wrong password!'),
        signIn('correct horse battery', '없는은행'),
        signIn('correct horse battery', '한빛은행', 'lee'),
      ]) {
        const res = await bad;
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('JG_SIGNIN_FAILED');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      const ok = await signIn('correct horse battery');
      expect(ok.statusCode).toBe(200);
      const cookie = String(ok.headers['set-cookie']);
      expect(cookie).toMatch(/^jg_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\//);
      const { csrf, user, tenant, role } = ok.json();
      expect({ user, tenant, role }).toEqual({ user: 'kim', tenant: '한빛은행', role: 'member' });
      const headers = { cookie: cookie.split(';')[0] as string };

      const me = await server.app.inject({ method: 'GET', url: '/api/session', headers });
      expect(me.json()).toEqual({ user: 'kim', tenant: '한빛은행', role: 'member', csrf });
      expect((await server.app.inject({ method: 'GET', url: '/v1/models', headers })).statusCode).toBe(200);

      const payload = { text: '고객 김민준님 주민번호 900101-1234568' };
      const forged = await server.app.inject({ method: 'POST', url: '/api/pii/scan', headers, payload });
      expect(forged.statusCode).toBe(403); // a cross-site post carries the cookie but not the header
      const scan = await server.app.inject({
        method: 'POST',
        url: '/api/pii/scan',
        headers: { ...headers, 'x-jugwon-csrf': csrf },
        payload,
      });
      expect(scan.statusCode).toBe(200);
      expect(scan.json().entities.map((e: { type: string }) => e.type)).toEqual(['PERSON', 'KR_RRN']);
      expect(scan.json().masked).toBe('고객 〔PERSON_1〕님 주민번호 〔KR_RRN_1〕');

      const out = await server.app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { ...headers, 'x-jugwon-csrf': csrf },
      });
      expect(out.statusCode).toBe(200);
      const after = await server.app.inject({ method: 'GET', url: '/v1/models', headers });
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe('JG_SESSION_INVALID');

      // An administrator disables the user: the session stops working at once.
      const again = await signIn('correct horse battery');
      const fresh = { cookie: String(again.headers['set-cookie']).split(';')[0] as string };
      const admin = await createApiKey(server.store.db, '한빛은행', { role: 'admin' });
      const disable = await server.app.inject({
        method: 'DELETE',
        url: `/api/users/${encodeURIComponent('한빛은행')}/kim`,
        headers: { authorization: `Bearer ${admin.key}` },
      });
      expect(disable.statusCode).toBe(200);
      const disabled = await server.app.inject({ method: 'GET', url: '/v1/models', headers: fresh });
      expect(disabled.json().error.code).toBe('JG_SESSION_INVALID');
      expect((await signIn('correct horse battery')).json().error.code).toBe('JG_SIGNIN_FAILED');

      // The audit trail records the sign-ins, never the password (refused ones are counted and
      // written once a minute: flushed here).
      await server.platform.unauthenticated.flush();
      const rows = sqliteOf(server.store)
        .prepare("SELECT record FROM audit_log WHERE record LIKE '%/api/session%'")
        .all() as { record: string }[];
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.some((r) => r.record.includes('correct horse'))).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('lets a user change their password and an administrator reset it; old sessions end', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-password-'));
    const server = await createServer(resolveConfig({ dataDir }), { logger: false });
    try {
      await createTenant(server.store.db, '한빛은행');
      await createUser(server.store.db, '한빛은행', 'kim', { password: 'correct horse battery' });
      const admin = await createApiKey(server.store.db, '한빛은행', { role: 'admin' });
      const signIn = async (password: string) => {
        const res = await server.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { tenant: '한빛은행', user: 'kim', password },
        });
        if (res.statusCode !== 200) return res.json().error.code as string;
        return {
          cookie: String(res.headers['set-cookie']).split(';')[0] as string,
          'x-jugwon-csrf': res.json().csrf as string,
        };
      };
      const works = async (headers: Record<string, string>) =>
        (await server.app.inject({ method: 'GET', url: '/v1/models', headers })).statusCode === 200;
      const change = (headers: Record<string, string>, payload: object) =>
        server.app.inject({ method: 'PUT', url: '/api/session/password', headers, payload });

      const laptop = (await signIn('correct horse battery')) as Record<string, string>;
      const phone = (await signIn('correct horse battery')) as Record<string, string>;
      const wrong = await change(laptop, { current: 'not my password', password: 'staple battery horse' });
      expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'JG_PASSWORD_WRONG']);
      const short = await change(laptop, { current: 'correct horse battery', password: 'short' });
      expect([short.statusCode, short.json().error.message]).toEqual([
        400,
        expect.stringMatching(/12 characters/),
      ]);
      const forged = await change({ cookie: (laptop as { cookie: string }).cookie }, {});
      expect(forged.statusCode).toBe(403); // no CSRF header
      const byKey = await change(
        { authorization: `Bearer ${admin.key}` },
        { current: 'x', password: 'staple battery horse' },
      );
      expect(byKey.json().error.code).toBe('JG_INVALID_REQUEST'); // keys have no password

      const ok = await change(laptop, { current: 'correct horse battery', password: 'staple battery horse' });
      expect(ok.statusCode).toBe(200);
      expect(await works(laptop)).toBe(true); // the session that changed it goes on
      expect(await works(phone)).toBe(false); // every other session ends
      expect(await signIn('correct horse battery')).toBe('JG_SIGNIN_FAILED');

      // A forgotten password: an administrator sets a new one; the user's sessions end, keys stay.
      const reset = (headers: Record<string, string>, password: string) =>
        server.app.inject({
          method: 'PUT',
          url: `/api/users/${encodeURIComponent('한빛은행')}/kim/password`,
          headers,
          payload: { password },
        });
      const member = await createApiKey(server.store.db, '한빛은행', { role: 'member' });
      expect((await reset({ authorization: `Bearer ${member.key}` }, 'another long one')).statusCode).toBe(
        403,
      );
      const unknown = await server.app.inject({
        method: 'PUT',
        url: `/api/users/${encodeURIComponent('한빛은행')}/nobody/password`,
        headers: { authorization: `Bearer ${admin.key}` },
        payload: { password: 'another long one' },
      });
      // A user that does not exist is not found (404), not a malformed request.
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('JG_USER_NOT_FOUND');
      expect((await reset({ authorization: `Bearer ${admin.key}` }, 'another long one')).statusCode).toBe(
        200,
      );
      expect(await works(laptop)).toBe(false);
      expect(await signIn('staple battery horse')).toBe('JG_SIGNIN_FAILED');
      expect(typeof (await signIn('another long one'))).toBe('object');

      const rows = sqliteOf(server.store).prepare('SELECT record FROM audit_log').all() as {
        record: string;
      }[];
      expect(rows.some((r) => r.record.includes('/password'))).toBe(true);
      expect(rows.some((r) => /staple|another long/.test(r.record))).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('serves the built console at / with a strict content security policy', async () => {
    const server = await createServer(
      resolveConfig({ dataDir: mkdtempSync(join(tmpdir(), 'jugwon-web-')) }),
      {
        logger: false,
      },
    );
    try {
      const res = await server.app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(res.body)?.[1];
      expect(script).toBeDefined();
      const js = await server.app.inject({ method: 'GET', url: script as string });
      expect(js.statusCode).toBe(200);
      expect(js.headers['content-type']).toContain('javascript');
      // The console's whole initial JavaScript stays within 300 KB gzipped.
      expect(gzipSync(js.rawPayload).length).toBeLessThan(300 * 1024);
      const outside = await server.app.inject({ method: 'GET', url: '/assets/../../package.json' });
      expect(outside.statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });
});
