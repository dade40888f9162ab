import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { AuditLog } from './audit/log.js';
import { loadOrCreateRetentionKey, PromptVault } from './audit/retention.js';
import { loadOrCreateSigner } from './audit/signing.js';
import type { ResolvedConfig } from './core/config.js';
import { JugwonError } from './core/errors.js';
import { EvalJobs } from './eval/jobs.js';
import { Gateway } from './gateway/gateway.js';
import { registerConsole } from './gateway/http/console-files.js';
import { Metrics } from './gateway/http/metrics.js';
import { registerRoutes } from './gateway/http/routes.js';
import { KnowledgeIndex } from './knowledge/index-store.js';
import { ModelRegistry } from './models/registry.js';
import type { Detector } from './privacy/engine.js';
import { detectorFromConfig } from './privacy/from-config.js';
import { Quotas } from './quota/quota.js';
import { openStore, type Store } from './store/open.js';
import { Authenticator } from './tenancy/auth.js';
import { createTenant, setTenantLimits } from './tenancy/tenants.js';
import { UsageMeter } from './usage/usage.js';

const CHECKPOINT_INTERVAL_MS = 60_000;

export interface ServerOptions {
  /** A pino logger configuration, or false to log nothing (tests). */
  logger?: boolean | { level: string };
  /** Replaces the model registry (tests use recording providers). */
  registry?: ModelRegistry;
  /** Replaces the personal-data detector (tests make it fail, to check the gateway fails closed). */
  detector?: Detector;
}

/** Creates or updates the tenants the configuration declares (limits, preset, models). */
async function applyConfiguredTenants(config: ResolvedConfig, store: Store): Promise<void> {
  for (const t of config.tenants) {
    const unknown = (t.models ?? []).filter((m) => !config.models.some((c) => c.id === m));
    if (unknown.length) {
      throw new JugwonError('JG_CONFIG_INVALID', {
        file: config.file ?? '(defaults)',
        path: `tenants.${t.name}.models`,
        problem: `not configured: ${unknown.join(', ')}`,
      });
    }
    const options = {
      ...(t.rpm !== undefined ? { rpm: t.rpm } : {}),
      ...(t.tokensPerDay !== undefined ? { tokensPerDay: t.tokensPerDay } : {}),
      ...(t.monthlyTokens !== undefined ? { monthlyTokens: t.monthlyTokens } : {}),
      ...(t.policy !== undefined ? { policyPreset: t.policy } : {}),
      ...(t.models !== undefined ? { allowedModels: t.models } : {}),
    };
    const exists = await store.db
      .selectFrom('tenants')
      .select('id')
      .where('name', '=', t.name)
      .executeTakeFirst();
    if (exists) await setTenantLimits(store.db, t.name, options);
    else await createTenant(store.db, t.name, options);
  }
}

export interface JugwonServer {
  app: FastifyInstance;
  gateway: Gateway;
  registry: ModelRegistry;
  store: Store;
  audit: AuditLog;
  /** Stops taking requests, lets running ones finish, signs the audit tail, unloads models. */
  close(): Promise<void>;
}

/** Wires configuration, store, models, the personal-data engine and the HTTP routes together. */
export async function createServer(
  config: ResolvedConfig,
  options: ServerOptions = {},
): Promise<JugwonServer> {
  const store = await openStore(config.dataDir);
  const registry = options.registry ?? new ModelRegistry(config.models);
  const detector = options.detector ?? detectorFromConfig(config.privacy);
  const gateway = new Gateway(config, registry, detector);
  const audit = new AuditLog(store.sqlite, loadOrCreateSigner(config.dataDir));
  try {
    await applyConfiguredTenants(config, store);
  } catch (e) {
    await store.close();
    throw e;
  }
  const retention = config.audit.retainRequests
    ? new PromptVault(store.sqlite, loadOrCreateRetentionKey(config.dataDir))
    : undefined;
  const metrics = new Metrics();
  const app = Fastify({
    bodyLimit: config.server.bodyLimitBytes,
    requestTimeout: config.server.requestTimeoutMs,
    // Never log bodies or credentials.
    logger:
      options.logger === undefined
        ? { level: 'info', redact: ['req.headers.authorization'] }
        : options.logger,
    // Per-request log lines are left to the audit trail: two writes per request cost more than the
    // rest of the gateway's own work.
    logController: new LogController({ disableRequestLogging: true }),
    // A client's own request id (letters, digits, - _ . only) ties its logs to the audit record.
    genReqId: (req) => {
      const id = req.headers['x-request-id'];
      return typeof id === 'string' && /^[\w.-]{1,128}$/.test(id) ? id : randomUUID();
    },
  });

  app.setErrorHandler((error, request, reply) => {
    let e: JugwonError;
    if (error instanceof JugwonError) {
      e = error;
      if (e.code === 'JG_POLICY_ERROR')
        request.log.error({ code: e.code, cause: String(e.cause ?? '') }, e.message);
      else if (e.status >= 500) request.log.warn({ code: e.code }, e.message);
    } else {
      const fastifyCode = (error as { code?: string }).code;
      if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        e = new JugwonError('JG_INPUT_TOO_LARGE', {
          what: 'The request body',
          limit: config.server.bodyLimitBytes,
        });
      } else if (
        (error as { statusCode?: number }).statusCode === 400 ||
        fastifyCode?.startsWith('FST_ERR_CTP')
      ) {
        e = new JugwonError('JG_INVALID_REQUEST', { problem: 'the body is not valid JSON' });
      } else {
        request.log.error({ err: error }, 'unexpected error');
        e = new JugwonError('JG_INTERNAL');
      }
    }
    request.account?.finish(e.status, e);
    if (e.retryAfter !== undefined) reply.header('retry-after', String(e.retryAfter));
    return reply.status(e.status).send(e.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    const e = new JugwonError('JG_ROUTE_NOT_FOUND', {
      method: request.method,
      url: request.url.split('?')[0] ?? '',
    });
    request.account?.finish(404, e);
    return reply.status(404).send(e.toJSON());
  });

  let knowledge: Promise<KnowledgeIndex> | undefined;
  registerRoutes(app, {
    gateway,
    auth: new Authenticator(store.sqlite),
    db: store.db,
    metrics,
    quotas: new Quotas(store.sqlite),
    usage: new UsageMeter(store.sqlite),
    audit,
    transaction: (fn) => store.sqlite.transaction(fn).immediate(),
    dataDir: config.dataDir,
    sqlite: store.sqlite,
    evalJobs: new EvalJobs(config.dataDir, { registry, gateway }),
    detector,
    knowledge: () => {
      knowledge ??= KnowledgeIndex.open(config.dataDir);
      return knowledge;
    },
    defaultPreset: config.policy.preset,
    ...(retention ? { retention } : {}),
  });

  registerConsole(app);

  // Sign the tail of the log every minute, so little is ever unsigned.
  const checkpoints = setInterval(() => audit.checkpoint(), CHECKPOINT_INTERVAL_MS);
  checkpoints.unref();

  return {
    app,
    gateway,
    registry,
    store,
    audit,
    async close() {
      clearInterval(checkpoints);
      await app.close();
      await registry.close();
      audit.checkpoint();
      await store.close();
    },
  };
}
