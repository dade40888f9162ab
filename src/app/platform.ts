import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Pool, PoolClient } from 'pg';
import { AuditAnchor } from '../audit/anchor.js';
import type { Ledger } from '../audit/ledger.js';
import { PostgresLedger } from '../audit/postgres-ledger.js';
import { loadOrCreateRetentionKey, PromptVault } from '../audit/retention.js';
import { loadOrCreateSigner } from '../audit/signing.js';
import { SqliteLedger } from '../audit/sqlite-ledger.js';
import { Calendar } from '../core/calendar.js';
import type { ResolvedConfig } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import { makePrivateDir } from '../core/files.js';
import type { GatewayDeps } from '../gateway/context.js';
import { loadAnalyzer } from '../knowledge/analyze/korean.js';
import { KnowledgeIndex } from '../knowledge/index-store.js';
import type { ProviderDeps } from '../models/provider.js';
import { createProvider, ModelRegistry } from '../models/registry.js';
import { LocalSlots } from '../models/slots.js';
import type { Detector } from '../privacy/engine.js';
import { detectorFromConfig } from '../privacy/from-config.js';
import type { Entity } from '../privacy/types.js';
import { type Budgets, Quotas, type SettledReader } from '../quota/quota.js';
import { openStore, SINGLE_REPLICA_LOCK, type Store } from '../store/open.js';
import { holdServeLock } from '../store/serve-lock.js';
import { Authenticator } from '../tenancy/auth.js';
import { directoryOf } from '../tenancy/directory.js';
import { Metrics } from '../usage/metrics.js';
import { OFF_THREAD_CHARS, OffThread } from './off-thread.js';
import { UnauthenticatedLog } from './unauthenticated.js';

export interface PlatformOptions {
  /** Replaces the model registry (tests use recording providers). */
  registry?: ModelRegistry;
  /** Replaces the personal-data detector (tests make it fail, to check the gateway fails closed). */
  detector?: Detector;
  /**
   * The process serves requests (`jugwon serve`). On the embedded store, and on a shared Postgres
   * store without Redis, only one server may run: each would count request limits on its own. The Korean analyser is loaded
   * while it starts, not by the first upload or search.
   */
  serving?: boolean;
}

/**
 * Everything a service needs, opened once from the resolved configuration: the store, the audit
 * log, the models, the personal-data engine, quotas, usage and the knowledge base (opened on first
 * use). The server holds one for its lifetime; a CLI command opens one for its run.
 */
export interface Platform {
  readonly config: ResolvedConfig;
  readonly store: Store;
  /** The one writer of accounting and the audit trail. */
  readonly ledger: Ledger;
  /** Where signed checkpoints are written outside the database. */
  readonly anchor: AuditAnchor;
  readonly registry: ModelRegistry;
  readonly detector: Detector;
  /** What the model-call stages need. */
  readonly gateway: GatewayDeps;
  readonly quotas: Budgets;
  /** Days and months as the deployment counts them (configuration `timeZone`). */
  readonly calendar: Calendar;
  readonly metrics: Metrics;
  readonly auth: Authenticator;
  /** Refused unauthenticated requests, counted and written once a minute. */
  readonly unauthenticated: UnauthenticatedLog;
  /** Seals raw request bodies when the deployment retains them (audit.retainRequests). */
  readonly retention: PromptVault | undefined;
  /** Detection of large texts and parsing of uploads, off the event loop. */
  readonly offThread: OffThread;
  /** Each text's personal data: in a worker when the texts are large, else here. */
  detectAll(texts: string[], limits?: { maxFindings?: number }): Promise<Entity[][]>;
  /** The knowledge base, opened on first use (LanceDB loads only when a command needs it). */
  knowledge(): Promise<KnowledgeIndex>;
  /**
   * Runs `fn` holding a lock named `key` in every replica sharing the store (a Postgres advisory
   * lock); on the embedded store, one process serves, and `fn` just runs.
   */
  clusterLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Signs the audit tail, unloads models, closes the store. */
  close(): Promise<void>;
}

