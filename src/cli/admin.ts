import type { Command } from 'commander';
import { JugwonError } from '../core/errors.js';
import {
  AI_LABELS,
  type AiLabel,
  type DataClass,
  isPresetName,
  isRole,
  PRESET_NAMES,
  PSEUDONYM_MODES,
  type PseudonymMode,
  ROLES,
  type Role,
} from '../core/names.js';
import type { Limits } from '../tenancy/tenants.js';
import { readStdinText, write } from './io.js';
import { asOperator } from './operator.js';
import { dataClassFlag, wholeNumber } from './options.js';
import { table } from './table.js';

interface LimitFlags {
  rpm?: string;
  tokensPerDay?: string;
  monthlyTokens?: string;
}

interface UploadFlags {
  uploadBytes?: string;
  ingestBytesPerDay?: string;
  share?: string;
  aiLabel?: string;
  dataClass?: string;
  pseudonyms?: string;
}

/** A tenant's settings besides its limits, as the flags set them. */
interface TenantSettings {
  uploadBytes?: number | null;
  ingestBytesPerDay?: number | null;
  share?: number | null;
  aiLabel?: AiLabel;
  dataClass?: DataClass | null;
  pseudonyms?: PseudonymMode;
}

/** A tenant's upload limits and settings from flags; 0 clears a limit. */
function uploadLimitsFrom(o: UploadFlags): TenantSettings {
  const out: TenantSettings = {};
  if (o.pseudonyms !== undefined) {
    if (!(PSEUDONYM_MODES as readonly string[]).includes(o.pseudonyms))
      throw new JugwonError('JG_USAGE', { problem: `--pseudonyms must be ${PSEUDONYM_MODES.join(' or ')}` });
    out.pseudonyms = o.pseudonyms as PseudonymMode;
  }
  if (o.dataClass !== undefined) out.dataClass = dataClassFlag(o.dataClass);
  const share = wholeNumber('--share', o.share, 1, 1000);
  if (share !== undefined) out.share = share;
  if (o.aiLabel !== undefined) {
    if (!(AI_LABELS as readonly string[]).includes(o.aiLabel))
      throw new JugwonError('JG_USAGE', { problem: `--ai-label must be ${AI_LABELS.join(', ')}` });
    out.aiLabel = o.aiLabel as AiLabel;
  }
  const up = wholeNumber('--upload-bytes', o.uploadBytes, 0);
  if (up !== undefined) out.uploadBytes = up === 0 ? null : up;
  const day = wholeNumber('--ingest-bytes-per-day', o.ingestBytesPerDay, 0);
  if (day !== undefined) out.ingestBytesPerDay = day === 0 ? null : day;
  return out;
}

const withUploadFlags = (c: Command) =>
  c
    .option('--upload-bytes <n>', 'largest document one upload may be, in bytes (0: the server limit)')
    .option(
      '--ingest-bytes-per-day <n>',
      'bytes of documents the tenant may upload per UTC day (0: no limit)',
    )
    .option('--share <n>', "the tenant's share of a saturated model pool, 1-1000 (default 1)")
    .option(
      '--ai-label <mode>',
      'label generated answers (AI Basic Act art. 31): on (header and field), visible (also a notice in the text), off (internal use)',
    )
    .option(
      '--pseudonyms <mode>',
      'restore (answers with the original values) or keep (with the stand-ins: for users of pseudonymised results)',
    )
    .option(
      '--data-class <class>',
      'data class of everything the tenant sends: C, S, O (N2SF) or credit; none clears it',
    );

function checkPreset(v: string | undefined): void {
  if (v !== undefined && !isPresetName(v))
    throw new JugwonError('JG_USAGE', { problem: `--policy must be one of ${PRESET_NAMES.join(', ')}` });
}

function checkRole(v: string | undefined): void {
  if (v !== undefined && !isRole(v))
    throw new JugwonError('JG_USAGE', { problem: `--role must be ${ROLES.join(', ')}` });
}

/** Limits from flags; 0 clears a limit. */
function limitsFrom(o: LimitFlags): Limits {
  const out: Limits = {};
  const set = (k: keyof Limits, flag: string, v: string | undefined) => {
    const n = wholeNumber(flag, v, 0);
    if (n !== undefined) out[k] = n === 0 ? null : n;
  };
  set('rpm', '--rpm', o.rpm);
  set('tokensPerDay', '--tokens-per-day', o.tokensPerDay);
  set('monthlyTokens', '--monthly-tokens', o.monthlyTokens);
  return out;
}

