import type { Command } from 'commander';
import { AuditLog, auditError, exportAudit, verifyAudit } from '../audit/log.js';
import { loadOrCreateRetentionKey, PromptVault } from '../audit/retention.js';
import { keyPaths, loadOrCreateSigner } from '../audit/signing.js';
import type { ResolvedConfig } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import { presets } from '../policy/presets.js';
import { openStore, type Store } from '../store/open.js';
import {
  createApiKey,
  createTenant,
  createUser,
  findTenant,
  type Limits,
  type Role,
  revokeApiKey,
  setPassword,
  setTenantLimits,
} from '../tenancy/tenants.js';
import { queryUsage } from '../usage/usage.js';
import { readStdinText, write } from './io.js';
import { configFromOptions } from './serve.js';

interface LimitFlags {
  rpm?: string;
  tokensPerDay?: string;
  monthlyTokens?: string;
}

const positive = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new JugwonError('JG_USAGE', {
      problem: `${flag} must be a whole number ≥ 0 (0 = no limit), got "${v}"`,
    });
  return n;
};

function checkPreset(v: string | undefined): void {
  if (v !== undefined && !(v in presets))
    throw new JugwonError('JG_USAGE', {
      problem: `--policy must be one of ${Object.keys(presets).join(', ')}`,
    });
}

function checkRole(v: string | undefined): void {
  if (v !== undefined && !['admin', 'compliance', 'member'].includes(v))
    throw new JugwonError('JG_USAGE', { problem: '--role must be admin, compliance or member' });
}

/** Limits from flags; 0 clears a limit. */
function limitsFrom(o: LimitFlags): Limits {
  const out: Limits = {};
  const set = (k: keyof Limits, flag: string, v: string | undefined) => {
    const n = positive(flag, v);
    if (n !== undefined) out[k] = n === 0 ? null : n;
  };
  set('rpm', '--rpm', o.rpm);
  set('tokensPerDay', '--tokens-per-day', o.tokensPerDay);
  set('monthlyTokens', '--monthly-tokens', o.monthlyTokens);
  return out;
}

const withLimitFlags = (c: Command) =>
  c
    .option('--rpm <n>', 'requests per minute (0: no limit)')
    .option('--tokens-per-day <n>', 'token budget per day, UTC (0: no limit)')
    .option('--monthly-tokens <n>', 'token budget per calendar month (0: no limit)');

/** Opens the store of the configured data folder, runs `fn`, records the admin action, closes. */
async function withStore<T>(
  config: ResolvedConfig,
  fn: (store: Store, audit: AuditLog) => Promise<T>,
): Promise<T> {
  const store = await openStore(config.dataDir);
  const audit = new AuditLog(store.sqlite, loadOrCreateSigner(config.dataDir));
  try {
    return await fn(store, audit);
  } finally {
    audit.checkpoint(); // admin actions are signed at once
    await store.close();
  }
}

const adminRecord = (action: string, tenant: string, target: string | null) => ({
  time: new Date().toISOString(),
  kind: 'admin' as const,
  tenant,
  keyId: null,
  user: process.env.USER ?? null,
  route: 'cli',
  decision: action,
  status: 0,
  outcome: 'ok',
  target,
});

/** Creates the first admin tenant and key (jugwon init), unless one exists. */
export async function bootstrapAdmin(
  config: ResolvedConfig,
): Promise<{ key: string; id: string } | undefined> {
  return withStore(config, async (store, audit) => {
    const exists = await store.db
      .selectFrom('tenants')
      .select('id')
      .where('name', '=', 'admin')
      .executeTakeFirst();
    if (exists) return undefined;
    await createTenant(store.db, 'admin');
    const k = await createApiKey(store.db, 'admin', { role: 'admin', name: 'bootstrap' });
    audit.append(adminRecord('tenant.create', 'admin', 'admin'));
    audit.append(adminRecord('key.create', 'admin', k.id));
    return { key: k.key, id: k.id };
  });
}

