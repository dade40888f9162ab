import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer } from '../../src/http/server.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { startMockUpstream } from '../support/mock-upstream.js';

describe('when Redis, where replicas count limits, cannot be reached', () => {
  it('refuses requests under a limit with 503 rather than admitting them unchecked', async () => {
    const upstream = await startMockUpstream();
    // Nothing listens on port 1: every Redis command fails.
    const server = await createServer(
      resolveConfig({
        dataDir: mkdtempSync(join(tmpdir(), 'jugwon-noredis-')),
        redis: { url: 'redis://127.0.0.1:1/0' },
        models: [{ id: 'kr', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'domestic' }],
      }),
      { logger: false },
    );
    try {
      await createTenant(server.store.db, 'bank', { rpm: 100, tokensPerDay: 100_000 });
      const { key } = await createApiKey(server.store.db, 'bank');
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { authorization: `Bearer ${key}` },
        payload: { model: 'kr', messages: [{ role: 'user', content: '안녕하세요' }] },
      });
      expect([res.statusCode, res.json().error.code]).toEqual([503, 'JG_COORDINATION_UNAVAILABLE']);
      expect(upstream.received).toEqual([]); // the model was never called
    } finally {
      await server.close();
      await upstream.close();
    }
  }, 30_000);
});
