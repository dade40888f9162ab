import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, LogController } from 'fastify';
import { applyConfiguredTenants } from '../app/admin.js';
import { openPlatform, type Platform, type PlatformOptions } from '../app/platform.js';
import { forLog } from '../app/privacy.js';
import { account, newRequest } from '../app/request.js';
import { destroyExpired } from '../app/retention.js';
import { asJugwonError } from '../app/run.js';
import { authenticate } from '../app/stages/authenticate.js';
import type { ResolvedConfig } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import { DATA_CLASSES, type DataClass, isDataClass } from '../core/names.js';
import type { Store } from '../store/open.js';
import { CSRF_HEADER, sessionToken } from '../tenancy/sessions.js';
import { adminRoutes } from './admin.js';
import { auditRoutes } from './audit.js';
import { registerConsole } from './console-files.js';
import { conversationRoutes } from './conversations.js';
import { evalRoutes } from './evals.js';
import { healthRoutes } from './health.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';
import { knowledgeRoutes } from './knowledge.js';
import { openaiRoutes } from './openai.js';
import { privacyRoutes } from './privacy.js';
import { sessionRoutes } from './session.js';
import { ssoRoutes } from './sso.js';
import { usageRoutes } from './usage.js';

const CHECKPOINT_INTERVAL_MS = 60_000;

export interface ServerOptions extends PlatformOptions {
  /** A pino logger configuration (a stream to write to, in tests), or false to log nothing. */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
}

export interface JugwonServer {
  app: FastifyInstance;
  platform: Platform;
  store: Store;
  /** Stops taking requests, lets running ones finish, signs the audit tail, unloads models. */
  close(): Promise<void>;
}

/** The first problem a route's JSON schema found, said as the other request errors are. */
function schemaProblem(error: FastifyError): string {
  const v = error.validation?.[0];
  if (!v) return 'the request does not match its schema';
  const where = `${error.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`;
  const field = v.instancePath ? `"${v.instancePath.split('/').pop()}"` : where;
  if (v.keyword === 'required')
    return `send ${where === 'body' ? '' : `${where} with `}"${(v.params as { missingProperty: string }).missingProperty}"`;
  if (v.keyword === 'additionalProperties')
    return `${where} has no field "${(v.params as { additionalProperty: string }).additionalProperty}"`;
  if (v.keyword === 'minProperties') return `send at least one field in the ${where}`;
  if (v.keyword === 'enum')
    return `${field} must be one of ${(v.params as { allowedValues: unknown[] }).allowedValues.filter((x) => x !== null).join(', ')}`;
  return `${field} ${v.message ?? 'is not valid'}`;
}

/**
 * The HTTP server: Fastify with one plugin per area, all calling the application layer. Every API
 * route gets a request context (authenticated here, before its handler) and is accounted for once
 * — by the chat and embeddings pipelines for model calls, else just before its response is sent.
 */
