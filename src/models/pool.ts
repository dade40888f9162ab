import {
  DEFAULT_TICKET,
  LocalSlots,
  type Slot,
  type SlotNode,
  type SlotScheduler,
  type Ticket,
} from './slots.js';

/** One node of a pool, as the administration screen and /metrics show it. */
export interface EndpointState {
  /** host:port of the node (never credentials or paths). */
  endpoint: string;
  weight: number;
  maxConcurrency: number | null;
  /** Requests being answered by it now. */
  outstanding: number;
  /** up; ejected (failing: skipped until its ejection ends or a health check passes). */
  state: 'up' | 'ejected';
  requests: number;
  failures: number;
  ejections: number;
  lastError: string | null;
}

export interface Endpoint {
  readonly url: string;
  readonly label: string;
  readonly weight: number;
  readonly maxConcurrency: number;
  outstanding: number;
  /** Consecutive failures since its last success. */
  failing: number;
  /** Until when it is skipped (0: not ejected). */
  ejectedUntil: number;
  /** Ejections in a row without a success in between (the next one lasts twice as long). */
  ejections: number;
  /** Ejected by the active health check: stays out until a check passes. */
  down: boolean;
  requests: number;
  failures: number;
  lastError: string | null;
}

export interface PoolOptions {
  model: string;
  /** Requests that may wait for a free slot (beyond: 429). */
  queueLimit: number;
  /** Who hands out request slots: this process (default), or Redis for replicas. */
  slots?: (nodes: SlotNode[]) => SlotScheduler;
  /** Consecutive failures that eject a node. */
  ejectAfter?: number;
  /** The first ejection's length; each further one in a row doubles it, up to maxEjectMs. */
  baseEjectMs?: number;
  maxEjectMs?: number;
  now?: () => number;
}

/**
 * A pool of upstream nodes serving one model: least-outstanding-requests balancing weighted by
 * each node's share, a concurrency limit per node (requests beyond wait, fairly between tenants,
 * in a bounded queue: see SlotScheduler), passive outlier ejection (consecutive failures eject a
 * node for a while, doubling while it keeps failing) and active health checks (a node that stops
 * answering is ejected until it answers again). When every untried node is ejected, the ejected
 * ones are tried anyway: a pool never refuses for want of a node it has not tried.
 */
export class EndpointPool {
  readonly endpoints: Endpoint[];
  private readonly slots: SlotScheduler;
  private readonly byLabel = new Map<string, Endpoint>();
  private readonly ejectAfter: number;
  private readonly baseEjectMs: number;
  private readonly maxEjectMs: number;
  private readonly now: () => number;

  constructor(
    nodes: readonly { baseUrl: string; weight?: number; maxConcurrency?: number | undefined }[],
    o: PoolOptions,
  ) {
    this.ejectAfter = o.ejectAfter ?? 3;
    this.baseEjectMs = o.baseEjectMs ?? 5_000;
    this.maxEjectMs = o.maxEjectMs ?? 300_000;
    this.now = o.now ?? Date.now;
    this.endpoints = nodes.map((n) => ({
      url: n.baseUrl.replace(/\/+$/, ''),
      label: new URL(n.baseUrl).host,
      weight: n.weight ?? 1,
      maxConcurrency: n.maxConcurrency ?? Number.POSITIVE_INFINITY,
      outstanding: 0,
      failing: 0,
      ejectedUntil: 0,
      ejections: 0,
      down: false,
      requests: 0,
      failures: 0,
      lastError: null,
    }));
    for (const e of this.endpoints) this.byLabel.set(e.label, e);
    const slotNodes = this.endpoints.map((e) => ({
      label: e.label,
      weight: e.weight,
      max: e.maxConcurrency,
    }));
    this.slots = o.slots?.(slotNodes) ?? new LocalSlots(slotNodes, o);
  }

  private ejected(e: Endpoint, now: number): boolean {
    return e.down || e.ejectedUntil > now;
  }

  /** A node to send the request to (and its slot), waiting for a free slot when all are busy. */
  async acquire(
    signal: AbortSignal,
    exclude: ReadonlySet<Endpoint> = new Set(),
    ticket: Ticket = DEFAULT_TICKET,
  ): Promise<{ endpoint: Endpoint; slot: Slot }> {
    // A request already gone takes no slot, and no place in the queue or turn of its tenant's share
    // (the client may have left while its question was read, grounded or scanned).
    signal.throwIfAborted();
    const now = this.now();
    const slot = await this.slots.acquire({
      ticket,
      signal,
      hard: new Set([...exclude].map((e) => e.label)),
      soft: new Set(this.endpoints.filter((e) => this.ejected(e, now)).map((e) => e.label)),
    });
    const endpoint = this.byLabel.get(slot.label) as Endpoint;
    endpoint.outstanding++;
    return { endpoint, slot };
  }

  /** Gives the slot back; `failed` counts against the node (outlier ejection). */
  release(e: Endpoint, slot: Slot, outcome: { failed: boolean; error?: string }): void {
    e.outstanding = Math.max(0, e.outstanding - 1);
    e.requests++;
    if (outcome.failed) this.failed(e, outcome.error ?? 'failed');
    else {
      e.failing = 0;
      e.ejections = 0;
      e.ejectedUntil = 0;
    }
    slot.release();
  }

  private failed(e: Endpoint, error: string): void {
    e.failures++;
    e.failing++;
    e.lastError = error;
    if (e.failing >= this.ejectAfter && e.ejectedUntil <= this.now()) {
      e.ejectedUntil = this.now() + Math.min(this.maxEjectMs, this.baseEjectMs * 2 ** e.ejections);
      e.ejections++;
    }
  }

  /** The active health check's verdict on a node. */
  checked(e: Endpoint, ok: boolean, error?: string): void {
    if (ok) {
      e.down = false;
      e.ejectedUntil = 0;
      e.failing = 0;
    } else {
      e.down = true;
      e.lastError = error ?? 'health check failed';
    }
  }

  snapshot(): EndpointState[] {
    const now = this.now();
    return this.endpoints.map((e) => ({
      endpoint: e.label,
      weight: e.weight,
      maxConcurrency: Number.isFinite(e.maxConcurrency) ? e.maxConcurrency : null,
      outstanding: e.outstanding,
      state: this.ejected(e, now) ? 'ejected' : 'up',
      requests: e.requests,
      failures: e.failures,
      ejections: e.ejections,
      lastError: e.lastError,
    }));
  }

  /** Requests waiting for a free slot. */
  get waiting(): number {
    return this.slots.waiting;
  }

  close(): Promise<void> {
    return this.slots.close();
  }
}
