import { userInfo } from 'node:os';
import type { Actor } from '../app/admin.js';
import { OPERATOR_TENANT_ID } from '../app/collections.js';
import { openPlatform, type Platform } from '../app/platform.js';
import type { ResolvedConfig } from '../core/config.js';
import type { Principal } from '../tenancy/auth.js';
import { findTenant } from '../tenancy/tenants.js';

/**
 * Who runs a command: the local operator, with the machine's account name in audit records. It
 * administers every tenant and reads every collection (whoever can run jugwon here can read its
 * data folder anyway); model calls use the server's policy preset and every model.
 */
export function operator(): Principal {
  let name: string | null = null;
  try {
    name = userInfo().username;
  } catch {
    // no account name on this system
  }
  return {
    tenantId: OPERATOR_TENANT_ID,
    tenantName: OPERATOR_TENANT_ID,
    keyId: null,
    userName: name,
    role: 'operator',
    tenant: null,
    key: null,
  };
}

/** The operator acting for one tenant: that tenant's models, preset and budgets apply. */
export async function actingFor(platform: Platform, tenant: string | undefined): Promise<Principal> {
  const op = operator();
  if (!tenant) return op;
  const t = await findTenant(platform.store.db, tenant);
  return { ...op, tenantId: t.id, tenantName: t.name, tenant: t };
}

export const cliActor = (): Actor => ({ principal: operator(), route: 'cli' });

/** Opens the platform for one command, runs `fn`, signs the audit tail and closes. */
export async function withPlatform<T>(
  config: ResolvedConfig,
  fn: (platform: Platform) => Promise<T>,
): Promise<T> {
  const platform = await openPlatform(config);
  try {
    return await fn(platform);
  } finally {
    await platform.close();
  }
}
