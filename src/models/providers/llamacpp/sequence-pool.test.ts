import { describe, expect, it } from 'vitest';
import { SequencePool } from './sequence-pool.js';

const busy = () => new Error('busy');
const live = () => new AbortController().signal;

describe('the pool of context sequences', () => {
  it('hands out free sequences, queues up to its limit, and refuses past it at once', async () => {
    const pool = new SequencePool(['a'], 2);
    expect(await pool.acquire(live(), busy)).toBe('a');
    const first = pool.acquire(live(), busy);
    const second = pool.acquire(live(), busy);
    expect(pool.waiting).toBe(2);
    await expect(pool.acquire(live(), busy)).rejects.toThrow('busy');
    pool.release('a');
    expect(await first).toBe('a'); // in the order they came
    pool.release('a');
    expect(await second).toBe('a');
    pool.release('a');
    expect([pool.waiting, await pool.acquire(live(), busy)]).toEqual([0, 'a']);
  });

  it('drops a waiter whose request is gone: the next release goes to the next one still waiting', async () => {
    const pool = new SequencePool(['a'], 4);
    await pool.acquire(live(), busy);
    const gone = new AbortController();
    const abandoned = pool.acquire(gone.signal, busy);
    const next = pool.acquire(live(), busy);
    gone.abort(new Error('client closed'));
    await expect(abandoned).rejects.toThrow('client closed');
    expect(pool.waiting).toBe(1);
    pool.release('a');
    expect(await next).toBe('a');
  });

  it('gives nothing to a request already gone, even with a sequence free, and keeps no place for it', async () => {
    const pool = new SequencePool(['a'], 4);
    const gone = new AbortController();
    gone.abort(new Error('client closed'));
    await expect(pool.acquire(gone.signal, busy)).rejects.toThrow('client closed');
    expect(await pool.acquire(live(), busy)).toBe('a'); // still free
    await expect(pool.acquire(gone.signal, busy)).rejects.toThrow('client closed');
    expect(pool.waiting).toBe(0);
    pool.release('a');
    expect(await pool.acquire(live(), busy)).toBe('a');
  });

  it('leaves no listener on a signal once its waiter is served', async () => {
    const pool = new SequencePool(['a'], 4);
    await pool.acquire(live(), busy);
    const c = new AbortController();
    let listeners = 0;
    const add = c.signal.addEventListener.bind(c.signal);
    const remove = c.signal.removeEventListener.bind(c.signal);
    c.signal.addEventListener = ((...a: Parameters<typeof add>) => {
      listeners++;
      add(...a);
    }) as typeof add;
    c.signal.removeEventListener = ((...a: Parameters<typeof remove>) => {
      listeners--;
      remove(...a);
    }) as typeof remove;
    const waiting = pool.acquire(c.signal, busy);
    expect(listeners).toBe(1);
    pool.release('a');
    await waiting;
    expect(listeners).toBe(0);
  });
});
