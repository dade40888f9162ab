import type { Kysely } from 'kysely';
import { JugwonError } from '../core/errors.js';
import type { AiLabel, DataClass, PseudonymMode, Role } from '../core/names.js';
import { isUniqueViolation } from '../store/open.js';
import type { Database, TenantTable } from '../store/schema.js';
import { newId } from './keys.js';

export type { Role };

export interface Limits {
  rpm?: number | null;
  tokensPerDay?: number | null;
  monthlyTokens?: number | null;
}

export interface TenantOptions extends Limits {
  policyPreset?: string | null;
  allowedModels?: string[] | null;
  /** Largest document one upload may be, in bytes. */
  uploadBytes?: number | null;
  /** Bytes of documents the tenant may upload per UTC day. */
  ingestBytesPerDay?: number | null;
  /** Its share of a saturated model pool, relative to other tenants' (null: 1). */
  share?: number | null;
  /** Labels on generated answers (null: on). */
  aiLabel?: AiLabel | null;
  /** Data class of everything it sends (null: none). */
  dataClass?: DataClass | null;
  /** restore or keep the stand-ins in answers (null: restore). */
  pseudonyms?: PseudonymMode | null;
}

export const now = () => new Date().toISOString();

export async function createTenant(
  db: Kysely<Database>,
  name: string,
  o: TenantOptions = {},
): Promise<TenantTable> {
  if (!/^[A-Za-z0-9가-힣][A-Za-z0-9가-힣._-]{0,63}$/.test(name)) {
    throw new JugwonError('JG_INVALID_VALUE', {
      what: 'tenant name',
      problem: `1-64 letters, digits, . _ - (got "${name}")`,
    });
  }
  const existing = await db.selectFrom('tenants').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) throw new JugwonError('JG_TENANT_EXISTS', { name });
  const row: TenantTable = {
    id: newId(),
    name,
    policy_preset: o.policyPreset ?? null,
    allowed_models: o.allowedModels ? JSON.stringify(o.allowedModels) : null,
    rpm: o.rpm ?? null,
    tokens_per_day: o.tokensPerDay ?? null,
    monthly_tokens: o.monthlyTokens ?? null,
    upload_bytes: o.uploadBytes ?? null,
    ingest_bytes_per_day: o.ingestBytesPerDay ?? null,
    share: o.share ?? null,
    ai_label: o.aiLabel ?? null,
    data_class: o.dataClass ?? null,
    pseudonyms: o.pseudonyms ?? null,
    created_at: now(),
  };
  try {
    await db.insertInto('tenants').values(row).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new JugwonError('JG_TENANT_EXISTS', { name });
    throw e;
  }
  return row;
}

export async function findTenant(db: Kysely<Database>, name: string): Promise<TenantTable> {
  const t = await db.selectFrom('tenants').selectAll().where('name', '=', name).executeTakeFirst();
  if (!t) throw new JugwonError('JG_TENANT_NOT_FOUND', { name });
  return t;
}

export async function setTenantLimits(db: Kysely<Database>, name: string, o: TenantOptions): Promise<void> {
  const t = await findTenant(db, name);
  await db
    .updateTable('tenants')
    .set({
      ...(o.rpm !== undefined ? { rpm: o.rpm } : {}),
      ...(o.tokensPerDay !== undefined ? { tokens_per_day: o.tokensPerDay } : {}),
      ...(o.monthlyTokens !== undefined ? { monthly_tokens: o.monthlyTokens } : {}),
      ...(o.uploadBytes !== undefined ? { upload_bytes: o.uploadBytes } : {}),
      ...(o.ingestBytesPerDay !== undefined ? { ingest_bytes_per_day: o.ingestBytesPerDay } : {}),
      ...(o.share !== undefined ? { share: o.share } : {}),
      ...(o.aiLabel !== undefined ? { ai_label: o.aiLabel } : {}),
      ...(o.dataClass !== undefined ? { data_class: o.dataClass } : {}),
      ...(o.pseudonyms !== undefined ? { pseudonyms: o.pseudonyms } : {}),
      ...(o.policyPreset !== undefined ? { policy_preset: o.policyPreset } : {}),
      ...(o.allowedModels !== undefined
        ? { allowed_models: o.allowedModels ? JSON.stringify(o.allowedModels) : null }
        : {}),
    })
    .where('id', '=', t.id)
    .execute();
}