export function registerAdminCommands(program: Command): void {
  const tenants = program.command('tenants').description('organisations sharing this gateway');
  withLimitFlags(
    tenants
      .command('create')
      .argument('<name>')
      .option('--config <file>', 'configuration file')
      .option('--policy <preset>', `policy preset for this tenant (${Object.keys(presets).join(', ')})`)
      .option('--models <ids>', 'models this tenant may use, comma-separated (default: all)')
      .option('--json', 'print JSON'),
  ).action(
    async (
      name: string,
      o: LimitFlags & { config?: string; policy?: string; models?: string; json?: boolean },
    ) => {
      checkPreset(o.policy);
      const config = configFromOptions(o.config);
      const models = o.models
        ?.split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      const unknown = models?.filter((m) => !config.models.some((c) => c.id === m)) ?? [];
      if (unknown.length)
        throw new JugwonError('JG_USAGE', { problem: `--models: not configured: ${unknown.join(', ')}` });
      const t = await withStore(config, async (store, audit) => {
        const row = await createTenant(store.db, name, {
          ...limitsFrom(o),
          policyPreset: o.policy ?? null,
          allowedModels: models ?? null,
        });
        audit.append(adminRecord('tenant.create', name, name));
        return row;
      });
      process.stdout.write(
        o.json ? `${JSON.stringify({ id: t.id, name: t.name })}\n` : `created tenant ${t.name}\n`,
      );
    },
  );

  withLimitFlags(
    tenants
      .command('set')
      .argument('<name>')
      .option('--config <file>', 'configuration file')
      .option('--policy <preset>', 'policy preset'),
  ).action(async (name: string, o: LimitFlags & { config?: string; policy?: string }) => {
    checkPreset(o.policy);
    await withStore(configFromOptions(o.config), async (store, audit) => {
      await setTenantLimits(store.db, name, {
        ...limitsFrom(o),
        ...(o.policy ? { policyPreset: o.policy } : {}),
      });
      audit.append(adminRecord('tenant.update', name, name));
    });
    process.stdout.write(`updated tenant ${name}\n`);
  });

  tenants
    .command('list')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .action(async (o: { config?: string; json?: boolean }) => {
      const rows = await withStore(configFromOptions(o.config), (store) =>
        store.db.selectFrom('tenants').selectAll().orderBy('name').execute(),
      );
      if (o.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else
        for (const t of rows)
          process.stdout.write(
            `${t.name.padEnd(24)} rpm=${t.rpm ?? '-'} tokens/day=${t.tokens_per_day ?? '-'} monthly=${t.monthly_tokens ?? '-'} policy=${t.policy_preset ?? '(server)'}\n`,
          );
    });

  const users = program.command('users').description('people in a tenant (console sign-in, audit records)');
  users
    .command('create')
    .argument('<name>')
    .requiredOption('--tenant <name>', 'tenant the user belongs to')
    .option('--role <role>', 'admin, compliance or member', 'member')
    .option('--password-stdin', 'read a console password (12+ characters) from standard input')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        o: { tenant: string; role: string; passwordStdin?: boolean; config?: string; json?: boolean },
      ) => {
        checkRole(o.role);
        const password = o.passwordStdin ? (await readStdinText(4096)).replace(/\r?\n$/, '') : undefined;
        const u = await withStore(configFromOptions(o.config), async (store, audit) => {
          const created = await createUser(store.db, o.tenant, name, {
            role: o.role as Role,
            ...(password !== undefined ? { password } : {}),
          });
          audit.append(adminRecord('user.create', o.tenant, name));
          return created;
        });
        process.stdout.write(
          o.json ? `${JSON.stringify(u)}\n` : `created user ${u.name} (${u.role}) in ${u.tenant}\n`,
        );
      },
    );

  users
    .command('passwd')
    .description(
      "set a user's console password (12+ characters, from standard input); ends the user's sessions",
    )
    .argument('<name>')
    .requiredOption('--tenant <name>', 'tenant the user belongs to')
    .option('--config <file>', 'configuration file')
    .action(async (name: string, o: { tenant: string; config?: string }) => {
      const password = (await readStdinText(4096)).replace(/\r?\n$/, '');
      await withStore(configFromOptions(o.config), async (store, audit) => {
        await setPassword(store.db, o.tenant, name, password);
        audit.append(adminRecord('user.password', o.tenant, name));
      });
      process.stdout.write(`set the password of ${name} in ${o.tenant}; their console sessions ended\n`);
    });

  const keys = program.command('keys').description('API keys (shown once, stored hashed)');
  withLimitFlags(
    keys
      .command('create')
      .requiredOption('--tenant <name>', 'tenant the key belongs to')
      .option('--config <file>', 'configuration file')
      .option('--role <role>', "admin, compliance or member (default: the user's role, else member)")
      .option('--name <label>', 'a label to recognise the key by')
      .option('--user <name>', "the user the key acts for (takes the user's role)")
      .option('--expires <when>', 'ISO date-time, or a duration like 30d or 12h')
      .option('--json', 'print {"key", "id"} as JSON'),
  ).action(
    async (
      o: LimitFlags & {
        tenant: string;
        config?: string;
        role?: string;
        name?: string;
        user?: string;
        expires?: string;
        json?: boolean;
      },
    ) => {
      checkRole(o.role);
      const expiresAt = parseExpiry(o.expires);
      const k = await withStore(configFromOptions(o.config), async (store, audit) => {
        const created = await createApiKey(store.db, o.tenant, {
          ...limitsFrom(o),
          ...(o.role ? { role: o.role as Role } : {}),
          ...(o.name ? { name: o.name } : {}),
          ...(o.user ? { user: o.user } : {}),
          expiresAt,
        });
        audit.append(adminRecord('key.create', o.tenant, created.id));
        return created;
      });
      if (o.json)
        process.stdout.write(
          `${JSON.stringify({ key: k.key, id: k.id, tenant: k.tenant, role: k.role, expiresAt: k.expiresAt })}\n`,
        );
      else process.stdout.write(`${k.key}\n(key id ${k.id}; shown once, store it now)\n`);
    },
  );

  keys
    .command('revoke')
    .argument('<id>')
    .option('--config <file>', 'configuration file')
    .action(async (id: string, o: { config?: string }) => {
      await withStore(configFromOptions(o.config), async (store, audit) => {
        const row = await store.db
          .selectFrom('api_keys')
          .innerJoin('tenants', 'tenants.id', 'api_keys.tenant_id')
          .select('tenants.name')
          .where('api_keys.id', '=', id)
          .executeTakeFirst();
        await revokeApiKey(store.db, id);
        audit.append(adminRecord('key.revoke', row?.name ?? '', id));
      });
      process.stdout.write(`revoked ${id}\n`);
    });

  keys
    .command('list')
    .option('--config <file>', 'configuration file')
    .option('--tenant <name>', 'only this tenant')
    .option('--json', 'print JSON')
    .action(async (o: { config?: string; tenant?: string; json?: boolean }) => {
      const rows = await withStore(configFromOptions(o.config), async (store) => {
        let q = store.db
          .selectFrom('api_keys')
          .innerJoin('tenants', 'tenants.id', 'api_keys.tenant_id')
          .select([
            'api_keys.id',
            'tenants.name as tenant',
            'api_keys.role',
            'api_keys.name',
            'api_keys.created_at',
            'api_keys.expires_at',
            'api_keys.revoked_at',
          ]);
        if (o.tenant) q = q.where('tenants.id', '=', (await findTenant(store.db, o.tenant)).id);
        return q.orderBy('api_keys.created_at').execute();
      });
      if (o.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else
        for (const k of rows)
          process.stdout.write(
            `${k.id}  ${k.tenant.padEnd(16)} ${k.role.padEnd(10)} ${k.revoked_at ? 'revoked' : k.expires_at ? `expires ${k.expires_at}` : 'active'}  ${k.name ?? ''}\n`,
          );
    });

  program
    .command('usage')
    .description('usage per tenant, model and day')
    .option('--config <file>', 'configuration file')
    .option('--tenant <name>', 'only this tenant')
    .option('--from <day>', 'first day (YYYY-MM-DD)')
    .option('--to <day>', 'last day (YYYY-MM-DD)')
    .option('--json', 'print JSON')
    .action(async (o: { config?: string; tenant?: string; from?: string; to?: string; json?: boolean }) => {
      const rows = await withStore(configFromOptions(o.config), async (store) => {
        const tenantId = o.tenant ? (await findTenant(store.db, o.tenant)).id : undefined;
        return queryUsage(store.db, {
          ...(tenantId ? { tenantId } : {}),
          ...(o.from ? { from: o.from } : {}),
          ...(o.to ? { to: o.to } : {}),
        });
      });
      if (o.json) {
        process.stdout.write(`${JSON.stringify(rows.map(({ tenant_id: _t, ...r }) => r))}\n`);
        return;
      }
      process.stdout.write(
        `${'day'.padEnd(11)}${'tenant'.padEnd(18)}${'model'.padEnd(20)}${'requests'.padStart(9)}${'errors'.padStart(8)}${'prompt'.padStart(10)}${'completion'.padStart(12)}${'avg ms'.padStart(9)}\n`,
      );
      for (const r of rows) {
        process.stdout.write(
          `${r.day.padEnd(11)}${r.tenant.padEnd(18)}${r.model.padEnd(20)}${String(r.requests).padStart(9)}${String(r.errors).padStart(8)}${String(r.prompt_tokens).padStart(10)}${String(r.completion_tokens).padStart(12)}${(r.requests ? r.latency_ms_total / r.requests : 0).toFixed(1).padStart(9)}\n`,
        );
      }
    });

  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('re-check the whole hash chain and every signed checkpoint')
    .option('--config <file>', 'configuration file')
    .option('--public-key <file>', 'verify with this public key (default: the one in <dataDir>/keys)')
    .option('--json', 'print JSON')
    .action(async (o: { config?: string; publicKey?: string; json?: boolean }) => {
      const config = configFromOptions(o.config);
      const result = await withStore(config, async (store) =>
        verifyAudit(store.sqlite, o.publicKey ?? keyPaths(config.dataDir).publicKey),
      );
      if (o.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok)
        process.stdout.write(
          `OK: ${result.records} records, ${result.checkpoints} signed checkpoints, ${result.unsignedTail} records after the last checkpoint\n`,
        );
      const err = auditError(result);
      if (err) throw err;
    });

  audit
    .command('export')
    .option('--config <file>', 'configuration file')
    .option('--from <when>', 'from this day or instant (ISO)')
    .option('--to <when>', 'up to this day or instant (ISO)')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .action(async (o: { config?: string; from?: string; to?: string; format: string }) => {
      if (o.format !== 'jsonl' && o.format !== 'csv')
        throw new JugwonError('JG_USAGE', { problem: '--format must be jsonl or csv' });
      await withStore(configFromOptions(o.config), async (store) => {
        for (const line of exportAudit(store.sqlite, {
          format: o.format as 'jsonl' | 'csv',
          ...(o.from ? { from: o.from } : {}),
          ...(o.to ? { to: o.to } : {}),
        })) {
          await write(process.stdout, line);
        }
      });
    });

  audit
    .command('show-request')
    .description('decrypt one retained request body (when audit.retainRequests is on)')
    .argument('<request-id>')
    .option('--config <file>', 'configuration file')
    .action(async (id: string, o: { config?: string }) => {
      const config = configFromOptions(o.config);
      const body = await withStore(config, async (store, log) => {
        const text = new PromptVault(store.sqlite, loadOrCreateRetentionKey(config.dataDir)).open(id);
        log.append(adminRecord('request.reveal', '', id)); // reading personal data is itself audited
        return text;
      });
      process.stdout.write(`${body}\n`);
    });

  audit
    .command('public-key')
    .description('print the public key that verifies the audit checkpoints (give it to your auditor)')
    .option('--config <file>', 'configuration file')
    .action((o: { config?: string }) => {
      process.stdout.write(loadOrCreateSigner(configFromOptions(o.config).dataDir).publicKeyPem);
    });
}

function parseExpiry(v: string | undefined): string | null {
  if (!v) return null;
  const d = /^(\d+)([dh])$/.exec(v);
  if (d) return new Date(Date.now() + Number(d[1]) * (d[2] === 'd' ? 86_400_000 : 3_600_000)).toISOString();
  const t = Date.parse(v);
  if (Number.isNaN(t))
    throw new JugwonError('JG_USAGE', {
      problem: `--expires must be an ISO date-time or a duration like 30d, got "${v}"`,
    });
  return new Date(t).toISOString();
}
