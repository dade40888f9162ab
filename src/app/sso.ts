import { type AuditRecord, auditByTime, field } from '../audit/log.js';
import { JugwonError } from '../core/errors.js';
import type { Role } from '../core/names.js';
import { createUser } from '../tenancy/users.js';
import { type Actor, adminRecord } from './admin.js';
import type { Platform } from './platform.js';

type OidcSettings = NonNullable<Platform['config']['sso']>['oidc'];

/** What a sign-in carries between the redirect to the provider and the return (a cookie). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** ms since the epoch after which the return is refused. */
  expires: number;
}

const PENDING_MS = 10 * 60 * 1000;

/** Who creates the users single sign-on brings in (recorded as such in the audit trail). */
export const SSO_ACTOR: Actor = {
  route: 'sso',
  principal: {
    tenantId: 'sso',
    tenantName: 'sso',
    keyId: null,
    userName: null,
    role: 'operator',
    tenant: null,
    key: null,
  },
};

/**
 * Console sign-in through the organisation's OpenID Connect provider: authorization code with
 * PKCE, state and nonce. The provider is discovered once (openid-client, loaded only when SSO is
 * configured). A returning user is placed by the first mapping whose group the provider lists,
 * created on first sign-in (no password: they sign in through the provider only), given the
 * mapping's role, and refused when in no mapped group or disabled.
 */
export class OidcSignIn {
  private discovered: Promise<import('openid-client').Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  private async client() {
    const oidc = await import('openid-client');
    this.discovered ??= oidc
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        this.settings.allowInsecureIssuer ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((e: unknown) => {
        this.discovered = undefined; // try again next time: the provider may be back
        throw new JugwonError('JG_SSO_FAILED', {
          reason: `the identity provider cannot be reached (${(e as Error).name})`,
        });
      });
    return { oidc, config: await this.discovered };
  }

  /** Where to send the browser, and what to remember until it returns. */
  async start(redirectUri: string): Promise<{ url: string; pending: PendingSignIn }> {
    const { oidc, config } = await this.client();
    const verifier = oidc.randomPKCECodeVerifier();
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier,
      expires: Date.now() + PENDING_MS,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri ?? redirectUri,
      scope: this.settings.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** The tenant, user and role the returning browser signs in as. */
  async finish(
    platform: Platform,
    currentUrl: URL,
    pending: PendingSignIn | undefined,
  ): Promise<{ tenant: string; user: string; role: Role }> {
    if (!pending || pending.expires < Date.now())
      throw new JugwonError('JG_SSO_FAILED', { reason: 'the sign-in took too long or was not started here' });
    const { oidc, config } = await this.client();
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      // Many providers put groups (and names) in the userinfo answer only, not in the ID token.
      if (
        claims[this.settings.groupsClaim] === undefined ||
        claims[this.settings.usernameClaim] === undefined
      ) {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
        claims = { ...info, ...claims };
      }
    } catch (e) {
      throw new JugwonError('JG_SSO_FAILED', {
        reason: (e as { code?: string }).code ?? 'the provider refused the code',
      });
    }
    const raw = claims[this.settings.groupsClaim];
    const groups = new Set(Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : []);
    const mapping = this.settings.mappings.find((m) => groups.has(m.group));
    if (!mapping) throw new JugwonError('JG_SSO_DENIED');
    const name = String(claims[this.settings.usernameClaim] ?? claims.sub ?? '')
      .replace(/[^\w.@가-힣-]/g, '_')
      .slice(0, 64);
    if (!name)
      throw new JugwonError('JG_SSO_FAILED', {
        reason: `the provider sent no ${this.settings.usernameClaim}`,
      });
    if (typeof claims.sub !== 'string' || claims.sub === '')
      throw new JugwonError('JG_SSO_FAILED', { reason: 'the provider sent no subject (sub)' });
    const subject = `${this.settings.issuer}#${claims.sub}`;
    const db = platform.store.db;
    const tenant = await db
      .selectFrom('tenants')
      .select('id')
      .where('name', '=', mapping.tenant)
      .executeTakeFirst();
    if (!tenant) throw new JugwonError('JG_TENANT_NOT_FOUND', { name: mapping.tenant });
    const user = await this.userFor(platform, tenant.id, mapping, subject, name);
    // The provider's groups decide the role at every sign-in.
    await db.updateTable('users').set({ role: mapping.role }).where('id', '=', user.id).execute();
    return { tenant: mapping.tenant, user: user.name, role: mapping.role };
  }

  /**
   * The user a provider's subject signs in as: the one linked to it, else a new one under the name
   * the provider sends. A name already taken by another account — a local user with a password
   * or only keys, or another subject — is refused: the name is the provider user's to choose
   * (many providers let people edit it), so matching by it let anyone become an existing user.
   * A user single sign-on created before subjects were kept is linked on its next sign-in.
   */
  private async userFor(
    platform: Platform,
    tenantId: string,
    mapping: OidcSettings['mappings'][number],
    subject: string,
    name: string,
  ): Promise<{ id: string; name: string }> {
    const db = platform.store.db;
    const users = () =>
      db
        .selectFrom('users')
        .select(['id', 'name', 'sso_subject', 'password_hash'])
        .where('tenant_id', '=', tenantId);
    const linked = await users().where('sso_subject', '=', subject).executeTakeFirst();
    if (linked) return linked;
    const named = await users().where('name', '=', name).executeTakeFirst();
    if (!named) {
      try {
        const created = await createUser(db, mapping.tenant, name, {
          role: mapping.role,
          ssoSubject: subject,
        });
        await platform.ledger.write({
          audit: adminRecord(SSO_ACTOR, 'user.create', mapping.tenant, `${name} (single sign-on)`),
        });
        return created;
      } catch (e) {
        // The same person signing in twice at once: the other sign-in created the user.
        const raced = await users().where('sso_subject', '=', subject).executeTakeFirst();
        if (raced) return raced;
        throw e;
      }
    }
    if (
      named.sso_subject === null &&
      named.password_hash === null &&
      (await createdBySso(platform, mapping.tenant, name))
    ) {
      await db
        .updateTable('users')
        .set({ sso_subject: subject })
        .where('id', '=', named.id)
        .where('sso_subject', 'is', null)
        .execute();
      const adopted = await users().where('sso_subject', '=', subject).executeTakeFirst();
      if (adopted) return adopted;
    }
    throw new JugwonError('JG_SSO_FAILED', {
      reason: `the name "${name}" belongs to another account of ${mapping.tenant}; an administrator must rename one`,
    });
  }
}

/** Whether the audit trail says single sign-on created this user (before subjects were kept). */
async function createdBySso(platform: Platform, tenant: string, name: string): Promise<boolean> {
  const target = `${name} (single sign-on)`;
  const near = [field('target', target), field('route', 'sso')];
  for await (const row of auditByTime(platform.store.db, 'asc', { contains: near, tenant })) {
    const r = JSON.parse(row.record) as AuditRecord;
    if (r.route === 'sso' && r.decision === 'user.create' && r.tenant === tenant && r.target === target)
      return true;
  }
  return false;
}
