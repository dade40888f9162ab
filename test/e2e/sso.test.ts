import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { createUser } from '../../src/tenancy/users.js';

/**
 * Single sign-on end to end against a real OpenID Connect provider (npm oidc-provider, started
 * here with its development login and consent forms): authorization code with PKCE, a user
 * placed by group into a tenant with a role, and a user in no mapped group refused.
 */
const GROUPS: Record<string, string[]> = {
  'kim.jihyun': ['bank-staff'],
  'park.officer': ['bank-compliance', 'bank-staff'],
  outsider: ['cafeteria'],
  impostor: ['bank-staff'],
  'twin-a': ['bank-staff'],
  'twin-b': ['bank-staff'],
  'old.sso': ['bank-staff'],
};
/** The user name a provider account sends, where it is not the account's id (people can edit it). */
const NAMES: Record<string, string> = { impostor: 'teller', 'twin-a': 'lee.twin', 'twin-b': 'lee.twin' };

let idp: ReturnType<typeof createHttpServer>;
/** While set, the provider's connections are dropped, as a provider that is down would. */
let idpDown = false;
let server: JugwonServer;
let base: string;
let issuer: string;

/** A server signing in through the provider at `issuer`, with its data in a folder of its own. */
const ssoServer = () =>
  createServer(
    resolveConfig({
      dataDir: mkdtempSync(join(tmpdir(), 'jugwon-sso-')),
      sso: {
        oidc: {
          issuer,
          clientId: 'jugwon',
          clientSecret: 'a-client-secret-of-some-length',
          scopes: ['openid', 'profile'],
          allowInsecureIssuer: true,
          // The first mapping a user's groups match wins: compliance before staff.
          mappings: [
            { group: 'bank-compliance', tenant: '한빛은행', role: 'compliance' },
            { group: 'bank-staff', tenant: '한빛은행', role: 'member' },
          ],
        },
      },
    }),
    { logger: false },
  );

