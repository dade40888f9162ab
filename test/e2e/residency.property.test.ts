import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';

/**
 * The residency guarantee end to end over HTTP: recording upstreams check every byte they receive
 * from the real server and providers, for random requests, streaming or not, with upstreams that
 * fail at random (failover then tries other allowed models).
 */
const UNIQUE = ['900101-1234568', '9001015234561', 'M12345678', '11-12-345678-90'];
const PERSONAL = ['010-9876-5432', 'minjun@example.co.kr', '김민준 고객님'];
const FILLER = ['안녕하세요.', '요약해 주세요.', ' ', '\n'];
const bytesOf = (v: string) => [v, v.replace(/[-\s]/g, ''), v.replace(' 고객님', '')];

describe('no unique identifier reaches a foreign upstream over HTTP (pipa-strict)', () => {
  let onprem: MockUpstream;
  let foreignA: MockUpstream;
  let foreignB: MockUpstream;
  let server: JugwonServer;
  beforeAll(async () => {
    onprem = await startMockUpstream();
    foreignA = await startMockUpstream();
    foreignB = await startMockUpstream({ chunkSize: 1 });
    const config = resolveConfig({
      dataDir: tempDir(),
      policy: { preset: 'pipa-strict', reroute: true },
      models: [
        {
          id: 'abroad-a',
          provider: 'openai-compatible',
          baseUrl: foreignA.url,
          residency: 'foreign',
          retries: 0,
          fallbacks: ['abroad-b'],
        },
        {
          id: 'abroad-b',
          provider: 'openai-compatible',
          baseUrl: foreignB.url,
          residency: 'foreign',
          retries: 0,
        },
        {
          id: 'home',
          provider: 'openai-compatible',
          baseUrl: onprem.url,
          residency: 'onprem',
          retries: 0,
          fallbacks: ['abroad-a'],
        },
      ],
    });
    server = await createServer(config, { logger: false });
  });
  afterAll(async () => {
    await server.close();
    await Promise.all([onprem.close(), foreignA.close(), foreignB.close()]);
  });

  it('holds for random requests and upstream failures', async () => {
    const segment = fc.oneof(
      fc.constantFrom(...UNIQUE),
      fc.constantFrom(...PERSONAL),
      fc.constantFrom(...FILLER),
    );
    const text = fc.array(segment, { minLength: 1, maxLength: 5 }).map((p) => p.join(' '));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ role: fc.constantFrom('system', 'user', 'assistant'), content: text }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.constantFrom('abroad-a', 'abroad-b', 'home'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async (messages, model, stream, homeFails, abroadFails) => {
          onprem.options.dropConnections = homeFails;
          foreignA.options.dropConnections = abroadFails;
          const res = await server.app.inject({
            method: 'POST',
            url: '/v1/chat/completions',
            payload: { model, stream, messages },
          });
          expect([200, 403, 502]).toContain(res.statusCode);
          for (const received of [...foreignA.received, ...foreignB.received]) {
            for (const secret of [...UNIQUE, ...PERSONAL].flatMap(bytesOf))
              expect(received).not.toContain(secret);
          }
        },
      ),
      { numRuns: 60 },
    );
    expect(foreignA.received.length + foreignB.received.length).toBeGreaterThan(0); // the check did look at traffic
  }, 60_000);
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'jugwon-data-'));
}
