import { JugwonError } from '../core/errors.js';
import { collectionKey } from '../knowledge/document.js';
import { type CollectionSettings, readSettings } from '../knowledge/settings.js';
import type { Principal } from '../tenancy/auth.js';

/** Who may read a collection: one rule for RAG mode, search, the documents screen and the CLI. */

/** The tenant id of the local operator (the command line): it reads and manages everything. */
export const OPERATOR_TENANT_ID = 'operator';

/** The tenant whose collections a caller reads; none for the operator and before the first key (bootstrap). */
export const readerTenant = (p: Principal | undefined): string | undefined =>
  p && p.tenantId !== 'bootstrap' && p.tenantId !== OPERATOR_TENANT_ID ? p.tenantName : undefined;

/**
 * Whether a caller may read a collection: the operator and bootstrap read everything; a tenant
 * reads its own and shared ones (a settings entry without owner). A collection with no settings
 * entry at all — created before owners were recorded first, or left by a crash — is visible to
 * the platform's operators only, until `jugwon collections repair` records its owner.
 */
export function mayRead(settings: CollectionSettings | undefined, p: Principal | undefined): boolean {
  const tenant = readerTenant(p);
  if (tenant === undefined) return true;
  if (!settings) return p?.role === 'operator';
  return !settings.tenant || settings.tenant === tenant;
}

/** The collection's settings, or JG_COLLECTION_NOT_FOUND for another tenant's (not disclosed). */
export function readableCollection(
  dataDir: string,
  collection: string,
  p: Principal | undefined,
): CollectionSettings | undefined {
  const settings = readSettings(dataDir)[collectionKey(collection)];
  if (!mayRead(settings, p)) throw new JugwonError('JG_COLLECTION_NOT_FOUND', { name: collection });
  return settings;
}
