import { JugwonError } from '../../core/errors.js';
import { type CollectionSettings, mayRead, readSettings } from '../../knowledge/settings.js';
import type { Principal } from '../../tenancy/auth.js';
import type { CallScope, Gateway } from '../gateway.js';

/**
 * Who may read a collection over HTTP, and how its queries are embedded: one rule for RAG mode,
 * the console's search and its documents screen.
 */

/** The tenant whose collections a caller reads; none before the first key exists (bootstrap). */
export const readerTenant = (p: Principal | undefined): string | undefined =>
  p && p.tenantId !== 'bootstrap' ? p.tenantName : undefined;

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

/** The query's embedding for a hybrid collection (through the gateway: policy applies); else none. */
export async function queryVector(
  gateway: Gateway,
  settings: CollectionSettings | undefined,
  query: string,
  scope: CallScope,
): Promise<number[] | undefined> {
  if (!settings?.embeddingModel) return undefined;
  const { response } = await gateway.embed(
    { model: settings.embeddingModel, input: query },
    new AbortController().signal,
    scope,
  );
  return response.data[0]?.embedding;
}
