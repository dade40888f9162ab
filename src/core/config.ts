import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { isTimeZone } from './calendar.js';
import { JugwonError } from './errors.js';
import { AI_LABELS, DATA_CLASSES, type DataClass, PRESET_NAMES, PSEUDONYM_MODES, ROLES } from './names.js';

/**
 * The configuration file (YAML), validated once into a frozen ResolvedConfig that everything
 * downstream takes. Relative paths are resolved against the file's folder; `${NAME}` in a string
 * is replaced by the environment variable NAME, so secrets stay out of the file.
 */

/**
 * A duration for Node's timers, which take at most 2^31 - 1 ms (~24.8 days): a larger value is
 * silently set to 1 ms, so a health check meant for "rarely" would run a thousand times a second.
 */
const milliseconds = z.number().int().max(2_147_483_647);
/** A per-tenant limit (empty: none); past 2^53 whole numbers are no longer exact. */
const limit = z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().optional();
const category = z.enum(['unique_identifier', 'sensitive', 'credit', 'personal']);
export const residencies = ['onprem', 'domestic', 'foreign'] as const;
const residency = z.enum(residencies);
export type Residency = z.infer<typeof residency>;

const privacySchema = z
  .object({
    threshold: z.number().min(0).max(1).default(0.5),
    mode: z.enum(['tag', 'surrogate']).default('tag'),
    /**
     * Most values of personal data one model request may hold; beyond, it is refused (413).
     * Pseudonymising and restoring hundreds of thousands of values would hold up the service.
     */
    maxFindings: z.number().int().min(1).max(10_000_000).default(20_000),
    allow: z.array(z.string()).default([]),
    deny: z
      .array(
        z
          .object({
            type: z.string().regex(/^[A-Z][A-Z0-9_]+$/),
            category: category.optional(),
            values: z.array(z.string()).min(1),
          })
          .strict(),
      )
      .default([]),
    recognizers: z
      .array(
        z
          .object({
            type: z.string(),
            category: category.optional(),
            patterns: z
              .array(
                z
                  .object({
                    regex: z.string(),
                    score: z.number().min(0).max(1).optional(),
                    flags: z.string().optional(),
                  })
                  .strict(),
              )
              .min(1),
            context: z.array(z.string()).optional(),
            validator: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

const capability = z.enum(['chat', 'embeddings']);

const modelBase = {
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, 'model ids are letters, digits and . _ : / -'),
  residency,
  capabilities: z.array(capability).min(1).optional(),
  contextLength: z.number().int().positive().max(16_777_216).optional(),
  description: z.string().optional(),
  /** Models to try, in order, when this one fails before answering (connection error, 5xx). */
  fallbacks: z.array(z.string()).default([]),
  /**
   * Data classes this model is cleared to receive (N2SF C/S/O, credit); default: every class the
   * policy lets reach its residency. A narrower list narrows, never widens, the policy.
   */
  dataClasses: z.array(z.enum(DATA_CLASSES)).optional(),
};

/** One node of a pool serving the same model (a vLLM, llama.cpp server or Ollama instance). */
const endpointSchema = z
  .object({
    baseUrl: z.string().url(),
    /** Its share of the traffic relative to the others (a node with twice the GPUs: 2). */
    weight: z.number().positive().max(1000).default(1),
    /** Requests it is sent at once at most (beyond, requests wait for a free slot). */
    maxConcurrency: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

const openaiCompatibleModel = z
  .object({
    ...modelBase,
    provider: z.literal('openai-compatible'),
    /** One upstream; or `endpoints`, a pool of them. */
    baseUrl: z.string().url().optional(),
    endpoints: z.array(endpointSchema).min(1).max(256).optional(),
    /** The default maxConcurrency of each endpoint (none: no limit). */
    maxConcurrency: z.number().int().min(1).max(100_000).optional(),
    /** Requests that may wait for a free endpoint slot; beyond, 429 with Retry-After. */
    queueLimit: z.number().int().min(0).max(1_000_000).default(1_000),
    /** Each endpoint's GET /models, every this many ms (0: only passive checks). */
    healthCheckMs: milliseconds.min(0).default(10_000),
    /** The model name the upstream expects (defaults to id). */
    upstreamModel: z.string().optional(),
    apiKey: z.string().optional(),
    timeoutMs: milliseconds.positive().default(120_000),
    retries: z.number().int().min(0).max(5).default(2),
  })
  .strict();

const llamacppModel = z
  .object({
    ...modelBase,
    provider: z.literal('llamacpp'),
    path: z.string(),
    /** Parallel requests served from one loaded model (context sequences). */
    parallel: z.number().int().min(1).max(64).default(2),
    /** Requests waiting for a free sequence beyond which new ones are refused (429). */
    queueLimit: z.number().int().min(0).default(64),
    gpu: z.boolean().default(false),
    /**
     * CPU threads for generation (default: llama.cpp's choice). On small shared machines fewer
     * threads than cores can be much faster: idle-spinning threads compete for the same cores.
     */
    threads: z.number().int().min(1).max(256).optional(),
  })
  .strict();

const modelSchema = z.discriminatedUnion('provider', [openaiCompatibleModel, llamacppModel]);

/** Where each data class may go unless the configuration says otherwise. */
export const DEFAULT_CLASS_RESIDENCIES: Readonly<Record<DataClass, readonly Residency[]>> = {
  O: ['onprem', 'domestic', 'foreign'],
  S: ['onprem', 'domestic'],
  C: ['onprem'],
  credit: ['onprem', 'domestic'],
};

const policySchema = z
  .object({
    preset: z.enum(PRESET_NAMES).default('pipa-strict'),
    /** On a violation, serve the request with an allowed model instead of refusing it. */
    reroute: z.boolean().default(false),
    /**
     * Which residencies each data class may reach (국가망 보안체계 C/S/O; credit information per
     * the financial supervisory rules on outsourcing and cloud). A class left out keeps its default.
     */
    dataClasses: z
      .object({
        O: z.array(residency).optional(),
        S: z.array(residency).optional(),
        C: z.array(residency).optional(),
        credit: z.array(residency).optional(),
      })
      .strict()
      .default({})
      .transform((c) => ({ ...DEFAULT_CLASS_RESIDENCIES, ...c })),
  })
  .strict();

/** A whole number, also as the text a `${NAME}` expansion yields. */
const wholeNumber = z.union([
  z.number(),
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number),
]);

const configSchema = z
  .object({
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: wholeNumber.pipe(z.number().int().min(0).max(65535)).default(8787),
        // A larger JSON body could not be parsed anyway (V8's longest string is ~512 M characters).
        bodyLimitBytes: z
          .number()
          .int()
          .positive()
          .max(512 * 1024 * 1024)
          .default(8 * 1024 * 1024),
        requestTimeoutMs: milliseconds.positive().default(300_000),
        /**
         * A streamed answer whose client takes none of it for this long is ended: the client is
         * not reading, and the stream holds a model's slot (and its upstream call) meanwhile.
         */
        slowClientMs: milliseconds.positive().default(30_000),
        /**
         * Behind a reverse proxy: trust its X-Forwarded-For / -Proto (true, a hop count, or the
         * proxy's addresses), so the client's own address and protocol are seen. Off by default.
         */
        trustProxy: z.union([z.boolean(), z.number().int().min(1), z.string()]).default(false),
        /** Mark the console's session cookie Secure even when jugwon itself is reached over HTTP. */
        secureCookies: z.boolean().default(false),
      })
      .strict()
      .default({}),
    dataDir: z.string().default('./data'),
    /**
     * The time zone whose days and months count (IANA name, e.g. Asia/Seoul): when daily and
     * monthly budgets reset, the day a request's usage counts on, and what a day or month means in
     * exports and reports. Times are stored in UTC either way. Default UTC.
     */
    timeZone: z
      .string()
      .default('UTC')
      .refine(isTimeZone, 'must be an IANA time zone name, such as Asia/Seoul or UTC'),
    store: z
      .object({
        /**
         * full: every commit is fsynced, so a committed audit record survives a power loss.
         * normal: a commit survives a crash of the process, not of the machine (faster).
         */
        durability: z.enum(['full', 'normal']).default('full'),
        /**
         * A shared Postgres store (`postgres://user:pass@host:5432/db`) for several replicas;
         * without it, SQLite under dataDir.
         */
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'a postgres:// address')
          .optional(),
      })
      .strict()
      .default({}),
    /**
     * Redis (`redis://host:6379/0`) coordinates replicas: request rates and token budgets are
     * counted there, once for all. Without it, one process counts in memory.
     */
    redis: z
      .object({ url: z.string().regex(/^rediss?:\/\//, 'a redis:// address') })
      .strict()
      .optional(),
    knowledge: z
      .object({
        /**
         * LanceDB compute threads. With as many as cores (2 on small servers), LanceDB 0.31 can
         * stall for good writing a large full-text index; more threads than cores avoid it.
         */
        computeThreads: z.number().int().min(1).max(256).optional(),
        /**
         * Collections a tenant may own. Each is a table on disk and an entry in a settings file
         * rewritten whole when one is made: uploads to ever new names must not make them endless.
         */
        maxCollectionsPerTenant: z.number().int().min(1).max(1_000_000).default(1_000),
      })
      .strict()
      .default({}),
    /** Where `jugwon models pull` downloads from (a Hugging Face–style hub or a mirror inside the organisation). */
    hub: z.object({ url: z.string().url() }).strict().default({ url: 'https://huggingface.co' }),
    models: z.array(modelSchema).default([]),
    policy: policySchema.default({}),
    privacy: privacySchema.default({}),
    audit: z
      .object({
        /** Keep raw request bodies, sealed with AES-256-GCM under a key apart from the database. */
        retainRequests: z.boolean().default(false),
        /** Days a retained request body is kept; then it is destroyed, with a record in the trail. */
        retainRequestsDays: z.number().int().min(1).max(36_500).default(365),
        /**
         * The folder of the keys that can re-identify people — the retention key and the key of
         * kept conversations — kept apart from the data (another disk or mount); default
         * <dataDir>/keys.
         */
        keysDir: z.string().optional(),
        /**
         * The retention key as 64 hex digits (use `${NAME}` to take it from the environment);
         * without it, a key file under <dataDir>/keys is created on first use.
         */
        retentionKey: z
          .string()
          .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (32 bytes)')
          .optional(),
        /**
         * Append-only file that receives every signed checkpoint, outside the database (WORM
         * storage, or a file shipped to syslog); default <dataDir>/audit-anchor.jsonl.
         */
        anchor: z.string().optional(),
        /**
         * Years access records (the audit trail) are kept before `audit purge` may delete them
         * (안전성 확보조치 기준 제8조: at least 1; 2 with 50,000+ data subjects, unique identifiers
         * or sensitive data). Default 2.
         */
        accessRecordYears: z.number().int().min(1).max(100).default(2),
      })
      .strict()
      .default({}),
    console: z
      .object({
        /**
         * Days a console conversation is kept after its last change (then deleted); 0 keeps
         * none: conversations live only in the page.
         */
        conversationDays: z.number().int().min(0).max(3650).default(90),
      })
      .strict()
      .default({}),
    /**
     * Console sign-in through the organisation's identity provider (OpenID Connect, authorization
     * code with PKCE). Users are placed in a tenant, with a role, by the first mapping whose group
     * the provider lists for them; a user in no mapped group is refused.
     */
    sso: z
      .object({
        oidc: z
          .object({
            issuer: z.string().url(),
            clientId: z.string().min(1),
            clientSecret: z.string().optional(),
            /** Where the provider sends users back (default: this server's /api/sso/callback). */
            redirectUri: z.string().url().optional(),
            scopes: z.array(z.string()).default(['openid', 'profile', 'email']),
            /** The claim that names the user (a console user of that name is created on first sign-in). */
            usernameClaim: z.string().default('preferred_username'),
            /** The claim that lists the user's groups. */
            groupsClaim: z.string().default('groups'),
            mappings: z
              .array(
                z
                  .object({ group: z.string().min(1), tenant: z.string().min(1), role: z.enum(ROLES) })
                  .strict(),
              )
              .min(1),
            /** Allow an http:// issuer (a provider on this machine, in tests); never in production. */
            allowInsecureIssuer: z.boolean().default(false),
          })
          .strict(),
      })
      .strict()
      .optional(),
    /** Tenants declared here are created or updated at startup (limits, preset, models). */
    tenants: z
      .array(
        z
          .object({
            name: z.string(),
            rpm: limit,
            tokensPerDay: limit,
            monthlyTokens: limit,
            uploadBytes: limit,
            ingestBytesPerDay: limit,
            /** Share of a saturated model pool relative to other tenants (default 1). */
            share: z.number().int().min(1).max(1000).optional(),
            /** Labels on generated answers (인공지능 기본법 제31조): on, visible, or off (internal use). */
            aiLabel: z.enum(AI_LABELS).optional(),
            /** The data class of everything the tenant sends (N2SF C/S/O, credit); default none. */
            dataClass: z.enum(DATA_CLASSES).nullable().optional(),
            /** restore (default): answers with original values; keep: with the stand-ins. */
            pseudonyms: z.enum(PSEUDONYM_MODES).optional(),
            policy: z.enum(PRESET_NAMES).nullable().optional(),
            models: z.array(z.string()).nullable().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.models.forEach((m, i) => {
      if (seen.has(m.id))
        ctx.addIssue({ code: 'custom', path: ['models', i, 'id'], message: `duplicate model id "${m.id}"` });
      seen.add(m.id);
    });
    c.models.forEach((m, i) => {
      if (m.provider === 'openai-compatible' && (m.baseUrl === undefined) === (m.endpoints === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['models', i],
          message: 'give either baseUrl (one upstream) or endpoints (a pool), not both',
        });
    });
    const ids = new Set(c.models.map((m) => m.id));
    c.models.forEach((m, i) => {
      m.fallbacks.forEach((f, j) => {
        if (!ids.has(f) || f === m.id) {
          ctx.addIssue({
            code: 'custom',
            path: ['models', i, 'fallbacks', j],
            message: `"${f}" is not another configured model`,
          });
        }
      });
    });
  });

export type PrivacyConfig = z.infer<typeof privacySchema>;
export type PolicyConfig = z.infer<typeof policySchema>;
export type ModelConfig = z.infer<typeof modelSchema> & { capabilities: ('chat' | 'embeddings')[] };
export type ResolvedConfig = Readonly<
  Omit<z.infer<typeof configSchema>, 'models' | 'audit'> & {
    models: readonly ModelConfig[];
    file: string | undefined;
    /** keysDir resolved: the configured folder, or <dataDir>/keys. */
    audit: z.infer<typeof configSchema>['audit'] & { keysDir: string };
  }
>;

/**
 * Replaces `${NAME}` with process.env.NAME in every string, failing on unset variables;
 * `${NAME:-fallback}` uses the fallback when NAME is unset or empty.
 */
function expandEnv(value: unknown, path: (string | number)[], file: string): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
      (_, name: string, fallback?: string) => {
        const v = process.env[name] || fallback;
        if (v === undefined) {
          throw new JugwonError('JG_CONFIG_INVALID', {
            file,
            path: path.join('.'),
            problem: `environment variable ${name} is not set`,
          });
        }
        return v;
      },
    );
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, [...path, i], file));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, [...path, k], file)]));
  }
  return value;
}