export async function createServer(
  config: ResolvedConfig,
  options: ServerOptions = {},
): Promise<JugwonServer> {
  const platform = await openPlatform(config, { ...options, serving: true });
  try {
    await applyConfiguredTenants(platform);
  } catch (e) {
    await platform.close();
    throw e;
  }
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
    // A client's own request id (letters, digits, - _ . only) ties its logs to the audit record;
    // one that holds personal data (a 주민등록번호 used as a case number) is replaced, so the
    // trail keeps holding no values.
    genReqId: (req) => {
      const id = req.headers['x-request-id'];
      return typeof id === 'string' && /^[\w.-]{1,128}$/.test(id) && platform.detector.detect(id).length === 0
        ? id
        : randomUUID();
    },
    trustProxy: config.server.trustProxy as boolean | string,
    // Bodies are JSON as sent: a string is never taken for a number or the reverse.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });

  app.setErrorHandler(async (error, request, reply) => {
    let e: JugwonError;
    if (error instanceof JugwonError) {
      e = error;
      if (e.code === 'JG_POLICY_ERROR')
        request.log.error(
          { code: e.code, cause: forLog(platform, String(e.cause ?? '')) },
          forLog(platform, e.message),
        );
      else if (e.status >= 500) request.log.warn({ code: e.code }, forLog(platform, e.message));
    } else if ((error as FastifyError).validation) {
      e = new JugwonError('JG_INVALID_REQUEST', { problem: schemaProblem(error as FastifyError) });
    } else {
      const fastifyCode = (error as { code?: string }).code;
      if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        e = new JugwonError('JG_UNSUPPORTED_MEDIA_TYPE', {
          type: String(request.headers['content-type'] ?? '(none)').split(';')[0] ?? '',
        });
      } else if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
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
        // As the pipeline does: a store that cannot be reached or is full says so, anything else is
        // internal (and logged without the personal data its message may hold).
        e = asJugwonError(error);
        const err = error as Error;
        if (e.code !== 'JG_INTERNAL') request.log.warn({ code: e.code }, forLog(platform, e.message));
        else
          request.log.error(
            {
              err: {
                type: err.name,
                message: forLog(platform, String(err.message)),
                stack: forLog(platform, String(err.stack ?? '')),
              },
            },
            'unexpected error',
          );
      }
    }
    if (request.ctx) await account(platform, request.ctx, e.status, e);
    if (e.retryAfter !== undefined) reply.header('retry-after', String(e.retryAfter));
    return reply.status(e.status).send(e.toJSON());
  });
  app.setNotFoundHandler(async (request, reply) => {
    const e = new JugwonError('JG_ROUTE_NOT_FOUND', {
      method: request.method,
      url: request.url.split('?')[0] ?? '',
    });
    if (request.ctx) await account(platform, request.ctx, 404, e);
    return reply.status(404).send(e.toJSON());
  });

  // Bodies are JSON (documents: raw bytes); plain text is not a body any route reads.
  app.removeContentTypeParser('text/plain');
  // Fastify's own parser (prototype poisoning refused), after a depth check: a body nesting
  // thousands of levels parses, then overflows the stack of whatever walks it.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(
        new JugwonError('JG_INVALID_REQUEST', {
          problem: `the body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`,
        }),
        undefined,
      );
      return;
    }
    void parseJson(request, body as string, done);
  });
  app.decorateRequest('ctx', null);
  // Every API call gets a context and is authenticated; /healthz and the console's own files are
  // open (they show no data), and so is signing in.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!/^\/(v1|api|metrics)(\/|$)/.test(path)) return;
    reply.header('x-request-id', request.id); // the id its audit record carries
    const params = Object.values((request.params ?? {}) as Record<string, string>);
    const controller = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
    });
    request.ctx = newRequest({
      requestId: request.id,
      // The route's pattern, never the path: the path is the caller's to choose (personal data,
      // a new value per request), and the trail aggregates keyless refusals per route.
      route: `${request.method} ${request.routeOptions.url ?? '(no route)'}`,
      signal: controller.signal,
    });
    if (params.length) request.ctx.target = params.join('/').slice(0, 300);
    const token = sessionToken(request.headers.cookie);
    const csrf = request.headers[CSRF_HEADER];
    request.ctx.credentials = {
      authorization: request.headers.authorization,
      ip: request.ip,
      ...(token
        ? { session: { token, method: request.method, csrf: typeof csrf === 'string' ? csrf : undefined } }
        : {}),
    };
    const declared = request.headers['x-jugwon-data-class'];
    if (declared !== undefined) request.ctx.dataClasses = dataClassesOf(declared);
    if (path === '/api/session' && request.method === 'POST') return;
    // Single sign-on proves who the user is itself (and the console asks whether it is offered).
    if (path === '/api/sso' || path === '/api/sso/login' || path === '/api/sso/callback') return;
    await authenticate.run(request.ctx, platform);
  });
  // Routes that are not model calls are accounted for here, just before their answer is sent.
  app.addHook('onSend', async (request, reply) => {
    if (request.ctx && !request.ctx.accounted) await account(platform, request.ctx, reply.statusCode);
  });

  await app.register(healthRoutes(platform));
  await app.register(sessionRoutes(platform));
  await app.register(ssoRoutes(platform));
  await app.register(conversationRoutes(platform));
  await app.register(openaiRoutes(platform));
  await app.register(knowledgeRoutes(platform));
  await app.register(adminRoutes(platform));
  await app.register(auditRoutes(platform));
  await app.register(evalRoutes(platform));
  await app.register(usageRoutes(platform));
  await app.register(privacyRoutes(platform));
  registerConsole(app);

  // Sign the tail of the log every minute, so little is ever unsigned, after writing the minute's
  // refused unauthenticated requests.
  const checkpoints = setInterval(() => {
    // A store that is briefly unreachable is retried next minute (and at shutdown).
    void platform.unauthenticated
      .flush()
      .then(() => platform.ledger.checkpoint())
      .catch(() => {});
  }, CHECKPOINT_INTERVAL_MS);
  checkpoints.unref();
  // Retained bodies and conversations past their retention period are destroyed at start and
  // hourly, each destruction recorded in the trail; sessions ended a day ago are forgotten.
  const expire = () => {
    void destroyExpired(platform).catch(() => {});
    void Promise.resolve(platform.auth.sessions.prune()).catch(() => {});
  };
  expire();
  const expiry = setInterval(expire, 3_600_000);
  expiry.unref();

  return {
    app,
    platform,
    store: platform.store,
    async close() {
      clearInterval(checkpoints);
      clearInterval(expiry);
      await app.close();
      await platform.close();
    },
  };
}

/**
 * `x-jugwon-data-class: S, credit` — classes the caller declares for what it sends. They add to
 * the tenant's and the collection's; a caller can narrow where its data goes, never widen it.
 */
function dataClassesOf(header: string | string[]): DataClass[] {
  const values = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = values.find((v) => !isDataClass(v));
  if (bad !== undefined || values.length === 0)
    throw new JugwonError('JG_INVALID_REQUEST', {
      problem: `x-jugwon-data-class must list ${DATA_CLASSES.join(', ')}`,
    });
  return [...new Set(values as DataClass[])];
}