beforeAll(async () => {
  let handler: RequestListener = (_, res) => res.end();
  idp = createHttpServer((req, res) => (idpDown ? req.socket.destroy() : handler(req, res)));
  await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  server = await ssoServer();
  await createTenant(server.store.db, '한빛은행');
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'jugwon',
        client_secret: 'a-client-secret-of-some-length',
        redirect_uris: [`${base}/api/sso/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['preferred_username', 'groups'] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, preferred_username: NAMES[id] ?? id, groups: GROUPS[id] ?? [] }),
    }),
    cookies: { keys: ['a-cookie-signing-key-for-tests'] },
  } as never);
  handler = provider.callback() as RequestListener;
});

afterAll(async () => {
  await server.close();
  await new Promise((r) => idp.close(r));
});

/** A browser's cookies, per host. */
class Jar {
  private readonly cookies = new Map<string, Map<string, string>>();
  take(url: string, res: Response) {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), value);
    }
    this.cookies.set(host, jar);
  }
  header(url: string): string {
    return [...(this.cookies.get(new URL(url).host) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Signs in through the provider as `user`, submitting its login and consent forms; returns where it ends. */
async function signInAs(user: string): Promise<{ jar: Jar; last: string }> {
  const jar = new Jar();
  let url = `${base}/api/sso/login`;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: jar.header(url) },
    });
    jar.take(url, res);
    init = {};
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      if (url.startsWith(base) && !url.includes('/api/sso/')) return { jar, last: url };
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    if (!form) throw new Error(`no form at ${url}: ${html.slice(0, 200)}`);
    const fields = new URLSearchParams();
    for (const m of (form[2] as string).matchAll(/<input[^>]*name="([^"]+)"(?:[^>]*value="([^"]*)")?[^>]*>/g))
      fields.set(m[1] as string, m[2] ?? '');
    if (fields.has('login')) fields.set('login', user);
    if (fields.has('password')) fields.set('password', 'any');
    url = new URL(form[1] as string, url).href;
    init = { method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('the sign-in did not end');
}

describe('single sign-on (OpenID Connect)', () => {
  it('says whether it is offered', async () => {
    expect(await (await fetch(`${base}/api/sso`)).json()).toEqual({ enabled: true });
  });

  it('says so when the provider cannot be reached, and finds it again once it is back', async () => {
    // A server of its own, so the provider has not been discovered yet.
    const other = await ssoServer();
    await other.app.listen({ host: '127.0.0.1', port: 0 });
    const at = `http://127.0.0.1:${(other.app.server.address() as AddressInfo).port}`;
    try {
      idpDown = true;
      const down = await fetch(`${at}/api/sso/login`, { redirect: 'manual' });
      expect([down.status, down.headers.get('location')]).toEqual([302, '/?sso_error=JG_SSO_FAILED']);
      const rows = await other.store.db.selectFrom('audit_log').select('record').execute();
      expect(rows.map((r) => r.record).join('\n')).not.toContain('a-client-secret');
      idpDown = false;
      const back = await fetch(`${at}/api/sso/login`, { redirect: 'manual' });
      expect(back.status).toBe(302);
      expect(back.headers.get('location')).toMatch(new RegExp(`^${issuer}/auth\\?`));
    } finally {
      idpDown = false;
      await other.close();
    }
  });

  it('signs a user in with authorization code and PKCE, into the tenant and role of their group', async () => {
    const { jar, last } = await signInAs('kim.jihyun');
    expect(last).toBe(`${base}/`);
    const session = await fetch(`${base}/api/session`, { headers: { cookie: jar.header(base) } });
    expect(await session.json()).toMatchObject({ user: 'kim.jihyun', tenant: '한빛은행', role: 'member' });
    // The first mapping a user's groups match decides.
    const officer = await signInAs('park.officer');
    const s2 = await fetch(`${base}/api/session`, { headers: { cookie: officer.jar.header(base) } });
    expect(await s2.json()).toMatchObject({ user: 'park.officer', role: 'compliance' });
    // The user was created by single sign-on, and says so in the audit trail.
    const rows = await server.store.db.selectFrom('audit_log').select('record').execute();
    expect(rows.map((r) => r.record).join('\n')).toContain('kim.jihyun (single sign-on)');
  });

  it('refuses a user in no mapped group, and a return it did not start', async () => {
    const { jar, last } = await signInAs('outsider');
    expect(last).toBe(`${base}/?sso_error=JG_SSO_DENIED`);
    const none = await fetch(`${base}/api/session`, { headers: { cookie: jar.header(base) } });
    expect(((await none.json()) as { user: string | null }).user).toBe(null);
    const users = await server.store.db.selectFrom('users').select('name').execute();
    expect(users.map((u) => u.name)).not.toContain('outsider');
    // A callback with a code but no sign-in started in this browser (no state cookie) is refused.
    const forged = await fetch(`${base}/api/sso/callback?code=stolen&state=guess`, { redirect: 'manual' });
    expect(forged.headers.get('location')).toBe('/?sso_error=JG_SSO_FAILED');
  });

  it('never signs a provider account in as an existing user whose name it sends', async () => {
    // A local administrator with a password; a provider account that calls itself "teller".
    await createUser(server.store.db, '한빛은행', 'teller', {
      role: 'admin',
      password: 'correct horse battery',
    });
    const taken = await signInAs('impostor');
    expect(taken.last).toBe(`${base}/?sso_error=JG_SSO_FAILED`);
    const none = await fetch(`${base}/api/session`, { headers: { cookie: taken.jar.header(base) } });
    expect(((await none.json()) as { user: string | null }).user).toBe(null);
    const teller = await server.store.db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', 'teller')
      .executeTakeFirstOrThrow();
    expect([teller.role, teller.sso_subject]).toEqual(['admin', null]); // neither taken over nor demoted
    // Two provider accounts sending one name: the first has it, the second is refused.
    const first = await signInAs('twin-a');
    const who = await fetch(`${base}/api/session`, { headers: { cookie: first.jar.header(base) } });
    expect(await who.json()).toMatchObject({ user: 'lee.twin', role: 'member' });
    expect((await signInAs('twin-b')).last).toBe(`${base}/?sso_error=JG_SSO_FAILED`);
    expect((await signInAs('twin-a')).last).toBe(`${base}/`); // the first still signs in
  });

  it('links a user single sign-on created before subjects were kept, on its next sign-in', async () => {
    const { adminRecord } = await import('../../src/app/admin.js');
    const { SSO_ACTOR } = await import('../../src/app/sso.js');
    await createUser(server.store.db, '한빛은행', 'old.sso', { role: 'member' });
    // What an earlier version wrote when single sign-on created a user (no subject kept).
    await server.platform.ledger.write({
      audit: adminRecord(SSO_ACTOR, 'user.create', '한빛은행', 'old.sso (single sign-on)'),
    });
    const { jar, last } = await signInAs('old.sso');
    expect(last).toBe(`${base}/`);
    expect(
      await (await fetch(`${base}/api/session`, { headers: { cookie: jar.header(base) } })).json(),
    ).toMatchObject({ user: 'old.sso' });
    const row = await server.store.db
      .selectFrom('users')
      .select('sso_subject')
      .where('name', '=', 'old.sso')
      .executeTakeFirstOrThrow();
    expect(row.sso_subject).toBe(`${issuer}#old.sso`);
  });
});