const modelList = (v: string | undefined) =>
  v
    ?.split(',')
    .map((m) => m.trim())
    .filter(Boolean);

const withLimitFlags = (c: Command) =>
  c
    .option('--rpm <n>', 'requests per minute (0: no limit)')
    .option('--tokens-per-day <n>', 'token budget per day, UTC (0: no limit)')
    .option('--monthly-tokens <n>', 'token budget per calendar month (0: no limit)');

/** Runs one administrative action as the local operator, on the configured data folder. */
const admin = <T>(
  configFile: string | undefined,
  fn: (
    platform: import('../app/platform.js').Platform,
    actor: import('../app/admin.js').Actor,
    service: typeof import('../app/admin.js'),
  ) => Promise<T>,
): Promise<T> => asOperator(configFile, () => import('../app/admin.js'), fn);

export function registerAdminCommands(program: Command): void {
  const tenants = program.command('tenants').description('organisations sharing this gateway');
  withUploadFlags(
    withLimitFlags(
      tenants
        .command('create')
        .argument('<name>')
        .option('--config <file>', 'configuration file')
        .option('--policy <preset>', `policy preset for this tenant (${PRESET_NAMES.join(', ')})`)
        .option('--models <ids>', 'models this tenant may use, comma-separated (default: all)')
        .option('--json', 'print JSON'),
    ),
  ).action(
    async (
      name: string,
      o: LimitFlags & UploadFlags & { config?: string; policy?: string; models?: string; json?: boolean },
    ) => {
      checkPreset(o.policy);
      const limits = { ...limitsFrom(o), ...uploadLimitsFrom(o) };
      const t = await admin(o.config, (platform, actor, s) =>
        s.createTenantAs(platform, actor, name, {
          ...limits,
          policyPreset: o.policy ?? null,
          allowedModels: modelList(o.models) ?? null,
        }),
      );
      process.stdout.write(
        o.json ? `${JSON.stringify({ id: t.id, name: t.name })}\n` : `created tenant ${t.name}\n`,
      );
    },
  );

  withUploadFlags(
    withLimitFlags(
      tenants
        .command('set')
        .argument('<name>')
        .option('--config <file>', 'configuration file')
        .option('--policy <preset>', 'policy preset')
        .option('--models <ids>', 'models this tenant may use, comma-separated ("all" for every model)'),
    ),
  ).action(
    async (
      name: string,
      o: LimitFlags & UploadFlags & { config?: string; policy?: string; models?: string },
    ) => {
      checkPreset(o.policy);
      const limits = { ...limitsFrom(o), ...uploadLimitsFrom(o) };
      await admin(o.config, (platform, actor, s) =>
        s.updateTenantAs(platform, actor, name, {
          ...limits,
          ...(o.policy ? { policyPreset: o.policy } : {}),
          ...(o.models !== undefined
            ? { allowedModels: o.models === 'all' ? null : (modelList(o.models) ?? null) }
            : {}),
        }),
      );
      process.stdout.write(`updated tenant ${name}\n`);
    },
  );

  tenants
    .command('list')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .action(async (o: { config?: string; json?: boolean }) => {
      const rows = await admin(o.config, (platform) =>
        platform.store.db.selectFrom('tenants').selectAll().orderBy('name').execute(),
      );
      if (o.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else
        process.stdout.write(
          table(
            ['tenant', 'rpm', 'tokens/day', 'monthly', 'policy', 'models', 'data class'],
            rows.map((t) => [
              t.name,
              String(t.rpm ?? '-'),
              String(t.tokens_per_day ?? '-'),
              String(t.monthly_tokens ?? '-'),
              t.policy_preset ?? '(server)',
              t.allowed_models ? (JSON.parse(t.allowed_models) as string[]).join(',') : '(all)',
              t.data_class ?? '-',
            ]),
          ),
        );
    });

  const users = program.command('users').description('people in a tenant (console sign-in, audit records)');
  users
    .command('create')
    .argument('<name>')
    .requiredOption('--tenant <name>', 'tenant the user belongs to')
    .option('--role <role>', ROLES.join(', '), 'member')
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
        const u = await admin(o.config, (platform, actor, s) =>
          s.createUserAs(platform, actor, o.tenant, name, {
            role: o.role as Role,
            ...(password !== undefined ? { password } : {}),
          }),
        );
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
      await admin(o.config, (platform, actor, s) =>
        s.resetPasswordAs(platform, actor, o.tenant, name, password),
      );
      process.stdout.write(`set the password of ${name} in ${o.tenant}; their console sessions ended\n`);
    });

  users
    .command('disable')
    .description('disable a user: their console sessions and keys stop working at once')
    .argument('<name>')
    .requiredOption('--tenant <name>', 'tenant the user belongs to')
    .option('--config <file>', 'configuration file')
    .action(async (name: string, o: { tenant: string; config?: string }) => {
      await admin(o.config, (platform, actor, s) => s.disableUserAs(platform, actor, o.tenant, name));
      process.stdout.write(`disabled ${name} in ${o.tenant}\n`);
    });

  const keys = program.command('keys').description('API keys (shown once, stored hashed)');
  withLimitFlags(
    keys
      .command('create')
      .requiredOption('--tenant <name>', 'tenant the key belongs to')
      .option('--config <file>', 'configuration file')
      .option('--role <role>', `${ROLES.join(', ')} (default: the user's role, else member)`)
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
      const expiresAt = await parseExpiry(o.expires);
      const limits = limitsFrom(o);
      const k = await admin(o.config, (platform, actor, s) =>
        s.createKeyAs(platform, actor, o.tenant, {
          ...limits,
          ...(o.role ? { role: o.role as Role } : {}),
          ...(o.name ? { name: o.name } : {}),
          ...(o.user ? { user: o.user } : {}),
          expiresAt,
        }),
      );
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
      await admin(o.config, (platform, actor, s) => s.revokeKeyAs(platform, actor, id));
      process.stdout.write(`revoked ${id}\n`);
    });

  keys
    .command('list')
    .option('--config <file>', 'configuration file')
    .option('--tenant <name>', 'only this tenant')
    .option('--json', 'print JSON')
    .action(async (o: { config?: string; tenant?: string; json?: boolean }) => {
      const rows = (
        await admin(o.config, (platform, actor, s) => s.listKeys(platform, actor, o.tenant))
      ).reverse();
      if (o.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else
        process.stdout.write(
          table(
            ['id', 'tenant', 'role', 'state', 'name'],
            rows.map((k) => [
              k.id,
              k.tenant,
              k.role,
              k.revoked_at ? 'revoked' : k.expires_at ? `expires ${k.expires_at}` : 'active',
              k.name ?? '',
            ]),
          ),
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
      const { queryUsage } = await import('../usage/usage.js');
      const { findTenant } = await import('../tenancy/tenants.js');
      const rows = await admin(o.config, async (platform) => {
        const tenantId = o.tenant ? (await findTenant(platform.store.db, o.tenant)).id : undefined;
        return queryUsage(platform.store.db, {
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
        table(
          ['day', 'tenant', 'model', 'requests', 'errors', 'prompt', 'completion', 'avg ms'],
          rows.map((r) => [
            r.day,
            r.tenant,
            r.model,
            String(r.requests),
            String(r.errors),
            String(r.prompt_tokens),
            String(r.completion_tokens),
            (r.requests ? r.latency_ms_total / r.requests : 0).toFixed(1),
          ]),
          { right: [3, 4, 5, 6, 7] },
        ),
      );
    });

  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('re-check the whole hash chain and every signed checkpoint')
    .option('--config <file>', 'configuration file')
    .option('--public-key <file>', 'verify with this public key (default: the one in <dataDir>/keys)')
    .option('--json', 'print JSON')
    .action(async (o: { config?: string; publicKey?: string; json?: boolean }) => {
      const { verifyOnly } = await import('../app/audit.js');
      const { auditError } = await import('../audit/log.js');
      const result = await admin(o.config, async (platform) => verifyOnly(platform, o.publicKey));
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
      const { exportTrail } = await import('../app/audit.js');
      await admin(o.config, async (platform) => {
        for await (const line of exportTrail(platform, {
          format: o.format as 'jsonl' | 'csv',
          ...(o.from ? { from: o.from } : {}),
          ...(o.to ? { to: o.to } : {}),
        }))
          await write(process.stdout, line);
      });
    });

  /** YYYY-MM, a real month. */
  const monthOf = (v: string) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v))
      throw new JugwonError('JG_USAGE', { problem: '--month must be YYYY-MM' });
    return v;
  };
  audit
    .command('report')
    .description(
      "the month's access-record review (개인정보의 안전성 확보조치 기준 제8조): who accessed what, views of originals and exports, off-hours use, refusal spikes, policy violations",
    )
    .requiredOption('--month <YYYY-MM>', 'the month to review')
    .option('--tenant <name>', "one tenant's records (default: all)")
    .option('--format <format>', 'html or csv', 'html')
    .option('--out <file>', 'write it to a file (default: standard output)')
    .option('--config <file>', 'configuration file')
    .action(async (o: { month: string; tenant?: string; format: string; out?: string; config?: string }) => {
      const month = monthOf(o.month);
      if (o.format !== 'html' && o.format !== 'csv')
        throw new JugwonError('JG_USAGE', { problem: '--format must be html or csv' });
      const { accessReview } = await import('../app/audit.js');
      const { reportCsv, reportHtml } = await import('../audit/report.js');
      const report = await admin(o.config, (platform) => accessReview(platform, month, o.tenant));
      const text = o.format === 'csv' ? reportCsv(report) : reportHtml(report);
      if (o.out) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(o.out, text, { mode: 0o600 }); // names users and the reasons they gave
        process.stdout.write(`wrote the ${month} access review (${report.records} records) to ${o.out}\n`);
      } else await write(process.stdout, text);
    });

  audit
    .command('pseudonymisation')
    .description(
      "the month's pseudonymisation processing records (가명정보 처리 기록, PIPA art. 28-4): purpose, items, recipient model and residency, period",
    )
    .requiredOption('--month <YYYY-MM>', 'the month')
    .option('--tenant <name>', "one tenant's records (default: all)")
    .option('--format <format>', 'csv or json', 'csv')
    .option('--config <file>', 'configuration file')
    .action(async (o: { month: string; tenant?: string; format: string; config?: string }) => {
      const month = monthOf(o.month);
      if (o.format !== 'json' && o.format !== 'csv')
        throw new JugwonError('JG_USAGE', { problem: '--format must be csv or json' });
      const { pseudonymisationRecords } = await import('../app/audit.js');
      const { processingCsv } = await import('../audit/processing.js');
      const rows = await admin(o.config, (platform) => pseudonymisationRecords(platform, month, o.tenant));
      await write(process.stdout, o.format === 'json' ? `${JSON.stringify(rows)}\n` : processingCsv(rows));
    });

  audit
    .command('signoff')
    .description("record in the audit trail that the month's access review was checked")
    .requiredOption('--month <YYYY-MM>', 'the month reviewed')
    .option('--note <text>', 'what was found or decided', '')
    .option('--config <file>', 'configuration file')
    .action(async (o: { month: string; note: string; config?: string }) => {
      const month = monthOf(o.month);
      const { signOffReview } = await import('../app/audit.js');
      await admin(o.config, (platform, actor) => signOffReview(platform, actor, month, o.note));
      process.stdout.write(`signed off the ${month} access review\n`);
    });

  audit
    .command('purge')
    .description(
      'delete access records written before a date, once past their retention period (audit.accessRecordYears)',
    )
    .requiredOption('--before <YYYY-MM-DD>', 'delete records written before this day (UTC)')
    .option('--config <file>', 'configuration file')
    .action(async (o: { before: string; config?: string }) => {
      const { purgeTrail } = await import('../app/audit.js');
      const r = await admin(o.config, (platform, actor) => purgeTrail(platform, actor, o.before));
      process.stdout.write(
        r.deleted === 0
          ? `nothing to delete before ${o.before} (no signed checkpoint that old)\n`
          : `deleted ${r.deleted} records (1-${r.through}) written before ${o.before}; the purge is recorded in the trail, which still verifies\n`,
      );
    });

  audit
    .command('show-request')
    .description('decrypt one retained request body (the "retained" id of its audit record)')
    .argument('<retained-id>')
    .option('--config <file>', 'configuration file')
    .action(async (id: string, o: { config?: string }) => {
      const { revealRequest } = await import('../app/audit.js');
      const body = await admin(o.config, async (platform, actor) => revealRequest(platform, actor, id));
      process.stdout.write(`${body}\n`);
    });

  audit
    .command('public-key')
    .description('print the public key that verifies the audit checkpoints (give it to your auditor)')
    .option('--config <file>', 'configuration file')
    .action(async (o: { config?: string }) => {
      const { configFromOptions } = await import('./config.js');
      const { loadOrCreateSigner } = await import('../audit/signing.js');
      process.stdout.write(loadOrCreateSigner(configFromOptions(o.config).dataDir).publicKeyPem);
    });
}

/** `--expires`: a moment in the future (a key born expired, or past year 275760, is a mistake). */
async function parseExpiry(v: string | undefined): Promise<string | null> {
  if (!v) return null;
  const { expiryOf } = await import('../tenancy/api-keys.js'); // loaded by the commands that use it
  const e = expiryOf(v);
  if ('problem' in e) throw new JugwonError('JG_USAGE', { problem: `--expires ${e.problem}` });
  return e.expiresAt;
}
