import type BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { JugwonError } from '../../core/errors.js';
import type { EvalJobs } from '../../eval/jobs.js';
import { compare } from '../../eval/report.js';
import { listRuns, readRun } from '../../eval/run.js';
import { filterFromJson, type SearchFilter } from '../../knowledge/filter.js';
import type { KnowledgeIndex } from '../../knowledge/index-store.js';
import { type Citation, groundedMessages, lastQuestion, retrieve } from '../../knowledge/rag.js';
import type { ChatChunk, Usage } from '../../models/chat-types.js';
import { SSE_DONE, sseEvent } from '../../models/sse.js';
import type { Detector } from '../../privacy/engine.js';
import { mask } from '../../privacy/mask.js';
import { estimateTokens } from '../../quota/quota.js';
import type { Database } from '../../store/schema.js';
import type { Authenticator } from '../../tenancy/auth.js';
import { CSRF_HEADER, SESSION_COOKIE, sessionToken, tokenId } from '../../tenancy/sessions.js';
import { setPassword } from '../../tenancy/tenants.js';
import { queryUsage } from '../../usage/usage.js';
import type { Gateway, Served } from '../gateway.js';
import { type AccountingDeps, RequestAccount } from './accounting.js';
import { queryVector, readableCollection } from './collection-access.js';
import { registerConsoleApi } from './console-api.js';
import type { Metrics } from './metrics.js';
import { chatRequest, embeddingsRequest } from './validate.js';

declare module 'fastify' {
  interface FastifyRequest {
    account: RequestAccount | null;
  }
}

/** Response headers that say what served the request. Counts only: never a value. */
export function servedHeaders(s: Served): Record<string, string> {
  const h: Record<string, string> = {
    'x-jugwon-model': s.model,
    'x-jugwon-residency': s.residency,
    'x-jugwon-policy': s.action,
    'x-jugwon-pii-masked': String(s.masked),
    'x-jugwon-pii-found': Object.entries(s.countsByCategory)
      .map(([c, n]) => `${c}=${n}`)
      .join(';'),
  };
  if (s.rerouted) h['x-jugwon-rerouted-from'] = s.requestedModel;
  return h;
}

/** Aborts when the client goes away before the response is complete, cancelling the upstream call. */
function abortOnDisconnect(reply: FastifyReply): AbortController {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return controller;
}

const account = (request: FastifyRequest): RequestAccount => request.account as RequestAccount;

const promptChars = (messages: { content: unknown }[]) =>
  messages.reduce(
    (n, m) => n + (typeof m.content === 'string' ? m.content.length : JSON.stringify(m.content ?? '').length),
    0,
  );

/** The request field of RAG mode. */
function ragOptions(v: unknown): { collection: string; k: number; filter?: SearchFilter } {
  const o = v as { collection?: unknown; k?: unknown; filter?: unknown } | null;
  if (!o || typeof o !== 'object' || typeof o.collection !== 'string') {
    throw new JugwonError('JG_INVALID_REQUEST', {
      problem: '"jugwon" must be {"collection": "<name>", "k"?: number, "filter"?: {…}}',
    });
  }
  const k = o.k === undefined ? 5 : Number(o.k);
  if (!Number.isInteger(k) || k < 1 || k > 50)
    throw new JugwonError('JG_INVALID_REQUEST', {
      problem: '"jugwon.k" must be a whole number from 1 to 50',
    });
  return { collection: o.collection, k, filter: filterFromJson(o.filter) };
}

