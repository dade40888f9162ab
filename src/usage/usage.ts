import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database, UsageTable } from '../store/schema.js';

export interface UsageSample {
  tenantId: string;
  model: string;
  error: boolean;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
}

/** One row per tenant × model × day, updated in place (an upsert both SQLite and Postgres speak). */
export class UsageMeter {
  private readonly upsert: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.upsert = sqlite.prepare(
      `INSERT INTO usage (tenant_id, model, day, requests, errors, prompt_tokens, completion_tokens, latency_ms_total)
       VALUES (@tenant, @model, @day, 1, @errors, @prompt, @completion, @latency)
       ON CONFLICT (tenant_id, model, day) DO UPDATE SET
         requests = requests + 1, errors = errors + excluded.errors,
         prompt_tokens = prompt_tokens + excluded.prompt_tokens,
         completion_tokens = completion_tokens + excluded.completion_tokens,
         latency_ms_total = latency_ms_total + excluded.latency_ms_total`,
    );
  }

  record(s: UsageSample, now = new Date()): void {
    this.upsert.run({
      tenant: s.tenantId,
      model: s.model,
      day: now.toISOString().slice(0, 10),
      errors: s.error ? 1 : 0,
      prompt: s.promptTokens,
      completion: s.completionTokens,
      latency: s.latencyMs,
    });
  }
}

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
