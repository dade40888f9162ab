import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../src/audit/log.js';
import { loadOrCreateSigner } from '../../src/audit/signing.js';
import { Quotas } from '../../src/quota/quota.js';
import { type Durability, openStore } from '../../src/store/open.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { Authenticator } from '../../src/tenancy/auth.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { UsageMeter } from '../../src/usage/usage.js';

/**
 * The synchronous work auth, quota and audit add to one request, measured in process on a real
 * store (WAL, with the given durability): authenticate a key, check the rate, reserve and settle a token
 * budget, write the usage row and append (and commit) the audit record.
 */
export async function measureAccounting(
  iterations = 5000,
  durability: Durability = 'full',
): Promise<{ median: number; p99: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'jugwon-acct-bench-'));
  const store = await openStore(dir, durability);
  await createTenant(store.db, 'bench', { rpm: 1_000_000, tokensPerDay: 1e12, monthlyTokens: 1e12 });
  const { key } = await createApiKey(store.db, 'bench', { rpm: 1_000_000, tokensPerDay: 1e12 });
  const auth = new Authenticator(store.sqlite);
  const quotas = new Quotas(store.sqlite);
  const usage = new UsageMeter(store.sqlite);
  const audit = new AuditLog(store.sqlite, loadOrCreateSigner(dir));
  const times: number[] = [];
  for (let i = 0; i < iterations + 500; i++) {
    const t0 = performance.now();
    const p = await auth.authenticate(`Bearer ${key}`, '127.0.0.1');
    quotas.admit(p);
    const r = quotas.reserve(p, 1200);
    // As the server does at the end of a request: settle, meter and audit in one transaction.
    store.sqlite
      .transaction(() => {
        quotas.settle(r, 150);
        usage.record({
          tenantId: p.tenantId,
          model: 'abroad',
          error: false,
          promptTokens: 100,
          completionTokens: 50,
          latencyMs: 1.2,
        });
        audit.append({
          time: new Date().toISOString(),
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
        });
      })
      .immediate();
    if (i >= 500) times.push(performance.now() - t0); // the first 500 warm up
  }
  await store.close();
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] as number,
    p99: times[Math.floor(times.length * 0.99)] as number,
  };
}
