import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { JugwonError } from '../core/errors.js';
import type { TenantTable, UserTable } from '../store/schema.js';
import type { Directory } from './directory.js';
import { hashSecret } from './keys.js';
import type { Role } from './tenants.js';

/**
 * Console sessions: a user signs in with the tenancy store's password and gets a random token in
 * an HttpOnly, SameSite=Strict cookie. Only the token's SHA-256 is stored. Requests that change
 * anything must also send the session's CSRF token in a header, which another site cannot read
 * or set, so a forged form post or cross-site fetch is refused.
 */
export const SESSION_COOKIE = 'jg_session';
export const CSRF_HEADER = 'x-jugwon-csrf';
const LIFETIME_MS = 8 * 60 * 60 * 1000; // a working day
/**
 * Sessions a user may hold at once (browsers, devices): signing in again ends the oldest. Without
 * a limit every sign-in added a row for good — a script signing in with a valid password grew
 * the store without end.
 */
export const MAX_SESSIONS_PER_USER = 10;

export interface SessionUser {
  userId: string;
  userName: string;
  tenantId: string;
  tenantName: string;
  role: Role;
  tenant: TenantTable;
  csrf: string;
}

/** The stored id of a session token (its SHA-256). */
export const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// A password check costs the same whether the user exists or not (no user enumeration by timing).
const DUMMY_SALT = randomBytes(16).toString('hex');

/** Whether a user has a password and this is it; costs one scrypt even when there is no user. */
async function passwordMatches(user: UserTable | undefined, password: string): Promise<boolean> {
  const expected = Buffer.from(user?.password_hash ?? '00'.repeat(32), 'hex');
  const actual = Buffer.from(await hashSecret(password, user?.salt ?? DUMMY_SALT), 'hex');
  return !!user?.password_hash && expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Failed sign-ins tolerated before each further attempt must wait, doubling, up to 15 minutes:
 * per user, and (more, since an office or a proxy puts many people behind one address) per address.
 */
export const FREE_FAILURES = { user: 5, ip: 20 } as const;
export const MAX_WAIT_S = 900;
/**
 * Addresses and users remembered at most; the oldest are forgotten first. Forgetting a locked user
 * takes this many other failed sign-ins (each a password hash), far slower than waiting.
 */
const MAX_TRACKED = 100_000;

/**
 * Whose guesses an address's count holds: an IPv4 address, or an IPv6 address's /64 network (one
 * machine can be given a whole /64, so counting per IPv6 address would be no limit at all).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1] as string;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...front, ...Array(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back]
    : front;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export type ThrottleKey = readonly [kind: keyof typeof FREE_FAILURES, key: string];

/** A user's failures: signing in and checking the current password count together. */
const userKey = (tenant: string, user: string): ThrottleKey => ['user', `user\u0000${tenant}\u0000${user}`];

/**
 * Failed sign-ins per user and per client address. Guessing is refused before any password is
 * checked (no scrypt is spent on it), so it costs neither the attacker's target nor the server.
 * Replicas count together through Redis (RedisThrottle): guesses spread over replicas add up.
 */
export interface Throttle {
  check(keys: readonly ThrottleKey[]): void | Promise<void>;
  failed(keys: readonly ThrottleKey[]): void | Promise<void>;
  succeeded(keys: readonly ThrottleKey[]): void | Promise<void>;
}

export function throttled(waitMs: number): JugwonError {
  const e = new JugwonError('JG_SIGNIN_THROTTLED');
  e.retryAfter = Math.ceil(waitMs / 1000);
  return e;
}

/** The wait after `count` failures of a kind (0 while still free). */
export const waitAfter = (kind: keyof typeof FREE_FAILURES, count: number): number =>
  count >= FREE_FAILURES[kind] ? 1000 * Math.min(MAX_WAIT_S, 2 ** (count - FREE_FAILURES[kind])) : 0;

/** The throttle of one process. */
export class SignInThrottle implements Throttle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  check(keys: readonly ThrottleKey[], now = Date.now()): void {
    let wait = 0;
    for (const [, k] of keys) wait = Math.max(wait, (this.failures.get(k)?.until ?? 0) - now);
    if (wait > 0) throw throttled(wait);
  }

  failed(keys: readonly ThrottleKey[], now = Date.now()): void {
    for (const [kind, k] of keys) {
      const f = this.failures.get(k) ?? { count: 0, until: 0 };
      f.count++;
      const wait = waitAfter(kind, f.count);
      if (wait > 0) f.until = now + wait;
      this.failures.delete(k); // re-inserted last: the map's order is the age of the last failure
      this.failures.set(k, f);
    }
    while (this.failures.size > MAX_TRACKED)
      this.failures.delete(this.failures.keys().next().value as string);
  }

  /** A right password clears the user's count (the address's stays: spraying many users). */
  succeeded(keys: readonly ThrottleKey[]): void {
    for (const [kind, k] of keys) if (kind === 'user') this.failures.delete(k);
  }
}

