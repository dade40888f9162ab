import { join } from 'node:path';
import { AuditAnchor } from '../audit/anchor.js';
import { AuditLog } from '../audit/log.js';
import { loadOrCreateRetentionKey, PromptVault } from '../audit/retention.js';
import { loadOrCreateSigner } from '../audit/signing.js';
import type { ResolvedConfig } from '../core/config.js';
import type { GatewayDeps } from '../gateway/context.js';
import { KnowledgeIndex } from '../knowledge/index-store.js';
import { ModelRegistry } from '../models/registry.js';
import type { Detector } from '../privacy/engine.js';
import { detectorFromConfig } from '../privacy/from-config.js';
import type { Entity } from '../privacy/types.js';
import { Quotas } from '../quota/quota.js';
import { GroupCommit } from '../store/group-commit.js';
import { openStore, type Store } from '../store/open.js';
import { Authenticator } from '../tenancy/auth.js';
import { Metrics } from '../usage/metrics.js';
import { UsageMeter } from '../usage/usage.js';
import { OFF_THREAD_CHARS, OffThread } from './off-thread.js';
import { UnauthenticatedLog } from './unauthenticated.js';

export interface PlatformOptions {
  /** Replaces the model registry (tests use recording providers). */
  registry?: ModelRegistry;
  /** Replaces the personal-data detector (tests make it fail, to check the gateway fails closed). */
  detector?: Detector;
}

/**
 * Everything a service needs, opened once from the resolved configuration: the store, the audit
 * log, the models, the personal-data engine, quotas, usage and the knowledge base (opened on first
 * use). The server holds one for its lifetime; a CLI command opens one for its run.
 */
export interface Platform {
  readonly config: ResolvedConfig;
  readonly store: Store;
  readonly audit: AuditLog;
  /** Where signed checkpoints are written outside the database. */
  readonly anchor: AuditAnchor;
  readonly registry: ModelRegistry;
  readonly detector: Detector;
  /** What the model-call stages need. */
  readonly gateway: GatewayDeps;
  readonly quotas: Quotas;
  readonly usage: UsageMeter;
  readonly metrics: Metrics;
  readonly auth: Authenticator;
  /** Refused unauthenticated requests, counted and written once a minute. */
  readonly unauthenticated: UnauthenticatedLog;
  /** Seals raw request bodies when the deployment retains them (audit.retainRequests). */
  readonly retention: PromptVault | undefined;
  /** Detection of large texts and parsing of uploads, off the event loop. */
  readonly offThread: OffThread;
  /** Each text's personal data: in a worker when the texts are large, else here. */
  detectAll(texts: string[]): Promise<Entity[][]>;
  /** The knowledge base, opened on first use (LanceDB loads only when a command needs it). */
  knowledge(): Promise<KnowledgeIndex>;
  /**
   * Commits a request's writes (quota settlement, usage, audit record) together with those of
   * concurrent requests: resolves once they are durable (see GroupCommit).
   */
  commit(write: () => void): Promise<void>;
  /** Signs the audit tail, unloads models, closes the store. */
  close(): Promise<void>;
}

export async function openPlatform(config: ResolvedConfig, o: PlatformOptions = {}): Promise<Platform> {
  const store = await openStore(config.dataDir, config.store.durability);
  const anchor = new AuditAnchor(config.audit.anchor ?? join(config.dataDir, 'audit-anchor.jsonl'));
  const audit = new AuditLog(store.sqlite, loadOrCreateSigner(config.dataDir), anchor);
  const registry = o.registry ?? new ModelRegistry(config.models);
  const detector = o.detector ?? detectorFromConfig(config.privacy);
  const retention = config.audit.retainRequests
    ? new PromptVault(store.sqlite, loadOrCreateRetentionKey(config.dataDir, config.audit.retentionKey))
    : undefined;
  let knowledge: Promise<KnowledgeIndex> | undefined;
  let closed = false;
  const offThread = new OffThread(config.privacy);
  // An injected detector (tests) is used as it is; the configured one also runs in the worker.
  const detectAll = async (texts: string[]): Promise<Entity[][]> =>
    !o.detector && texts.reduce((n, t) => n + t.length, 0) > OFF_THREAD_CHARS
      ? offThread.detectAll(texts)
      : texts.map((t) => detector.detect(t));
  const group = new GroupCommit(store.sqlite, (rolledBack) => audit.committed(rolledBack));
  const unauthenticated = new UnauthenticatedLog(audit);
  return {
    config,
    store,
    audit,
    anchor,
    registry,
    detector,
    gateway: { config, registry, detector, detectAll },
    offThread,
    detectAll,
    quotas: new Quotas(store.sqlite),
    usage: new UsageMeter(store.sqlite),
    metrics: new Metrics(),
    auth: new Authenticator(store.sqlite),
    unauthenticated,
    retention,
    knowledge() {
      knowledge ??= KnowledgeIndex.open(config.dataDir, { computeThreads: config.knowledge.computeThreads });
      return knowledge;
    },
    commit: (write) => group.commit(write),
    async close() {
      if (closed) return;
      closed = true;
      group.flush();
      unauthenticated.flush();
      await offThread.close();
      await registry.close();
      audit.checkpoint();
      await store.close();
    },
  };
}
