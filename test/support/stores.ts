import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../../src/store/open.js';

/** The SQLite connection of a test's embedded store (tests that read rows directly). */
export function sqliteOf(store: Store): BetterSqlite3.Database {
  if (store.dialect !== 'sqlite') throw new Error('this test reads the embedded SQLite store');
  return store.sqlite;
}

/**
 * Postgres and Redis for the tests that run against the shared stores: JUGWON_TEST_POSTGRES_URL
 * (a role that may create databases) and JUGWON_TEST_REDIS_URL. `.ci/run` starts both and sets
 * JUGWON_TEST_SERVICES=required, so there a missing service fails the run; elsewhere those tests
 * are skipped with the reason printed.
 */
export const services = {
  postgres: process.env.JUGWON_TEST_POSTGRES_URL,
  redis: process.env.JUGWON_TEST_REDIS_URL,
};
export const servicesRequired = process.env.JUGWON_TEST_SERVICES === 'required';
export const haveServices = Boolean(services.postgres && services.redis);
if (!haveServices) {
  if (servicesRequired)
    throw new Error(
      'JUGWON_TEST_SERVICES=required but JUGWON_TEST_POSTGRES_URL or JUGWON_TEST_REDIS_URL is unset',
    );
  console.warn(
    'Postgres/Redis tests skipped: set JUGWON_TEST_POSTGRES_URL and JUGWON_TEST_REDIS_URL (.ci/run does) to run them',
  );
}

/** A new, empty database for one test file; `drop` removes it. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: services.postgres });
  await admin.connect();
  const name = `jugwon_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(services.postgres as string);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: services.postgres });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
