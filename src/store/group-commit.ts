import type BetterSqlite3 from 'better-sqlite3';

interface Pending {
  write: () => void;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Commits the writes of concurrent requests together. Each caller's writes run in a savepoint of
 * their own inside one transaction, committed — one fsync with `store.durability: full` — on the
 * next turn of the event loop; a caller's promise settles only after that commit, so a request
 * still answers only once its audit record is durable. Under load many requests share one fsync
 * (the cost that made full durability saturate the gateway at 1,000 requests per second); a lone
 * request waits one turn of the loop. A write that throws is rolled back alone and its caller gets
 * the error; the others commit — unless SQLite rolled back the whole transaction (a full disk):
 * then every caller of the batch gets that error and nothing of it is written.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  /** `afterCommit` runs once the batch's transaction has committed or rolled back. */
  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly afterCommit: (rolledBack: boolean) => void = () => {},
  ) {}

  commit(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once no other transaction is open on the connection (see flush). */
  async whenFree(): Promise<void> {
    while (this.sqlite.inTransaction) await new Promise((r) => setTimeout(r, 1));
  }

  /** Commits everything queued so far: now, or once another open transaction has ended. */
  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    // Another transaction is open on the connection (one that awaits something between its
    // statements): written now, the batch would be a savepoint inside it — reported durable
    // before that transaction commits, and gone if it rolls back. The batch waits for it to end.
    if (this.sqlite.inTransaction) {
      this.scheduled = true;
      void this.whenFree().then(() => this.flush());
      return;
    }
    const batch = this.queue.splice(0);
    const failed = new Map<Pending, unknown>();
    let aborted: unknown;
    try {
      this.sqlite
        .transaction(() => {
          for (const p of batch) {
            try {
              this.sqlite.transaction(p.write)(); // nested: a savepoint
            } catch (e) {
              // Some errors (a full disk, an I/O error) make SQLite roll back the whole
              // transaction: nothing of the batch stands, and the writes after it would each
              // commit on their own while their callers heard the batch failed.
              if (!this.sqlite.inTransaction) {
                aborted = e;
                return;
              }
              failed.set(p, e);
            }
          }
        })
        .immediate();
    } catch (e) {
      this.afterCommit(true);
      for (const p of batch) p.reject(aborted ?? e);
      return;
    }
    this.afterCommit(false);
    for (const p of batch) {
      if (failed.has(p)) p.reject(failed.get(p));
      else p.resolve();
    }
  }
}