export async function openPlatform(config: ResolvedConfig, o: PlatformOptions = {}): Promise<Platform> {
  // Before anything writes into it (keys, the anchor, the embedded store), on either store.
  makePrivateDir(config.dataDir);
  const store = await openStore({
    dataDir: config.dataDir,
    durability: config.store.durability,
    url: config.store.url,
  });
  const cleanup: (() => Promise<void>)[] = [() => store.close()];
  try {
    return await assemble(config, o, store, cleanup);
  } catch (e) {
    for (const c of cleanup.reverse()) await c().catch(() => {});
    throw e;
  }
}

async function assemble(
  config: ResolvedConfig,
  o: PlatformOptions,
  store: Store,
  cleanup: (() => Promise<void>)[],
): Promise<Platform> {
  // One server per embedded store; CLI commands run beside it.
  if (o.serving && store.dialect === 'sqlite') {
    const release = holdServeLock(config.dataDir);
    cleanup.push(async () => release());
  }
  if (o.serving) loadAnalyzer();
  const anchor = new AuditAnchor(config.audit.anchor ?? join(config.dataDir, 'audit-anchor.jsonl'));
  const signer = loadOrCreateSigner(config.dataDir);
  const ledger: Ledger =
    store.dialect === 'sqlite'
      ? new SqliteLedger(store.sqlite, signer, anchor)
      : new PostgresLedger(store.pool, signer, anchor);
  const redis = await redisFor(config, cleanup);
  const calendar = new Calendar(config.timeZone);
  const quotas = await budgetsFor(o, store, redis, calendar, cleanup);
  const deps = await providerDeps(redis, cleanup);
  const registry = o.registry ?? new ModelRegistry(config.models, (m) => createProvider(m, deps));
  const detector = o.detector ?? detectorFromConfig(config.privacy);
  const retention = config.audit.retainRequests
    ? new PromptVault(store.db, loadOrCreateRetentionKey(config.audit.keysDir, config.audit.retentionKey))
    : undefined;
  let knowledge: Promise<KnowledgeIndex> | undefined;
  let closed = false;
  const offThread = new OffThread(config.privacy);
  // An injected detector (tests) is used as it is; the configured one also runs in the worker.
  const detectAll = async (texts: string[], limits: { maxFindings?: number } = {}): Promise<Entity[][]> =>
    !o.detector && texts.reduce((n, t) => n + t.length, 0) > OFF_THREAD_CHARS
      ? offThread.detectAll(texts, limits.maxFindings)
      : texts.map((t) => detector.detect(t));
  const unauthenticated = new UnauthenticatedLog(ledger);
  const clusterLock = lockerFor(store);
  const metrics = new Metrics();
  metrics.watchPools(() =>
    registry.list().flatMap((m) => (m.endpoints ? [{ model: m.config.id, endpoints: m.endpoints() }] : [])),
  );
  return {
    config,
    store,
    ledger,
    anchor,
    registry,
    detector,
    gateway: { config, registry, detector, detectAll },
    offThread,
    detectAll,
    quotas,
    calendar,
    metrics,
    auth: new Authenticator(
      directoryOf(store),
      redis ? new (await import('../tenancy/redis-throttle.js')).RedisThrottle(redis) : undefined,
    ),
    unauthenticated,
    retention,
    knowledge() {
      knowledge ??= KnowledgeIndex.open(config.dataDir, {
        computeThreads: config.knowledge.computeThreads,
        // Replicas share the data folder: one writer per collection among them all, and each
        // sees what the others wrote within a second.
        ...(store.dialect === 'postgres'
          ? { shared: { lock: (c, fn) => clusterLock(`collection:${c}`, fn), readAfterS: 1 } }
          : {}),
      });
      return knowledge;
    },
    clusterLock,
    async close() {
      if (closed) return;
      closed = true;
      await ledger.flush();
      await unauthenticated.flush();
      await offThread.close();
      await registry.close();
      await ledger.checkpoint();
      for (const c of cleanup.reverse()) await c();
    },
  };
}

function lockerFor(store: Store): <T>(key: string, fn: () => Promise<T>) => Promise<T> {
  if (store.dialect === 'sqlite') return (_key, fn) => fn();
  return async (key, fn) => {
    const c = await store.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock(hashtext($1))', [`jugwon:${key}`]);
      try {
        return await fn();
      } finally {
        await c.query('SELECT pg_advisory_unlock(hashtext($1))', [`jugwon:${key}`]);
      }
    } finally {
      c.release();
    }
  };
}

