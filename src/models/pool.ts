import { JugwonError } from '../core/errors.js';

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
  /** Requests sent to it so far. */
  assigned: number;
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

interface Waiter {
  exclude: ReadonlySet<Endpoint>;
  resolve: (e: Endpoint) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

export interface PoolOptions {
  model: string;
  /** Requests that may wait for a free slot (beyond: 429). */
  queueLimit: number;
  /** Consecutive failures that eject a node. */
  ejectAfter?: number;
  /** The first ejection's length; each further one in a row doubles it, up to maxEjectMs. */
  baseEjectMs?: number;
  maxEjectMs?: number;
  now?: () => number;
}

/**
 * A pool of upstream nodes serving one model: least-outstanding-requests balancing weighted by
 * each node's share, a concurrency limit per node (requests beyond wait in a bounded queue),
 * passive outlier ejection (consecutive failures eject a node for a while, doubling while it keeps
 * failing) and active health checks (a node that stops answering is ejected until it answers
 * again). When every untried node is ejected, the ejected ones are tried anyway: a pool never
 * refuses for want of a node it has not tried.
 */
export class EndpointPool {
  readonly endpoints: Endpoint[];
  private readonly waiters: Waiter[] = [];
  private readonly ejectAfter: number;
  private readonly baseEjectMs: number;
  private readonly maxEjectMs: number;
  private readonly now: () => number;

  constructor(
    nodes: readonly { baseUrl: string; weight?: number; maxConcurrency?: number | undefined }[],
    private readonly o: PoolOptions,
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
      assigned: 0,
      failing: 0,
      ejectedUntil: 0,
      ejections: 0,
      down: false,
      requests: 0,
      failures: 0,
      lastError: null,
    }));
  }

  private ejected(e: Endpoint, now: number): boolean {
    return e.down || e.ejectedUntil > now;
  }

  /**
   * The least loaded node for its weight, healthy first; undefined when all are busy or tried.
   * Ties (an idle or evenly loaded pool) go to the node that has had the fewest requests for its
   * weight, so traffic follows the weights at any load.
   */
  private pick(exclude: ReadonlySet<Endpoint>): Endpoint | undefined {
    const now = this.now();
    const open = this.endpoints.filter((e) => !exclude.has(e) && e.outstanding < e.maxConcurrency);
    const healthy = open.filter((e) => !this.ejected(e, now));
    let best: Endpoint | undefined;
    let bestLoad = Number.POSITIVE_INFINITY;
    let bestShare = Number.POSITIVE_INFINITY;
    for (const e of healthy.length > 0 ? healthy : open) {
      const load = (e.outstanding + 1) / e.weight;
      const share = (e.assigned + 1) / e.weight;
      if (load < bestLoad || (load === bestLoad && share < bestShare)) {
        best = e;
        bestLoad = load;
        bestShare = share;
      }
    }
    if (best) best.assigned++;
    return best;
  }

  /** Whether a node is left to try (then all of them are busy, and waiting helps). */
  private untried(exclude: ReadonlySet<Endpoint>): boolean {
    return this.endpoints.some((e) => !exclude.has(e));
  }

  /** A node to send the request to, waiting for a free slot when all are busy. */
  acquire(signal: AbortSignal, exclude: ReadonlySet<Endpoint> = new Set()): Promise<Endpoint> {
    const e = this.pick(exclude);
    if (e) {
      e.outstanding++;
      return Promise.resolve(e);
    }
    if (!this.untried(exclude))
      return Promise.reject(
        new JugwonError('JG_UPSTREAM_ERROR', { model: this.o.model, status: 'every endpoint failed' }),
      );
    if (this.waiters.length >= this.o.queueLimit) {
      const busy = new JugwonError('JG_MODEL_BUSY', { model: this.o.model });
      busy.retryAfter = 1;
      return Promise.reject(busy);
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        exclude,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.waiters.indexOf(w);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', w.onAbort, { once: true });
      this.waiters.push(w);
    });
  }

  /** Gives the slot back; `failed` counts against the node (outlier ejection). */
  release(e: Endpoint, outcome: { failed: boolean; error?: string }): void {
    e.outstanding = Math.max(0, e.outstanding - 1);
    e.requests++;
    if (outcome.failed) this.failed(e, outcome.error ?? 'failed');
    else {
      e.failing = 0;
      e.ejections = 0;
      e.ejectedUntil = 0;
    }
    this.wake();
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

  /** Hands freed slots to waiting requests, oldest first. */
  private wake(): void {
    for (let i = 0; i < this.waiters.length; ) {
      const w = this.waiters[i] as Waiter;
      const e = this.pick(w.exclude);
      if (!e) {
        i++;
        continue;
      }
      this.waiters.splice(i, 1);
      w.signal.removeEventListener('abort', w.onAbort);
      e.outstanding++;
      w.resolve(e);
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
    return this.waiters.length;
  }
}
