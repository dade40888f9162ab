/**
 * A fixed set of resources (context sequences) handed out one request at a time, with a bounded
 * wait queue: past `queueLimit` waiters a request is refused at once instead of piling up.
 */
export class SequencePool<T> {
  private readonly free: T[];
  private readonly waiters: { resolve: (t: T) => void; reject: (e: unknown) => void; signal: AbortSignal }[] =
    [];

  constructor(
    items: readonly T[],
    private readonly queueLimit: number,
  ) {
    this.free = [...items];
  }

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(signal: AbortSignal, busy: () => Error): Promise<T> {
    // A request already gone takes nothing (an aborted signal never fires 'abort' again, so as a
    // waiter it would have held its place and later a sequence nobody reads from).
    if (signal.aborted) return Promise.reject(signal.reason);
    const item = this.free.pop();
    if (item !== undefined) return Promise.resolve(item);
    if (this.waiters.length >= this.queueLimit) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          reject(signal.reason);
        }
      };
      const waiter = {
        resolve: (t: T) => {
          signal.removeEventListener('abort', onAbort);
          resolve(t);
        },
        reject,
        signal,
      };
      this.waiters.push(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(item: T): void {
    const next = this.waiters.shift();
    if (next) next.resolve(item);
    else this.free.push(item);
  }
}
