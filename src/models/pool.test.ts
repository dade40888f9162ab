import { describe, expect, it } from 'vitest';
import { type Endpoint, EndpointPool } from './pool.js';
import { LocalSlots, type Slot, type Ticket } from './slots.js';

const nodes = (n: number, o: { weight?: number[]; max?: number } = {}) =>
  Array.from({ length: n }, (_, i) => ({
    baseUrl: `http://10.0.0.${i + 1}:8000/v1`,
    weight: o.weight?.[i] ?? 1,
    maxConcurrency: o.max,
  }));
const signal = () => new AbortController().signal;
type Held = { endpoint: Endpoint; slot: Slot };

describe('endpoint pool', () => {
  it('sends each request to the node with the fewest outstanding requests for its weight', async () => {
    const pool = new EndpointPool(nodes(3, { weight: [1, 1, 2] }), { model: 'm', queueLimit: 10 });
    const held: Held[] = [];
    for (let i = 0; i < 8; i++) held.push(await pool.acquire(signal()));
    const counts = Object.fromEntries(pool.snapshot().map((s) => [s.endpoint, s.outstanding]));
    // 8 in flight over weights 1:1:2 → 2, 2, 4.
    expect(counts).toEqual({ '10.0.0.1:8000': 2, '10.0.0.2:8000': 2, '10.0.0.3:8000': 4 });
    // A node that answers sooner gets the next request.
    for (const h of held.filter((x) => x.endpoint.label === '10.0.0.1:8000'))
      pool.release(h.endpoint, h.slot, { failed: false });
    expect((await pool.acquire(signal())).endpoint.label).toBe('10.0.0.1:8000');
  });

  it('follows the weights when idle too (ties go to the node with the fewest requests for its weight)', async () => {
    const pool = new EndpointPool(nodes(3, { weight: [1, 1, 2] }), { model: 'm', queueLimit: 10 });
    const seen: Record<string, number> = {};
    for (let i = 0; i < 40; i++) {
      const h = await pool.acquire(signal());
      seen[h.endpoint.label] = (seen[h.endpoint.label] ?? 0) + 1;
      pool.release(h.endpoint, h.slot, { failed: false });
    }
    expect(seen).toEqual({ '10.0.0.1:8000': 10, '10.0.0.2:8000': 10, '10.0.0.3:8000': 20 });
  });

  it('queues requests beyond every node’s concurrency and refuses past the queue limit', async () => {
    const pool = new EndpointPool(nodes(2, { max: 1 }), { model: 'm', queueLimit: 2 });
    const a = await pool.acquire(signal());
    const b = await pool.acquire(signal());
    const w1 = pool.acquire(signal());
    const w2 = pool.acquire(signal());
    await expect(pool.acquire(signal())).rejects.toMatchObject({ code: 'JG_MODEL_BUSY', retryAfter: 1 });
    expect(pool.waiting).toBe(2);
    pool.release(b.endpoint, b.slot, { failed: false });
    expect((await w1).endpoint).toBe(b.endpoint);
    pool.release(a.endpoint, a.slot, { failed: false });
    expect((await w2).endpoint).toBe(a.endpoint);
  });

  it('gives a request whose client already left no slot and no place in the queue', async () => {
    const pool = new EndpointPool(nodes(1, { max: 1 }), { model: 'm', queueLimit: 1 });
    const gone = new AbortController();
    gone.abort(new Error('client left'));
    await expect(pool.acquire(gone.signal)).rejects.toThrow('client left'); // a slot was free
    const held = await pool.acquire(signal());
    await expect(pool.acquire(gone.signal)).rejects.toThrow('client left'); // the queue had a place
    expect(pool.waiting).toBe(0);
    const next = pool.acquire(signal());
    pool.release(held.endpoint, held.slot, { failed: false });
    expect((await next).endpoint).toBe(held.endpoint);
    expect(pool.snapshot()[0]?.outstanding).toBe(1);
  });

  it('lets a waiting request go when its client leaves', async () => {
    const pool = new EndpointPool(nodes(1, { max: 1 }), { model: 'm', queueLimit: 5 });
    await pool.acquire(signal());
    const ac = new AbortController();
    const waiting = pool.acquire(ac.signal);
    ac.abort(new Error('client left'));
    await expect(waiting).rejects.toThrow('client left');
    expect(pool.waiting).toBe(0);
  });

  it('ejects a node after consecutive failures, for longer each time, and re-admits it', async () => {
    let now = 1_000_000;
    const pool = new EndpointPool(nodes(2), {
      model: 'm',
      queueLimit: 5,
      ejectAfter: 3,
      baseEjectMs: 1_000,
      now: () => now,
    });
    const bad = pool.endpoints[0] as Endpoint;
    const failOn = async (times: number, ok = false) => {
      for (let i = 0; i < times; i++) {
        const h = await pool.acquire(signal(), new Set(pool.endpoints.filter((e) => e !== bad)));
        pool.release(h.endpoint, h.slot, { failed: !ok, error: 'ECONNREFUSED' });
      }
    };
    await failOn(3);
    expect(pool.snapshot()[0]).toMatchObject({ state: 'ejected', failures: 3, lastError: 'ECONNREFUSED' });
    for (let i = 0; i < 5; i++) {
      const h = await pool.acquire(signal());
      expect(h.endpoint).not.toBe(bad);
      pool.release(h.endpoint, h.slot, { failed: false });
    }
    now += 1_001; // the ejection has ended: the node is tried again
    expect(pool.snapshot()[0]?.state).toBe('up');
    await failOn(3);
    expect(bad.ejectedUntil - now).toBe(2_000); // the second ejection in a row lasts twice as long
    now += 2_001;
    await failOn(1, true); // a success clears its record
    expect([bad.ejections, bad.failing, pool.snapshot()[0]?.state]).toEqual([0, 0, 'up']);
  });

  it('waits for a healthy node rather than use a failing one; tries ejected nodes when nothing else is left', async () => {
    const pool = new EndpointPool(nodes(2, { max: 1 }), { model: 'm', queueLimit: 5 });
    const [first, second] = pool.endpoints as [Endpoint, Endpoint];
    pool.checked(first, false, 'unreachable (ECONNREFUSED)');
    const h = await pool.acquire(signal());
    expect(h.endpoint).toBe(second);
    let waited: Held | undefined;
    const next = pool.acquire(signal()).then((x) => {
      waited = x;
      return x;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(waited).toBeUndefined(); // the down node is free, but the request waits for the healthy one
    pool.release(h.endpoint, h.slot, { failed: false });
    expect((await next).endpoint).toBe(second);
    // Only the down node is left untried for this request: it is tried rather than refusing.
    expect((await pool.acquire(signal(), new Set([second]))).endpoint).toBe(first);
    await expect(pool.acquire(signal(), new Set([first, second]))).rejects.toMatchObject({
      code: 'JG_UPSTREAM_ERROR',
    });
    pool.checked(first, true);
    expect(pool.snapshot().map((s) => s.state)).toEqual(['up', 'up']);
  });
});

describe('fair shares of a saturated pool', () => {
  const t = (tenant: string, share: number, priority: Ticket['priority'] = 'interactive'): Ticket => ({
    tenant,
    share,
    priority,
  });
  const none = new Set<string>();

  /** Two tenants keep `backlog` requests each waiting on one slot; returns who was served, in order. */
  async function flood(tickets: Ticket[], served: number): Promise<string[]> {
    const slots = new LocalSlots([{ label: 'n', weight: 1, max: 1 }], { model: 'm', queueLimit: 10_000 });
    const order: string[] = [];
    const first = await slots.acquire({ ticket: t('x', 1), signal: signal(), hard: none, soft: none });
    const pending = new Map<Ticket, Promise<Slot>>();
    const enqueue = (k: Ticket) =>
      pending.set(k, slots.acquire({ ticket: k, signal: signal(), hard: none, soft: none }));
    for (const k of tickets) for (let i = 0; i < 4; i++) enqueue({ ...k });
    first.release();
    for (let i = 0; i < served; i++) {
      const [k, p] = await Promise.race([...pending].map(([k, p]) => p.then(() => [k, p] as const)));
      pending.delete(k);
      order.push(k.tenant);
      enqueue({ ...k }); // the tenant stays backlogged
      (await p).release();
    }
    return order;
  }

  it('serves backlogged tenants in proportion to their shares (3:1)', async () => {
    const order = await flood([t('a', 3), t('b', 1)], 400);
    const a = order.filter((x) => x === 'a').length;
    expect(a / (order.length - a)).toBeGreaterThan(2.8);
    expect(a / (order.length - a)).toBeLessThan(3.2);
  });

  it('gives an idle tenant’s share to the others, and banks no credit while idle', async () => {
    expect(new Set(await flood([t('a', 1)], 50))).toEqual(new Set(['a'])); // alone: everything
    const order = await flood([t('a', 1), t('b', 1)], 100);
    expect(order.filter((x) => x === 'a').length).toBe(50);
  });

  it('serves interactive requests before batch work', async () => {
    const order = await flood([t('eval', 10, 'batch'), t('chat', 1)], 40);
    expect(order.filter((x) => x === 'eval')).toEqual([]);
  });
});