export interface RouteDeps extends AccountingDeps {
  /** The knowledge base, opened on first use. */
  knowledge: () => Promise<KnowledgeIndex>;
  dataDir: string;
  /** The store's connection, for reads that must stream (audit trail). */
  sqlite: BetterSqlite3.Database;
  detector: Detector;
  gateway: Gateway;
  /** Evaluation runs started from the console. */
  evalJobs: EvalJobs;
  auth: Authenticator;
  db: Kysely<Database>;
  metrics: Metrics;
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { gateway } = deps;
  app.decorateRequest('account', null);
  // Every API call is authenticated and accounted for; /healthz and the console's own files are
  // open (they show no data), and so is signing in.
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/healthz' || !/^\/(v1|api|metrics)(\/|$)/.test(path)) return;
    request.account = new RequestAccount(deps, `${request.method} ${path}`, request.id);
    if (path === '/api/session' && request.method === 'POST') return;
    const token = sessionToken(request.headers.cookie);
    const csrf = request.headers[CSRF_HEADER];
    request.account.principal = deps.auth.authenticate(
      request.headers.authorization,
      request.ip,
      token
        ? { token, method: request.method, csrf: typeof csrf === 'string' ? csrf : undefined }
        : undefined,
    );
  });

  // Console sign-in: the session token goes only into an HttpOnly, SameSite=Strict cookie.
  app.post('/api/session', async (request, reply) => {
    const b = (request.body ?? {}) as { tenant?: unknown; user?: unknown; password?: unknown };
    if (typeof b.tenant !== 'string' || typeof b.user !== 'string' || typeof b.password !== 'string')
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'send {"tenant", "user", "password"}' });
    const { token, user, expiresAt } = deps.auth.sessions.signIn(b.tenant, b.user, b.password);
    account(request).finish(200);
    const secure = request.protocol === 'https' ? '; Secure' : '';
    reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Expires=${new Date(expiresAt).toUTCString()}${secure}`,
    );
    return { user: user.userName, tenant: user.tenantName, role: user.role, csrf: user.csrf, expiresAt };
  });

  app.get('/api/session', async (request) => {
    const acct = account(request);
    const p = acct.principal;
    const token = sessionToken(request.headers.cookie);
    const csrf =
      token && !request.headers.authorization
        ? deps.auth.sessions.resolve(token, 'GET', undefined).csrf
        : null;
    acct.finish(200);
    return { user: p?.userName ?? null, tenant: p?.tenantName ?? null, role: p?.role ?? null, csrf };
  });

  // A signed-in user changes their own password; their other sessions end.
  app.put('/api/session/password', async (request) => {
    const acct = account(request);
    const token = sessionToken(request.headers.cookie);
    // Without a Bearer key, the principal is the session's user (the hook checked its CSRF header).
    const p = acct.principal;
    if (!token || request.headers.authorization || !p?.userName)
      throw new JugwonError('JG_INVALID_REQUEST', {
        problem: 'sign in to the console to change your password (API keys have no password)',
      });
    const b = (request.body ?? {}) as { current?: unknown; password?: unknown };
    if (typeof b.current !== 'string' || typeof b.password !== 'string')
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'send {"current", "password"}' });
    deps.auth.sessions.verifyPassword(p.tenantId, p.userName, b.current);
    await setPassword(deps.db, p.tenantName, p.userName, b.password, tokenId(token));
    acct.finish(200);
    return { changed: true };
  });

  app.delete('/api/session', async (request, reply) => {
    const token = sessionToken(request.headers.cookie);
    if (token) deps.auth.sessions.signOut(token);
    account(request).finish(200);
    reply.header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    return { signedOut: true };
  });

  // The PII inspector: what the detector finds in a text, and the text masked. Nothing is kept.
  app.post('/api/pii/scan', async (request) => {
    const b = (request.body ?? {}) as { text?: unknown };
    if (typeof b.text !== 'string' || b.text.length > 1_000_000)
      throw new JugwonError('JG_INVALID_REQUEST', {
        problem: 'send {"text"} of at most 1,000,000 characters',
      });
    const entities = deps.detector.detect(b.text);
    const masked = mask(b.text, { entities }).text;
    account(request).finish(200);
    return { entities, masked };
  });

  app.get('/healthz', async () => gateway.health());

  app.get('/v1/models', async (request) => {
    const models = gateway.listModels(account(request).scope());
    account(request).finish(200);
    return models;
  });

  app.post('/v1/chat/completions', async (request, reply) => {
    let body = chatRequest(request.body);
    const acct = account(request);
    acct.retain(body);
    // RAG mode: {"jugwon": {"collection": "…", "k": 5}} grounds the answer in a collection.
    let citations: Citation[] | undefined;
    if (body.jugwon !== undefined) {
      const rag = ragOptions(body.jugwon);
      const question = lastQuestion(body.messages);
      const settings = readableCollection(deps.dataDir, rag.collection, acct.principal);
      const vector = await queryVector(gateway, settings, question, acct.scope());
      citations = await retrieve(await deps.knowledge(), rag.collection, question, rag.k, vector, rag.filter);
      const { jugwon: _rag, ...rest } = body;
      body = { ...rest, messages: groundedMessages(body.messages, citations) };
    }
    acct.admit(estimateTokens(promptChars(body.messages), body.max_completion_tokens ?? body.max_tokens));
    const controller = abortOnDisconnect(reply);
    if (!body.stream) {
      const { completion, served } = await gateway.chat(body, controller.signal, acct.scope());
      acct.served = served;
      acct.usage = completion.usage;
      acct.finish(200);
      return reply.headers(servedHeaders(served)).send(citations ? { ...completion, citations } : completion);
    }
    // Ask every upstream for usage (metering needs it); the client gets it only if it asked.
    const wantsUsage = body.stream_options?.include_usage === true;
    const upstreamBody = { ...body, stream_options: { ...body.stream_options, include_usage: true } };
    const { chunks, served } = await gateway.chatStream(upstreamBody, controller.signal, acct.scope());
    acct.served = served;
    await streamChunks(reply, chunks, servedHeaders(served), wantsUsage, controller, acct, citations);
    return reply;
  });

  app.post('/v1/embeddings', async (request, reply) => {
    const body = embeddingsRequest(request.body);
    const acct = account(request);
    acct.retain(body);
    const inputs = typeof body.input === 'string' ? [body.input] : body.input;
    acct.admit(
      estimateTokens(
        inputs.reduce((n, s) => n + s.length, 0),
        0,
      ),
    );
    const controller = abortOnDisconnect(reply);
    const { response, served } = await gateway.embed(body, controller.signal, acct.scope());
    acct.served = served;
    acct.usage = {
      prompt_tokens: response.usage?.prompt_tokens ?? 0,
      completion_tokens: 0,
      total_tokens: response.usage?.total_tokens ?? 0,
    };
    if (body.encoding_format === 'base64') {
      // The openai SDKs ask for base64 by default: little-endian float32, as OpenAI sends it.
      for (const d of response.data) {
        if (Array.isArray(d.embedding))
          d.embedding = Buffer.from(new Float32Array(d.embedding).buffer).toString('base64') as never;
      }
    }
    acct.finish(200);
    return reply.headers(servedHeaders(served)).send(response);
  });

  // Usage per tenant × model × day. Members see their own tenant; admin and compliance all.
  registerConsoleApi(app, deps, account);

  // Evaluation runs (jugwon eval run): results are about models, not anyone's data.
  app.get('/api/evals', async (request) => {
    const runs = listRuns(deps.dataDir).map(({ runId, created, options, suites, results }) => ({
      runId,
      created,
      models: options.models,
      suites,
      results,
    }));
    account(request).finish(200);
    return { data: runs };
  });

  app.get('/api/evals/:runId', async (request) => {
    const { runId } = request.params as { runId: string };
    const run = readRun(deps.dataDir, runId);
    account(request).finish(200);
    return { ...run.record, comparison: compare([run]) };
  });

  app.get('/api/usage', async (request) => {
    const acct = account(request);
    const q = request.query as { from?: string; to?: string; tenant?: string };
    const p = acct.principal;
    const all = p?.role === 'admin' || p?.role === 'compliance';
    let tenantId = all ? undefined : p?.tenantId;
    if (q.tenant) {
      if (!all && q.tenant !== p?.tenantName)
        throw new JugwonError('JG_FORBIDDEN', { action: "read another tenant's usage" });
      tenantId =
        (await deps.db.selectFrom('tenants').select('id').where('name', '=', q.tenant).executeTakeFirst())
          ?.id ?? q.tenant;
    }
    const rows = await queryUsage(deps.db, {
      ...(tenantId ? { tenantId } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
    });
    acct.finish(200);
    return {
      object: 'list',
      data: rows.map((r) => ({
        tenant: r.tenant,
        model: r.model,
        day: r.day,
        requests: r.requests,
        errors: r.errors,
        prompt_tokens: r.prompt_tokens,
        completion_tokens: r.completion_tokens,
        avg_latency_ms: r.requests ? r.latency_ms_total / r.requests : 0,
      })),
    };
  });

  app.get('/metrics', async (request, reply) => {
    const acct = account(request);
    const role = acct.principal?.role;
    if (role !== 'admin' && role !== 'compliance')
      throw new JugwonError('JG_FORBIDDEN', { action: 'read metrics' });
    const text = await deps.metrics.registry.metrics();
    acct.finish(200);
    return reply.type(deps.metrics.registry.contentType).send(text);
  });
}

/**
 * Writes chunks as server-sent events as they come. Usage goes in its own last chunk when the
 * client asked for it (stream_options.include_usage), and nowhere otherwise. The request is
 * accounted for (audit record committed) before the closing [DONE]. An error after the first
 * byte becomes an error event, then the stream ends.
 */
async function streamChunks(
  reply: FastifyReply,
  chunks: AsyncIterable<ChatChunk>,
  headers: Record<string, string>,
  includeUsage: boolean,
  controller: AbortController,
  acct: RequestAccount,
  citations?: Citation[],
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...headers,
  });
  res.flushHeaders();
  const write = (s: string) =>
    res.write(s) ? undefined : new Promise<void>((r) => res.once('drain', () => r()));
  let usage: Usage | null | undefined;
  let last: ChatChunk | undefined;
  try {
    for await (const chunk of chunks) {
      if (controller.signal.aborted) break;
      last = chunk;
      if (chunk.usage) usage = chunk.usage;
      const { usage: _drop, ...rest } = chunk;
      if (rest.choices.length === 0) continue; // a usage-only chunk: re-sent below if asked for
      // The passages of a grounded answer travel with its first chunk.
      await write(sseEvent(citations ? { ...rest, citations } : rest));
      citations = undefined;
    }
    if (usage) acct.usage = usage;
    if (controller.signal.aborted) {
      acct.finish(499, new JugwonError('JG_INVALID_REQUEST', { problem: 'client disconnected' }));
      return;
    }
    acct.finish(200);
    if (includeUsage && usage) await write(sseEvent({ ...last, choices: [], usage }));
    await write(SSE_DONE);
  } catch (e) {
    const err =
      e instanceof JugwonError
        ? e
        : new JugwonError('JG_UPSTREAM_ERROR', {
            model: headers['x-jugwon-model'] ?? '',
            status: 'stream failed',
          });
    acct.finish(controller.signal.aborted ? 499 : 502, err);
    if (controller.signal.aborted) return;
    reply.log.warn({ code: err.code }, 'stream ended with an error');
    await write(sseEvent(err.toJSON()));
  } finally {
    res.end();
  }
}
