import type { Kysely } from 'kysely';
import type { Database, UsageTable } from '../store/schema.js';

export interface UsageRow extends UsageTable {
  tenant: string;
}

export async function queryUsage(
  db: Kysely<Database>,
  o: { tenantId?: string; from?: string; to?: string } = {},
): Promise<UsageRow[]> {
  let q = db
    .selectFrom('usage')
    .leftJoin('tenants', 'tenants.id', 'usage.tenant_id')
    .select([
      'usage.tenant_id',
      'usage.model',
      'usage.day',
      'usage.requests',
      'usage.errors',
      'usage.prompt_tokens',
      'usage.completion_tokens',
      'usage.latency_ms_total',
    ])
    .select((eb) => eb.fn.coalesce('tenants.name', 'usage.tenant_id').as('tenant'));
  if (o.tenantId) q = q.where('usage.tenant_id', '=', o.tenantId);
  if (o.from) q = q.where('usage.day', '>=', o.from);
  if (o.to) q = q.where('usage.day', '<=', o.to);
  return (await q.orderBy('usage.day').orderBy('tenant').orderBy('usage.model').execute()) as UsageRow[];
}
