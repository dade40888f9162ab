import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('group commit', () => {
  it('commits concurrent writes in one transaction, each settled only after the commit', async () => {
    const db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE t (v INTEGER NOT NULL)');
    const commits: number[] = [];
    const g = new GroupCommit(db);
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;
    const all = Promise.all(
      [1, 2, 3].map((v) =>
        g.commit(() => db.prepare('INSERT INTO t (v) VALUES (?)').run(v)).then(() => commits.push(count())),
      ),
    );
    expect(count()).toBe(0); // nothing is written before the next turn of the event loop
    await all;
    expect(commits).toEqual([3, 3, 3]); // every caller saw all three: one commit
  });

  it('rolls back only the write that failed; the others commit', async () => {
    const db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE t (v INTEGER NOT NULL)');
    const g = new GroupCommit(db);
    const results = await Promise.allSettled([
      g.commit(() => db.prepare('INSERT INTO t (v) VALUES (1)').run()),
      g.commit(() => {
        db.prepare('INSERT INTO t (v) VALUES (2)').run();
        db.prepare('INSERT INTO t (v) VALUES (NULL)').run(); // violates NOT NULL
      }),
      g.commit(() => db.prepare('INSERT INTO t (v) VALUES (3)').run()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 1 }, { v: 3 }]);
  });
  it('on a full disk (SQLite rolls back the whole transaction) fails every write of the batch, and writes none', async () => {
    const db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE t (v TEXT NOT NULL)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`); // as a full disk
    const g = new GroupCommit(db);
    const results = await Promise.allSettled([
      g.commit(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('a')),
      g.commit(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('x'.repeat(100_000))), // SQLITE_FULL
      g.commit(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('b')),
    ]);
    // The third was committed on its own (the rollback had ended the transaction) while all three
    // heard "cannot commit - no transaction is active".
    expect(
      results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : 'ok')),
    ).toEqual(['SQLITE_FULL', 'SQLITE_FULL', 'SQLITE_FULL']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
  });

  it('waits for a transaction left open across a wait (another caller on the connection), so a rollback cannot take the batch', async () => {
    const db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE t (v INTEGER NOT NULL)');
    const g = new GroupCommit(db);
    db.exec('BEGIN'); // as a Kysely transaction awaiting between its statements
    db.prepare('INSERT INTO t (v) VALUES (0)').run();
    let settled = false;
    const written = g
      .commit(() => db.prepare('INSERT INTO t (v) VALUES (1)').run())
      .then(() => {
        settled = true;
      });
    await new Promise((r) => setTimeout(r, 30));
    // It was written as a savepoint of the open transaction and reported durable at once.
    expect(settled).toBe(false);
    db.exec('ROLLBACK');
    await written;
    // …and was gone with the rollback.
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 1 }]);
  });
});
