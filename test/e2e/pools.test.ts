import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';

describe('a model served by a pool of nodes', () => {
  let nodes: MockUpstream[];
  let server: JugwonServer;
  const host = (u: MockUpstream) => new URL(u.url).host;

  beforeAll(async () => {
    nodes = [];
    for (let i = 0; i < 3; i++) nodes.push(await startMockUpstream({ latencyMs: 30 }));
    const config = resolveConfig({
      dataDir: mkdtempSync(join(tmpdir(), 'jugwon-pool-')),
      models: [
        {
          id: 'pool',
          provider: 'openai-compatible',
          residency: 'onprem',
          // The third node has twice the GPUs: twice the weight and twice the concurrency.
          endpoints: nodes.map((n, i) =>
            i === 2 ? { baseUrl: n.url, weight: 2, maxConcurrency: 16 } : { baseUrl: n.url },
          ),
          maxConcurrency: 8,
          healthCheckMs: 0,
        },
      ],
    });
    server = await createServer(config, { logger: false });
  });
  afterAll(async () => {
    await server.close();
    for (const n of nodes) await n.close();
  });

  const ask = (i: number, stream = false) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      remoteAddress: '127.0.0.1',
      payload: { model: 'pool', stream, messages: [{ role: 'user', content: `질문 ${i}` }] },
    });

  it('spreads requests over the nodes by weight', async () => {
    const before = nodes.map((n) => n.received.length);
    const res = await Promise.all(Array.from({ length: 40 }, (_, i) => ask(i)));
    expect(res.every((r) => r.statusCode === 200)).toBe(true);
    const served = nodes.map((n, i) => n.received.length - (before[i] as number));
    expect(served.reduce((a, b) => a + b, 0)).toBe(40);
    // Weight 2 takes about half; none is idle.
    expect(served[2]).toBeGreaterThan(served[0] as number);
    expect(Math.min(...served)).toBeGreaterThan(0);
  });

  it('loses no client request when a node dies mid-run, and reports it', async () => {
    const victim = nodes[0] as MockUpstream;
    const running = Array.from({ length: 60 }, (_, i) => ask(i, i % 3 === 0));
    await new Promise((r) => setTimeout(r, 10)); // requests are in flight on every node
    await victim.close();
    const later = Array.from({ length: 30 }, (_, i) => ask(100 + i, i % 2 === 0));
    const res = await Promise.all([...running, ...later]);
    expect(res.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    for (const r of res.filter((x) => x.body.startsWith('data:'))) expect(r.body).toContain('[DONE]');

    const operator = { remoteAddress: '127.0.0.1' };
    const health = await server.app.inject({ method: 'GET', url: '/api/health', ...operator });
    const pool = health.json().models.find((m: { id: string }) => m.id === 'pool');
    expect(pool).toMatchObject({ ok: true, detail: '2 of 3 endpoints answer' });
    const dead = pool.endpoints.find((e: { endpoint: string }) => e.endpoint === host(victim));
    expect(dead).toMatchObject({ state: 'ejected', outstanding: 0 });
    expect(dead.failures).toBeGreaterThan(0);

    const metrics = (await server.app.inject({ method: 'GET', url: '/metrics', ...operator })).body;
    expect(metrics).toContain(`jugwon_endpoint_up{model="pool",endpoint="${host(victim)}"} 0`);
    expect(metrics).toContain(
      `jugwon_endpoint_up{model="pool",endpoint="${host(nodes[1] as MockUpstream)}"} 1`,
    );
    expect(metrics).toMatch(
      new RegExp(
        `jugwon_endpoint_requests_total\\{model="pool",endpoint="${host(victim)}",outcome="failed"\\} [1-9]`,
      ),
    );
    expect(metrics).toContain(
      `jugwon_endpoint_outstanding{model="pool",endpoint="${host(nodes[2] as MockUpstream)}"} 0`,
    );
  });

  it('checks idle nodes in the background: a dead node is ejected before any request finds it', async () => {
    const a = await startMockUpstream();
    const b = await startMockUpstream();
    const checked = await createServer(
      resolveConfig({
        dataDir: mkdtempSync(join(tmpdir(), 'jugwon-pool-')),
        models: [
          {
            id: 'checked',
            provider: 'openai-compatible',
            residency: 'onprem',
            endpoints: [{ baseUrl: a.url }, { baseUrl: b.url }],
            healthCheckMs: 50,
          },
        ],
      }),
      { logger: false },
    );
    const up = async () =>
      (await checked.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).body;
    try {
      await b.close();
      await new Promise((r) => setTimeout(r, 300));
      expect(await up()).toContain(`jugwon_endpoint_up{model="checked",endpoint="${host(b)}"} 0`);
      expect(await up()).toContain(
        `jugwon_endpoint_requests_total{model="checked",endpoint="${host(b)}",outcome="failed"} 0`,
      );
    } finally {
      await checked.close();
      await a.close();
    }
  });
});