export class Sessions {
  constructor(
    private readonly dir: Directory,
    private readonly throttle: Throttle = new SignInThrottle(),
  ) {}

  /** Checks the password; any mismatch is the same JG_AUTH_INVALID (nothing tells which part). */
  async signIn(
    tenantName: string,
    userName: string,
    password: string,
    ip = '',
  ): Promise<{ token: string; user: SessionUser; expiresAt: string }> {
    const keys: ThrottleKey[] = [userKey(tenantName, userName), ['ip', `ip\u0000${addressKey(ip)}`]];
    await this.throttle.check(keys);
    const tenant = await this.dir.tenantByName(tenantName);
    const user = tenant ? await this.dir.userByName(tenant.id, userName) : undefined;
    const ok = await passwordMatches(user, password);
    if (!tenant || !user || user.disabled_at || !ok) {
      await this.throttle.failed(keys);
      throw new JugwonError('JG_SIGNIN_FAILED');
    }
    await this.throttle.succeeded(keys);
    return this.start(user, tenant);
  }

  /**
   * A session for a user whose identity was proven elsewhere (single sign-on): no password is
   * checked here; a disabled user is still refused.
   */
  async open(
    tenantName: string,
    userName: string,
  ): Promise<{ token: string; user: SessionUser; expiresAt: string }> {
    const tenant = await this.dir.tenantByName(tenantName);
    const user = tenant ? await this.dir.userByName(tenant.id, userName) : undefined;
    if (!tenant || !user || user.disabled_at) throw new JugwonError('JG_SSO_DENIED');
    return this.start(user, tenant);
  }

  /** A new session of `user`: a random token (only its hash is stored) and a CSRF token. */
  private async start(
    user: UserTable,
    tenant: TenantTable,
  ): Promise<{ token: string; user: SessionUser; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + LIFETIME_MS).toISOString();
    await this.dir.addSession(
      {
        id: tokenId(token),
        user_id: user.id,
        tenant_id: tenant.id,
        csrf,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      },
      MAX_SESSIONS_PER_USER,
    );
    return { token, expiresAt, user: this.describe(user, tenant, csrf) };
  }

  /** The signed-in user of a session cookie; mutations also need the CSRF header. */
  async resolve(token: string, method: string, csrfHeader: string | undefined): Promise<SessionUser> {
    const s = await this.dir.session(tokenId(token));
    if (!s || s.revoked_at || Date.parse(s.expires_at) <= Date.now())
      throw new JugwonError('JG_SESSION_INVALID');
    const user = await this.dir.user(s.user_id);
    const tenant = await this.dir.tenant(s.tenant_id);
    if (!user || user.disabled_at || !tenant) throw new JugwonError('JG_SESSION_INVALID');
    if (!SAFE_METHODS.has(method.toUpperCase())) {
      const a = Buffer.from(csrfHeader ?? '');
      const b = Buffer.from(s.csrf);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw new JugwonError('JG_CSRF_MISSING');
    }
    return this.describe(user, tenant, s.csrf);
  }

  /**
   * Checks a signed-in user's current password (before the user changes it), throttled like
   * signing in: a stolen session cookie must not become a way to guess the password, nor to make
   * the server hash passwords without limit.
   */
  async verifyPassword(
    tenant: { id: string; name: string },
    userName: string,
    password: string,
  ): Promise<void> {
    const keys = [userKey(tenant.name, userName)];
    await this.throttle.check(keys);
    if (!(await passwordMatches(await this.dir.userByName(tenant.id, userName), password))) {
      await this.throttle.failed(keys);
      throw new JugwonError('JG_PASSWORD_WRONG');
    }
    await this.throttle.succeeded(keys);
  }

  /** Forgets sessions that ended (expired or signed out) more than a day ago. */
  async prune(now = new Date()): Promise<number> {
    return this.dir.pruneSessions(new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString());
  }

  async signOut(token: string): Promise<void> {
    await this.dir.revokeSession(tokenId(token), new Date().toISOString());
  }

  private describe(user: UserTable, tenant: TenantTable, csrf: string): SessionUser {
    return {
      userId: user.id,
      userName: user.name,
      tenantId: tenant.id,
      tenantName: tenant.name,
      role: user.role,
      tenant,
      csrf,
    };
  }
}

/** The session token in a Cookie header, if any. */
export function sessionToken(cookie: string | undefined): string | undefined {
  for (const part of (cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return v.join('=') || undefined;
  }
  return undefined;
}
