import type { Generated, GeneratedAlways } from 'kysely';
import type { Role } from '../core/names.js';

/** The stores jugwon speaks: SQLite (embedded) and Postgres (shared by replicas). */
export type Dialect = 'sqlite' | 'postgres';

/** The tables, as Kysely sees them. Timestamps are ISO-8601 strings (UTC); JSON columns are text. */
export interface TenantTable {
  id: string;
  name: string;
  policy_preset: string | null;
  /** JSON array of model ids, or null for all. */
  allowed_models: string | null;
  rpm: number | null;
  tokens_per_day: number | null;
  monthly_tokens: number | null;
  /** Largest document one upload may be, in bytes; null: the server's limit. */
  upload_bytes: number | null;
  /** Bytes of documents the tenant may upload per UTC day; null: no limit. */
  ingest_bytes_per_day: number | null;
  /** Share of a saturated model pool relative to other tenants; null: 1. */
  share: number | null;
  /** AI Basic Act labelling of generated answers: on (default), visible, or off (internal use). */
  ai_label: string | null;
  /** Data class of everything the tenant sends (N2SF C/S/O, credit); null: none. */
  data_class: string | null;
  /** restore (default) or keep: stand-ins left in answers for users of pseudonymised results. */
  pseudonyms: string | null;
  created_at: string;
}

export interface UserTable {
  id: string;
  tenant_id: string;
  name: string;
  role: Role;
  /** scrypt of the console password, when the user signs in to the console. */
  password_hash: string | null;
  salt: string | null;
  /** `<issuer>#<sub>` of a user who signs in through single sign-on (else null). */
  sso_subject: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface ApiKeyTable {
  id: string;
  tenant_id: string;
  /** The user the key acts for, if any (service keys have none). */
  user_id: string | null;
  name: string | null;
  role: Role;
  /** SHA-256(secret) as hex (salt ''), or scrypt(secret, salt) for a key not used since an upgrade. */
  hash: string;
  salt: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  rpm: number | null;
  tokens_per_day: number | null;
  monthly_tokens: number | null;
}

export interface QuotaCounterTable {
  /** e.g. "tenant:<id>:day:2026-11-28" or "key:<id>:month:2026-11". */
  scope: string;
  used: number;
}

export interface UsageTable {
  tenant_id: string;
  model: string;
  day: string;
  requests: number;
  errors: number;
  prompt_tokens: number;
  completion_tokens: number;
  latency_ms_total: number;
}

export interface AuditTable {
  seq: Generated<number>;
  record: string;
  prev_hash: string;
  hash: string;
  /** Derived from `record` by the store (migration 0015): read a tenant's or a period's records. */
  tenant: GeneratedAlways<string | null>;
  time: GeneratedAlways<string | null>;
}

export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  signature: string;
  created_at: string;
}

/** A console sign-in: only the token's SHA-256 is kept. */
export interface SessionTable {
  id: string;
  user_id: string;
  tenant_id: string;
  csrf: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** A request body sealed with AES-256-GCM (audit.retainRequests). */
export interface RetainedRequestTable {
  request_id: string;
  created_at: string;
  /** The tenant it came from (null: before tenants were recorded, or unauthenticated). */
  tenant: string | null;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

/** A console conversation: its turns sealed with AES-256-GCM (never stored as plain text). */
export interface ConversationTable {
  id: string;
  tenant_id: string;
  user_id: string;
  title: string;
  created_at: string;
  updated_at: string;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

export interface Database {
  conversations: ConversationTable;
  retained_requests: RetainedRequestTable;
  tenants: TenantTable;
  api_keys: ApiKeyTable;
  users: UserTable;
  sessions: SessionTable;
  quota_counters: QuotaCounterTable;
  usage: UsageTable;
  audit_log: AuditTable;
  audit_checkpoints: AuditCheckpointTable;
}
