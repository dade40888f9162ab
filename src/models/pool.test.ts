import { describe, expect, it } from 'vitest';
import { type Endpoint, EndpointPool } from './pool.js';

const nodes = (n: number, o: { weight?: number[]; max?: number } = {}) =>
  Array.from({ length: n }, (_, i) => ({
    baseUrl: `http://10.0.0.${i + 1}:8000/v1`,
    weight: o.weight?.[i] ?? 1,
    maxConcurrency: o.max,
  }));
const signal = () => new AbortController().signal;
const label = (e: Endpoint) => e.label;

describe('endpoint pool', () => {
  it('sends each request to the node with the fewest outstanding requests for its weight', async () => {
    const pool = new EndpointPool(nodes(3, { weight: [1, 1, 2] }), { model: 'm', queueLimit: 10 });
    const held: Endpoint[] = [];
    for (let i = 0; i < 8; i++) held.push(await pool.acquire(signal()));
    const counts = Object.fromEntries(pool.snapshot().map((s) => [s.endpoint, s.outstanding]));
    // 8 in flight over weights 1:1:2 → 2, 2, 4.
    expect(counts).toEqual({ '10.0.0.1:8000': 2, '10.0.0.2:8000': 2, '10.0.0.3:8000': 4 });
    // A node that answers sooner gets the next request.
    pool.release(held.find((e) => e.label === '10.0.0.1:8000') as Endpoint, { failed: false });
    pool.release(held.find((e) => e.label === '10.0.0.1:8000' && e.outstanding > 0) as Endpoint, {
      failed: false,
    });
    expect(label(await pool.acquire(signal()))).toBe('10.0.0.1:8000');
  });

  it('spreads an idle pool round-robin instead of piling on the first node', async () => {
    const pool = new EndpointPool(nodes(3), { model: 'm', queueLimit: 10 });
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const e = await pool.acquire(signal());
      seen.push(e.label);
      pool.release(e, { failed: false });
    }
    expect(new Set(seen).size).toBe(3);
  });

  it('queues requests beyond every node’s concurrency, hands freed slots in order, and refuses past the queue limit', async () => {
    const pool = new EndpointPool(nodes(2, { max: 1 }), { model: 'm', queueLimit: 2 });
    const a = await pool.acquire(signal());
    const b = await pool.acquire(signal());
    const order: number[] = [];
    const waitFor = (n: number) =>
      pool.acquire(signal()).then((e) => {
        order.push(n);
        return e;
      });
    const w1 = waitFor(1);
    const w2 = waitFor(2);
    await expect(pool.acquire(signal())).rejects.toMatchObject({ code: 'JG_MODEL_BUSY', retryAfter: 1 });
    expect(pool.waiting).toBe(2);
    pool.release(b, { failed: false });
    expect(label(await w1)).toBe(b.label);
    pool.release(a, { failed: false });
    expect(label(await w2)).toBe(a.label);
    expect(order).toEqual([1, 2]);
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
    for (let i = 0; i < 3; i++) {
      bad.outstanding++;
      pool.release(bad, { failed: true, error: 'ECONNREFUSED' });
    }
    expect(pool.snapshot()[0]).toMatchObject({ state: 'ejected', failures: 3, lastError: 'ECONNREFUSED' });
    for (let i = 0; i < 5; i++) {
      const e = await pool.acquire(signal());
      expect(e).not.toBe(bad);
      pool.release(e, { failed: false });
    }
    now += 1_001; // the ejection has ended: the node is tried again
    expect(pool.snapshot()[0]?.state).toBe('up');
    for (let i = 0; i < 3; i++) {
      bad.outstanding++;
      pool.release(bad, { failed: true });
    }
    expect(bad.ejectedUntil - now).toBe(2_000); // the second ejection in a row lasts twice as long
    now += 2_001;
    bad.outstanding++;
    pool.release(bad, { failed: false }); // a success clears its record
    expect([bad.ejections, bad.failing, pool.snapshot()[0]?.state]).toEqual([0, 0, 'up']);
  });

  it('skips a node a health check finds down until a check passes; tries ejected nodes when nothing else is left', async () => {
    const pool = new EndpointPool(nodes(2), { model: 'm', queueLimit: 5 });
    const [first, second] = pool.endpoints as [Endpoint, Endpoint];
    pool.checked(first, false, 'unreachable (ECONNREFUSED)');
    for (let i = 0; i < 4; i++) {
      const e = await pool.acquire(signal());
      expect(e).toBe(second);
      pool.release(e, { failed: false });
    }
    // Only the down node is left untried for this request: it is tried rather than refusing.
    expect(await pool.acquire(signal(), new Set([second]))).toBe(first);
    await expect(pool.acquire(signal(), new Set([first, second]))).rejects.toMatchObject({
      code: 'JG_UPSTREAM_ERROR',
    });
    pool.checked(first, true);
    expect(pool.snapshot().map((s) => s.state)).toEqual(['up', 'up']);
  });
});
