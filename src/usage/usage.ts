import type { Kysely } from 'kysely';
import { checkRange } from '../core/dates.js';
import type { Database, UsageTable } from '../store/schema.js';

export interface UsageRow extends UsageTable {
  tenant: string;
}

export async function queryUsage(
  db: Kysely<Database>,
  o: { tenantId?: string; from?: string; to?: string } = {},
): Promise<UsageRow[]> {
  const { from, to } = checkRange(o, { days: true });
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
  if (from) q = q.where('usage.day', '>=', from);
  if (to) q = q.where('usage.day', '<=', to);
  return (await q.orderBy('usage.day').orderBy('tenant').orderBy('usage.model').execute()) as UsageRow[];
}
