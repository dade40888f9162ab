import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { ResolvedConfig } from './core/config.js';
import { JugwonError } from './core/errors.js';
import { Gateway } from './gateway/gateway.js';
import { registerRoutes } from './gateway/http/routes.js';
import { ModelRegistry } from './models/registry.js';
import type { Detector } from './privacy/engine.js';
import { detectorFromConfig } from './privacy/from-config.js';

export interface ServerOptions {
  /** A pino logger configuration, or false to log nothing (tests). */
  logger?: boolean | { level: string };
  /** Replaces the model registry (tests use recording providers). */
  registry?: ModelRegistry;
  /** Replaces the personal-data detector (tests make it fail, to check the gateway fails closed). */
  detector?: Detector;
}

export interface JugwonServer {
  app: FastifyInstance;
  gateway: Gateway;
  registry: ModelRegistry;
  /** Stops taking requests, lets running ones finish, then unloads models. */
  close(): Promise<void>;
}

/** Wires configuration, models, the personal-data engine and the HTTP routes together. */
export async function createServer(
  config: ResolvedConfig,
  options: ServerOptions = {},
): Promise<JugwonServer> {
  const registry = options.registry ?? new ModelRegistry(config.models);
  const detector = options.detector ?? detectorFromConfig(config.privacy);
  const gateway = new Gateway(config, registry, detector);
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
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof JugwonError) {
      if (error.code === 'JG_POLICY_ERROR')
        request.log.error({ code: error.code, cause: String(error.cause ?? '') }, error.message);
      else if (error.status >= 500) request.log.warn({ code: error.code }, error.message);
      return reply.status(error.status).send(error.toJSON());
    }
    const fastifyCode = (error as { code?: string }).code;
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const e = new JugwonError('JG_INPUT_TOO_LARGE', {
        what: 'The request body',
        limit: config.server.bodyLimitBytes,
      });
      return reply.status(e.status).send(e.toJSON());
    }
    if ((error as { statusCode?: number }).statusCode === 400 || fastifyCode?.startsWith('FST_ERR_CTP')) {
      const e = new JugwonError('JG_INVALID_REQUEST', { problem: 'the body is not valid JSON' });
      return reply.status(e.status).send(e.toJSON());
    }
    request.log.error({ err: error }, 'unexpected error');
    const e = new JugwonError('JG_INTERNAL');
    return reply.status(500).send(e.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    const e = new JugwonError('JG_ROUTE_NOT_FOUND', {
      method: request.method,
      url: request.url.split('?')[0] ?? '',
    });
    return reply.status(404).send(e.toJSON());
  });

  registerRoutes(app, gateway);

  return {
    app,
    gateway,
    registry,
    async close() {
      await app.close();
      await registry.close();
    },
  };
}