/** What each counter has settled in the store (where live counting starts). */
function settledReader(store: Store): SettledReader {
  if (store.dialect === 'sqlite') {
    const read = store.sqlite.prepare<[string], { used: number }>(
      'SELECT used FROM quota_counters WHERE scope = ?',
    );
    return (scope) => read.get(scope)?.used ?? 0;
  }
  return async (scope) =>
    (await store.db.selectFrom('quota_counters').select('used').where('scope', '=', scope).executeTakeFirst())
      ?.used ?? 0;
}

/** The Redis connection replicas coordinate through, when configured. */
async function redisFor(
  config: ResolvedConfig,
  cleanup: (() => Promise<void>)[],
): Promise<Redis | undefined> {
  if (!config.redis) return undefined;
  const { Redis } = await import('ioredis');
  const redis = new Redis(config.redis.url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: true,
  });
  redis.on('error', () => {}); // reported per request (503), never a crash
  cleanup.push(async () => void redis.disconnect());
  await redis.connect().catch(() => {}); // unreachable now: requests get 503 until it is back
  return redis;
}

/**
 * With Redis, pools whose nodes have a concurrency limit hand out their slots cluster-wide (so the
 * limits and the tenants' shares hold across replicas); pools without a limit never wait, and
 * keep their slots in each process.
 */
async function providerDeps(
  redis: Redis | undefined,
  cleanup: (() => Promise<void>)[],
): Promise<ProviderDeps> {
  if (!redis) return {};
  const { RedisSlotsHub } = await import('../models/redis-slots.js');
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {});
  const hub = new RedisSlotsHub(redis, subscriber);
  cleanup.push(() => hub.close());
  return {
    slots: (model, nodes, queueLimit) =>
      nodes.some((n) => Number.isFinite(n.max))
        ? hub.scheduler(model, nodes, queueLimit)
        : new LocalSlots(nodes, { model, queueLimit }),
  };
}

/**
 * Request limits: in Redis when configured (shared by every replica), else in this process. A
 * server on a shared Postgres store without Redis holds a lock for its lifetime, so a second one
 * refuses to start instead of silently doubling every limit.
 */
async function budgetsFor(
  o: PlatformOptions,
  store: Store,
  redis: Redis | undefined,
  calendar: Calendar,
  cleanup: (() => Promise<void>)[],
): Promise<Budgets> {
  const settled = settledReader(store);
  if (redis) {
    const { RedisBudgets } = await import('../quota/redis-budgets.js');
    return new RedisBudgets(redis, settled, undefined, calendar);
  }
  if (o.serving && store.dialect === 'postgres')
    return new Quotas(settled, await holdSingleReplicaLock(store.pool, cleanup), calendar);
  return new Quotas(settled, undefined, calendar);
}

/**
 * Holds the lock that keeps a second server without Redis off a shared store. The lock lives as
 * long as its connection: lost with it (a database restart, a failover, the network — which
 * crashed the process, the held connection's error having no listener), it is taken again every
 * 2 s until the database is back. Returns whether it is held: while it is not (lost, or taken
 * meanwhile by another server, which is also said on stderr), requests are refused.
 */
async function holdSingleReplicaLock(pool: Pool, cleanup: (() => Promise<void>)[]): Promise<() => boolean> {
  let held: PoolClient | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const take = async (): Promise<boolean> => {
    const c = await pool.connect();
    const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      SINGLE_REPLICA_LOCK,
    ]);
    if (!rows[0]?.ok) {
      c.release(true);
      return false;
    }
    held = c;
    c.on('error', () => {
      if (held !== c) return;
      held = undefined;
      c.release(true);
      again();
    });
    return true;
  };
  const again = () => {
    if (stopped) return;
    retry = setTimeout(() => {
      take().then(
        (ok) => {
          if (ok) return;
          process.stderr.write(`jugwon: ${new JugwonError('JG_REPLICA_CONFLICT').message}\n`);
          again();
        },
        () => again(),
      );
    }, 2_000);
    retry.unref();
  };
  if (!(await take())) throw new JugwonError('JG_REPLICA_CONFLICT');
  cleanup.push(async () => {
    stopped = true;
    clearTimeout(retry);
    held?.release(true);
  });
  return () => held !== undefined;
}
