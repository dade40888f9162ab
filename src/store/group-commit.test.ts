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
});
