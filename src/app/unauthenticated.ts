import type { Ledger } from '../audit/ledger.js';

/** Distinct addresses remembered per record; beyond, only the count grows. */
const MAX_ADDRESSES = 1_000;

/**
 * Requests answered without a key or session: refused ones (no or a wrong key, a malformed header,
 * a failed or throttled sign-in) and the few open routes (`/api/sso`). Each used to commit its own
 * audit record, so anyone could grow the trail and spend an fsync per request; now they are counted
 * per route, status and code and written as one record per minute, with the minute's checkpoint
 * (`count`, and in `target` how many addresses they came from), and at shutdown. The record appears
 * in the trail like any other. A sign-in that succeeds names its user and is recorded at once.
 */
export class UnauthenticatedLog {
  private pending = new Map<
    string,
    { route: string; status: number; code: string; count: number; addresses: Set<string> }
  >();

  constructor(private readonly ledger: Ledger) {}

  add(route: string, status: number, code: string, ip: string): void {
    const key = `${route}\u0000${status}\u0000${code}`;
    let p = this.pending.get(key);
    if (!p) {
      p = { route, status, code, count: 0, addresses: new Set() };
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
          decision: p.status >= 400 ? 'error' : 'allow',
          status: p.status,
          outcome: p.code,
          count: p.count,
          target: `${p.addresses.size >= MAX_ADDRESSES ? `${MAX_ADDRESSES}+` : p.addresses.size} address(es)`,
        },
      });
  }
}
