import type { Ledger } from '../audit/ledger.js';

/** Distinct addresses remembered per record; beyond, only the count grows. */
const MAX_ADDRESSES = 1_000;

/**
 * Requests refused for want of a valid key or session. Each used to commit its own audit record,
 * so anyone could grow the trail and spend an fsync per request; now they are counted per route
 * and error code and written as one record per minute, with the minute's checkpoint (`count`, and
 * in `target` how many addresses they came from), and at shutdown. The record appears in the trail like any other.
 */
export class UnauthenticatedLog {
  private pending = new Map<string, { route: string; code: string; count: number; addresses: Set<string> }>();

  constructor(private readonly ledger: Ledger) {}

  add(route: string, code: string, ip: string): void {
    const key = `${route}\u0000${code}`;
    let p = this.pending.get(key);
    if (!p) {
      p = { route, code, count: 0, addresses: new Set() };
      this.pending.set(key, p);
    }
    p.count++;
    if (p.addresses.size < MAX_ADDRESSES) p.addresses.add(ip);
  }

  /** Writes what was counted since the last flush. */
  async flush(): Promise<void> {
    const all = [...this.pending.values()];
    this.pending = new Map();
    for (const p of all)
      await this.ledger.write({
        audit: {
          time: new Date().toISOString(),
          kind: 'request',
          tenant: 'unauthenticated',
          keyId: null,
          user: null,
          route: p.route,
          requestId: null,
          decision: 'error',
          status: 401,
          outcome: p.code,
          count: p.count,
          target: `${p.addresses.size >= MAX_ADDRESSES ? `${MAX_ADDRESSES}+` : p.addresses.size} address(es)`,
        },
      });
  }
}
