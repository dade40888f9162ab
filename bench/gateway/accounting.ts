import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlatform } from '../../src/app/platform.js';
import { resolveConfig } from '../../src/core/config.js';
import type { Durability } from '../../src/store/open.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';

/**
 * The work auth, quota and audit add to one request, measured in process on a real store (SQLite
 * with WAL and the given durability, or Postgres when `url` is given): authenticate a key, check
 * the rate, reserve and settle a token budget, and commit the usage row and the audit record.
 */
export async function measureAccounting(
  iterations = 5000,
  durability: Durability = 'full',
  url?: string,
): Promise<{ median: number; p99: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-acct-bench-'));
  const platform = await openPlatform(
    resolveConfig({ dataDir, store: { durability, ...(url ? { url } : {}) } }),
  );
  const db = platform.store.db;
  const tenant = `bench${Date.now()}`;
  await createTenant(db, tenant, { rpm: 1_000_000, tokensPerDay: 1e12, monthlyTokens: 1e12 });
  const { key } = await createApiKey(db, tenant, { rpm: 1_000_000, tokensPerDay: 1e12 });
  const times: number[] = [];
  for (let i = 0; i < iterations + 500; i++) {
    const t0 = performance.now();
    const p = await platform.auth.authenticate(`Bearer ${key}`, '127.0.0.1');
    await platform.quotas.admit(p);
    const r = await platform.quotas.reserve(p, 1200);
    // As the server does at the end of a request: settle, meter and audit in one transaction.
    await platform.quotas.settle(r, 150);
    const time = new Date().toISOString();
    await platform.ledger.write({
      counters: r.scopes.map((scope) => ({ scope, used: 150 })),
      usage: {
        tenantId: p.tenantId,
        model: 'abroad',
        day: time.slice(0, 10),
        error: false,
        promptTokens: 100,
        completionTokens: 50,
        latencyMs: 1.2,
      },
      audit: {
        time,
        kind: 'request',
        tenant: p.tenantName,
        keyId: p.keyId,
        route: 'POST /v1/chat/completions',
        requestId: `r${i}`,
        model: 'abroad',
        residency: 'foreign',
        decision: 'mask',
        rule: 'pipa-strict',
        pii: { personal: 3 },
        promptTokens: 100,
        completionTokens: 50,
        latencyMs: 1.2,
        status: 200,
        outcome: 'ok',
      },
    });
    if (i >= 500) times.push(performance.now() - t0); // the first 500 warm up
  }
  await platform.close();
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] as number,
    p99: times[Math.floor(times.length * 0.99)] as number,
  };
}
