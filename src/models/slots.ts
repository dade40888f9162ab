import { JugwonError } from '../core/errors.js';

/**
 * Who a model call is for, so a saturated pool can share its capacity fairly: tenants in
 * proportion to their share, interactive requests before batch work (evaluations, ingest).
 */
export interface Ticket {
  tenant: string;
  share: number;
  priority: 'interactive' | 'batch';
}

export const DEFAULT_TICKET: Ticket = { tenant: '', share: 1, priority: 'interactive' };

/** A pool node as the scheduler sees it. */
export interface SlotNode {
  label: string;
  weight: number;
  /** Requests it takes at once (Infinity: no limit). */
  max: number;
}

export interface SlotRequest {
  ticket: Ticket;
  signal: AbortSignal;
  /** Nodes this request must not use (already tried). */
  hard: ReadonlySet<string>;
  /** Nodes to avoid while another is available (ejected as failing). */
  soft: ReadonlySet<string>;
}

/** A granted slot: the node to call, held until released. */
export interface Slot {
  label: string;
  release(): void;
}

/**
 * Hands out the pool's request slots. Without a free slot a request waits in a queue ordered by
 * start-time fair queuing: each tenant's requests are tagged max(virtual time, the tenant's last
 * tag) and its next tag moves on by 1/share, so backlogged tenants are served in proportion to
 * their shares and an idle tenant's share goes to the others (it accumulates no credit).
 * Interactive requests go before batch ones. Two implementations: in this process, and in Redis
 * for pools shared by replicas (the counts and the queue are then cluster-wide).
 */
export interface SlotScheduler {
  acquire(r: SlotRequest): Promise<Slot>;
  /** Requests waiting (this process's, for a shared scheduler). */
  readonly waiting: number;
  close(): Promise<void>;
}

/** The node a request gets: least outstanding for its weight, ties to the fewest assigned. */
export function pickNode(
  nodes: readonly SlotNode[],
  used: (label: string) => number,
  assigned: (label: string) => number,
  hard: ReadonlySet<string>,
  soft: ReadonlySet<string>,
): string | undefined {
  // Ejected nodes are used only when no other node is left to try (whether busy or not): a
  // request waits for a healthy node rather than going to a failing one.
  const untried = nodes.filter((n) => !hard.has(n.label));
  const healthy = untried.filter((n) => !soft.has(n.label));
  let best: SlotNode | undefined;
  let bestLoad = Number.POSITIVE_INFINITY;
  let bestShare = Number.POSITIVE_INFINITY;
  for (const n of healthy.length > 0 ? healthy : untried) {
    if (used(n.label) >= n.max) continue;
    const load = used(n.label) / n.weight;
    const share = (assigned(n.label) + 1) / n.weight;
    if (load < bestLoad || (load === bestLoad && share < bestShare)) {
      best = n;
      bestLoad = load;
      bestShare = share;
    }
  }
  return best?.label;
}

interface Waiter {
  r: SlotRequest;
  batch: boolean;
  tag: number;
  resolve: (s: Slot) => void;
  reject: (e: unknown) => void;
  onAbort: () => void;
}

/** The scheduler of one process. */
export class LocalSlots implements SlotScheduler {
  private readonly used = new Map<string, number>();
  private readonly assigned = new Map<string, number>();
  private readonly waiters: Waiter[] = [];
  /** Start-time fair queuing: the virtual time, and each tenant's next start tag. */
  private virtual = 0;
  private readonly next = new Map<string, number>();

  constructor(
    private readonly nodes: readonly SlotNode[],
    private readonly o: { model: string; queueLimit: number },
  ) {}

  get waiting(): number {
    return this.waiters.length;
  }

  private pick(r: SlotRequest): string | undefined {
    return pickNode(
      this.nodes,
      (l) => this.used.get(l) ?? 0,
      (l) => this.assigned.get(l) ?? 0,
      r.hard,
      r.soft,
    );
  }

  private grant(label: string): Slot {
    this.used.set(label, (this.used.get(label) ?? 0) + 1);
    this.assigned.set(label, (this.assigned.get(label) ?? 0) + 1);
    let released = false;
    return {
      label,
      release: () => {
        if (released) return;
        released = true;
        this.used.set(label, (this.used.get(label) ?? 1) - 1);
        this.dispatch();
      },
    };
  }

  /** The request's start tag; moves its tenant's next tag on by 1/share. */
  private tag(t: Ticket): number {
    const start = Math.max(this.virtual, this.next.get(t.tenant) ?? 0);
    this.next.set(t.tenant, start + 1 / t.share);
    return start;
  }

  acquire(r: SlotRequest): Promise<Slot> {
    if (this.nodes.every((n) => r.hard.has(n.label)))
      return Promise.reject(
        new JugwonError('JG_UPSTREAM_ERROR', { model: this.o.model, status: 'every endpoint failed' }),
      );
    if (this.waiters.length === 0) {
      const label = this.pick(r);
      if (label) {
        this.virtual = this.tag(r.ticket);
        return Promise.resolve(this.grant(label));
      }
    }
    if (this.waiters.length >= this.o.queueLimit) {
      const busy = new JugwonError('JG_MODEL_BUSY', { model: this.o.model });
      busy.retryAfter = 1;
      return Promise.reject(busy);
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        r,
        batch: r.ticket.priority === 'batch',
        tag: this.tag(r.ticket),
        resolve,
        reject,
        onAbort: () => {
          const i = this.waiters.indexOf(w);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(r.signal.reason);
        },
      };
      r.signal.addEventListener('abort', w.onAbort, { once: true });
      this.waiters.push(w);
      this.dispatch();
    });
  }

  /** Hands free slots to waiting requests, lowest tag first. */
  private dispatch(): void {
    for (;;) {
      let best: { w: Waiter; label: string } | undefined;
      for (const w of this.waiters) {
        if (best && (w.batch > best.w.batch || (w.batch === best.w.batch && w.tag >= best.w.tag))) continue;
        const label = this.pick(w.r);
        if (label) best = { w, label };
      }
      if (!best) return;
      const { w, label } = best;
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.r.signal.removeEventListener('abort', w.onAbort);
      this.virtual = w.tag;
      w.resolve(this.grant(label));
    }
  }

  async close(): Promise<void> {}
}
