import { type ColumnDataType, type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import type { Dialect } from './schema.js';

/**
 * Column types per dialect. Postgres counts in bigint (a month of a large tenant's tokens passes
 * 2^31) and double precision; SQLite's integer and real are already 64-bit.
 */
const types = (d: Dialect) =>
  d === 'sqlite'
    ? { int: 'integer' as ColumnDataType, real: 'real' as ColumnDataType, blob: 'blob' as ColumnDataType }
    : {
        int: 'bigint' as ColumnDataType,
        real: 'double precision' as ColumnDataType,
        blob: 'bytea' as ColumnDataType,
      };

/**
 * Migrations live in code, in order; each runs once (Kysely records them in its own table). The
 * same migrations create the SQLite and the Postgres schema.
 */
export const migrationsFor = (dialect: Dialect): Record<string, Migration> => {
  const t = types(dialect);
  const migrations: Record<string, Migration> = {
    '0001-tenancy': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('tenants')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('policy_preset', 'text')
          .addColumn('allowed_models', 'text')
          .addColumn('rpm', t.int)
          .addColumn('tokens_per_day', t.int)
          .addColumn('monthly_tokens', t.int)
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('api_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
          .addColumn('name', 'text')
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addColumn('salt', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text')
          .addColumn('revoked_at', 'text')
          .addColumn('rpm', t.int)
          .addColumn('tokens_per_day', t.int)
          .addColumn('monthly_tokens', t.int)
          .execute();
        await db.schema
          .createTable('quota_counters')
          .addColumn('scope', 'text', (c) => c.primaryKey())
          .addColumn('used', t.int, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('usage')
          .addColumn('tenant_id', 'text', (c) => c.notNull())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('requests', t.int, (c) => c.notNull())
          .addColumn('errors', t.int, (c) => c.notNull())
          .addColumn('prompt_tokens', t.int, (c) => c.notNull())
          .addColumn('completion_tokens', t.int, (c) => c.notNull())
          .addColumn('latency_ms_total', t.real, (c) => c.notNull())
          .addPrimaryKeyConstraint('usage_pk', ['tenant_id', 'model', 'day'])
          .execute();
      },
    },
    '0002-audit': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('audit_log')
          .addColumn('seq', t.int, (c) =>
            // Postgres: no sequence, whose rolled-back numbers would leave holes in the chain; the
            // writer numbers each record under the audit lock.
            dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          )
          .addColumn('record', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit_checkpoints')
          .addColumn('seq', t.int, (c) => c.primaryKey())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addColumn('signature', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await sql`select 1`.execute(db);
      },
    },
  };

  migrations['0003-users'] = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('salt', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .addUniqueConstraint('users_tenant_name', ['tenant_id', 'name'])
        .execute();
      await db.schema.alterTable('api_keys').addColumn('user_id', 'text').execute();
    },
  };

  migrations['0004-sessions'] = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('csrf', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
    },
  };

  /**
   * Roles per tenant: `admin` now administers its own tenant only, and the new `operator` role runs
   * the platform. The administrators of the `admin` tenant (the one `jugwon init` creates for the
   * platform) were the platform's operators, and become so by name.
   */
  migrations['0005-operator-role'] = {
    async up(db: Kysely<unknown>) {
      for (const table of ['api_keys', 'users'])
        await sql`UPDATE ${sql.table(table)} SET role = 'operator' WHERE role = 'admin' AND tenant_id IN (SELECT id FROM tenants WHERE name = 'admin')`.execute(
          db,
        );
    },
  };

  /** Per-tenant upload limits: the largest document, and bytes of documents per day. */
  migrations['0006-tenant-upload-limits'] = {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('tenants').addColumn('upload_bytes', t.int).execute();
      await db.schema.alterTable('tenants').addColumn('ingest_bytes_per_day', t.int).execute();
    },
  };

  /** Sealed request bodies (audit.retainRequests); earlier versions created the table on first use. */
  migrations['0007-retained-requests'] = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('retained_requests')
        .ifNotExists()
        .addColumn('request_id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('iv', t.blob, (c) => c.notNull())
        .addColumn('tag', t.blob, (c) => c.notNull())
        .addColumn('body', t.blob, (c) => c.notNull())
        .execute();
    },
  };

  /** Fair shares of saturated model pools. */
  migrations['0008-tenant-share'] = {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('tenants').addColumn('share', t.real).execute();
    },
  };

  /** Console conversations, kept per user (sealed; see app/conversations.ts). */
  migrations['0009-conversations'] = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('iv', t.blob, (c) => c.notNull())
        .addColumn('tag', t.blob, (c) => c.notNull())
        .addColumn('body', t.blob, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('conversations_user')
        .on('conversations')
        .columns(['user_id', 'updated_at'])
        .execute();
    },
  };

  /** Labels on generated output (인공지능 기본법 제31조), per tenant. */
  migrations['0010-tenant-ai-label'] = {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('tenants').addColumn('ai_label', 'text').execute();
    },
  };

  /** The data class (N2SF C/S/O, credit) of everything a tenant sends, per tenant. */
  migrations['0011-tenant-data-class'] = {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('tenants').addColumn('data_class', 'text').execute();
    },
  };

  /** The tenant a retained request came from, so its compliance officer can answer a data subject. */
  migrations['0012-retained-request-tenant'] = {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('retained_requests').addColumn('tenant', 'text').execute();
    },
  };

  /** Whether a tenant's users get answers with original values restored, or the stand-ins. */
  migrations['0013-tenant-pseudonyms'] = {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('tenants').addColumn('pseudonyms', 'text').execute();
    },
  };

  /**
   * The identity a user signs in with through single sign-on (the provider's issuer and `sub`):
   * users are found by it, never by a name the provider sends, which another account could share.
   */
  migrations['0014-user-sso-subject'] = {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('sso_subject', 'text').execute();
    },
  };

  /**
   * The tenant and time a record names, as columns derived from the record (never written apart
   * from it, so they cannot disagree with what the hash chain covers), indexed: an officer reads a
   * tenant's records, or a month's, out of a trail shared with others for years without reading
   * the rest. SQLite: virtual columns (nothing rewritten); Postgres: stored.
   */
  migrations['0015-audit-tenant-time'] = {
    async up(db: Kysely<unknown>) {
      if (dialect === 'sqlite')
        for (const field of ['tenant', 'time'])
          await sql`ALTER TABLE audit_log ADD COLUMN ${sql.id(field)} TEXT GENERATED ALWAYS AS (json_extract(record, ${sql.lit(`$.${field}`)})) VIRTUAL`.execute(
            db,
          );
      // Postgres rewrites the table for stored columns: both in one statement, one rewrite.
      else
        await sql`ALTER TABLE audit_log
          ADD COLUMN tenant TEXT GENERATED ALWAYS AS ((record::json) ->> 'tenant') STORED,
          ADD COLUMN "time" TEXT GENERATED ALWAYS AS ((record::json) ->> 'time') STORED`.execute(db);
      await db.schema.createIndex('audit_log_time').on('audit_log').columns(['time', 'seq']).execute();
      await db.schema
        .createIndex('audit_log_tenant_time')
        .on('audit_log')
        .columns(['tenant', 'time', 'seq'])
        .execute();
    },
  };

  /**
   * What expires is found by its time: the destruction of conversations and retained request
   * bodies past their retention read every row (bodies and all) without these. Sessions by user.
   */
  migrations['0016-expiry-indexes'] = {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('conversations_updated').on('conversations').column('updated_at').execute();
      await db.schema
        .createIndex('retained_requests_created')
        .on('retained_requests')
        .column('created_at')
        .execute();
      // A sign-in ends the user's oldest sessions beyond those kept (tenancy/sessions.ts).
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    },
  };

  return migrations;
};

export const migrationProvider = (dialect: Dialect): MigrationProvider => ({
  async getMigrations() {
    return migrationsFor(dialect);
  },
});
