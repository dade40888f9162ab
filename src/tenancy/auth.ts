import { JugwonError } from '../core/errors.js';
import type { ApiKeyTable, TenantTable } from '../store/schema.js';
import type { Directory } from './directory.js';
import { FAST, keyFingerprint, keyHash, parseKey, secretMatches } from './keys.js';
import { Sessions, type SessionUser, type Throttle } from './sessions.js';
import type { Role } from './tenants.js';

/** Who is calling: resolved once per request, read by quota, policy, usage and audit. */
export interface Principal {
  tenantId: string;
  tenantName: string;
  keyId: string | null;
  /** The user the key acts for, if any. */
  userName: string | null;
  /** That user's id (console sessions, and keys that act for a user). */
  userId?: string | null;
  role: Role;
  tenant: TenantTable | null;
  key: ApiKeyTable | null;
}

/** A signed-in console user as a caller: their own role in their own tenant. */
export const sessionPrincipal = (u: SessionUser): Principal => ({
  tenantId: u.tenantId,
  tenantName: u.tenantName,
  keyId: null,
  userName: u.userName,
  userId: u.userId,
  role: u.role,
  tenant: u.tenant,
  key: null,
});

/** Before any key exists, loopback callers act as this tenant (a fresh install on one machine). */
export const BOOTSTRAP: Principal = {
  tenantId: 'bootstrap',
  tenantName: 'bootstrap',
  keyId: null,
  userName: null,
  role: 'operator',
  tenant: null,
  key: null,
};

const isLoopback = (ip: string) =>
  ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1' || ip.startsWith('127.');

/**
 * Checks Bearer keys. scrypt runs once per key and process (a verified key's fingerprint is
 * remembered); the key's row is read on every request, so revocation and expiry take effect at once.
 */
export class Authenticator {
  private readonly verified = new Set<string>();
  /** Verifications under way, shared by concurrent requests with the same key (one scrypt, not one each). */
  private readonly verifying = new Map<string, Promise<boolean>>();
  readonly sessions: Sessions;

  constructor(
    private readonly dir: Directory,
    throttle?: Throttle,
  ) {
    this.sessions = new Sessions(dir, throttle);
  }

  /**
   * A key stored with scrypt by an earlier version: checked once per process (concurrent requests
   * share the check), then stored as SHA-256 so wrong secrets for it cost no scrypt any more.
   */
  private async verifyOlder(key: ApiKeyTable, secret: string, bearer: string): Promise<void> {
    const fingerprint = keyFingerprint(bearer);
    if (this.verified.has(fingerprint)) return;
    let check = this.verifying.get(fingerprint);
    if (!check) {
      check = (secretMatches(secret, key.salt, key.hash) as Promise<boolean>).finally(() =>
        this.verifying.delete(fingerprint),
      );
      this.verifying.set(fingerprint, check);
    }
    if (!(await check)) throw new JugwonError('JG_AUTH_INVALID');
    this.verified.add(fingerprint);
    await this.dir.rehashKey(key.id, key.hash, keyHash(secret));
  }

  async authenticate(
    authorization: string | undefined,
    ip: string,
    session?: { token: string; method: string; csrf: string | undefined },
  ): Promise<Principal> {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    // A header that is there but not "Bearer <key>" is a mistake to name, never a missing key
    // (and never the keyless bootstrap).
    if (authorization !== undefined && authorization.trim() !== '' && !bearer)
      throw new JugwonError('JG_AUTH_MALFORMED');
    if (!bearer && session) {
      // The console: a signed-in user acts with their own role in their own tenant.
      return sessionPrincipal(await this.sessions.resolve(session.token, session.method, session.csrf));
    }
    const parsed = bearer ? parseKey(bearer) : undefined;
    if (!parsed) {
      // No usable key: allowed only on a fresh install, and only from this machine.
      // Any key that ever existed counts: revoking the last key must not open the door again,
      // least of all behind a reverse proxy where every client is loopback.
      if (isLoopback(ip) && !(await this.dir.anyKey())) return BOOTSTRAP;
      throw new JugwonError(bearer ? 'JG_AUTH_INVALID' : 'JG_AUTH_MISSING');
    }
    const found = await this.dir.keyWithOwners(parsed.id);
    const key = found?.key;
    if (!key || key.revoked_at || (key.expires_at && Date.parse(key.expires_at) <= Date.now())) {
      throw new JugwonError('JG_AUTH_INVALID');
    }
    if (key.salt === FAST) {
      if (!secretMatches(parsed.secret, key.salt, key.hash)) throw new JugwonError('JG_AUTH_INVALID');
    } else await this.verifyOlder(key, parsed.secret, bearer as string);
    const tenant = found?.tenant;
    if (!tenant) throw new JugwonError('JG_AUTH_INVALID');
    const user = key.user_id ? found?.user : undefined;
    if (key.user_id && (!user || user.disabled_at)) throw new JugwonError('JG_AUTH_INVALID'); // a disabled user's keys stop working
    return {
      tenantId: tenant.id,
      tenantName: tenant.name,
      keyId: key.id,
      userName: user?.name ?? null,
      userId: key.user_id,
      role: key.role,
      tenant,
      key,
    };
  }
}