/**
 * Deployment settings a file leaves out default to environment variables, through the same
 * `${NAME:-default}` expansion a file can use: JUGWON_HOST, JUGWON_PORT, JUGWON_DATA_DIR and
 * HF_ENDPOINT. A value the file sets is never overridden.
 */
function withEnvDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  const fromEnv = (name: string, fallback: string) => `$${'{'}${name}:-${fallback}}`;
  const server = { ...((raw.server as Record<string, unknown> | undefined) ?? {}) };
  server.host ??= fromEnv('JUGWON_HOST', '127.0.0.1');
  server.port ??= fromEnv('JUGWON_PORT', '8787');
  return {
    ...raw,
    server,
    dataDir: raw.dataDir ?? fromEnv('JUGWON_DATA_DIR', './data'),
    hub: raw.hub ?? { url: fromEnv('HF_ENDPOINT', 'https://huggingface.co') },
  };
}

const defaultCapabilities = (m: z.infer<typeof modelSchema>): ModelConfig['capabilities'] =>
  m.capabilities ?? ['chat', 'embeddings'];

export function resolveConfig(raw: unknown, file?: string): ResolvedConfig {
  const label = file ?? '(defaults)';
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new JugwonError('JG_CONFIG_INVALID', {
      file: label,
      path: '',
      problem: 'the file must hold a YAML mapping',
    });
  }
  const expanded = expandEnv(withEnvDefaults((raw ?? {}) as Record<string, unknown>), [], label);
  const parsed = configSchema.safeParse(expanded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const problem =
      issue?.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : (issue?.message ?? 'invalid');
    throw new JugwonError('JG_CONFIG_INVALID', { file: label, path: issue?.path.join('.') ?? '', problem });
  }
  const base = file ? dirname(resolve(file)) : process.cwd();
  const at = (p: string) => {
    if (isAbsolute(p)) return p;
    const nextToFile = resolve(base, p);
    // A path that exists only relative to the working directory still works (scripts often run there).
    return existsSync(nextToFile) || !existsSync(resolve(p)) ? nextToFile : resolve(p);
  };
  const c = parsed.data;
  return Object.freeze({
    ...c,
    file,
    dataDir: at(c.dataDir),
    audit: {
      ...c.audit,
      ...(c.audit.anchor ? { anchor: at(c.audit.anchor) } : {}),
      keysDir: c.audit.keysDir ? at(c.audit.keysDir) : join(at(c.dataDir), 'keys'),
    },
    models: c.models.map((m) => ({
      ...m,
      capabilities: defaultCapabilities(m),
      ...(m.provider === 'llamacpp' ? { path: at(m.path) } : {}),
    })),
  });
}

export function loadConfig(file: string | undefined): ResolvedConfig {
  if (file === undefined) return resolveConfig({});
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new JugwonError('JG_CONFIG_NOT_FOUND', { file });
    throw e;
  }
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (e) {
    const problem =
      e instanceof YAMLParseError ? (e.message.split('\n')[0] ?? 'invalid YAML') : 'invalid YAML';
    throw new JugwonError('JG_CONFIG_INVALID', { file, path: '', problem });
  }
  return resolveConfig(raw, file);
}
