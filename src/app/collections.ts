import { JugwonError } from '../core/errors.js';
import { type CollectionSettings, mayRead, readSettings } from '../knowledge/settings.js';
import type { Principal } from '../tenancy/auth.js';

/** Who may read a collection: one rule for RAG mode, search, the documents screen and the CLI. */

/** The tenant whose collections a caller reads; none for the operator and before the first key (bootstrap). */
export const readerTenant = (p: Principal | undefined): string | undefined =>
  p && p.tenantId !== 'bootstrap' && p.tenantId !== OPERATOR_TENANT_ID ? p.tenantName : undefined;

/** The tenant id of the local operator (the command line): it reads and manages everything. */
export const OPERATOR_TENANT_ID = 'operator';

/** The collection's settings, or JG_COLLECTION_NOT_FOUND for another tenant's (not disclosed). */
export function readableCollection(
  dataDir: string,
  collection: string,
  p: Principal | undefined,
): CollectionSettings | undefined {
  const settings = readSettings(dataDir)[collection];
  if (!mayRead(settings, readerTenant(p)))
    throw new JugwonError('JG_COLLECTION_NOT_FOUND', { name: collection });
  return settings;
}
