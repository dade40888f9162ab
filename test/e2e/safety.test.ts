import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer } from '../../src/http/server.js';
import type { Detector } from '../../src/privacy/engine.js';
import { startMockUpstream } from '../support/mock-upstream.js';

describe('gateway safety', () => {
  afterEach(() => vi.restoreAllMocks());

  it('fails closed: when the personal-data check throws, nothing is forwarded', async () => {
    const upstream = await startMockUpstream();
    const broken: Detector = {
      threshold: 0.5,
      types: [],
      detect() {
        throw new Error('recogniser crashed');
      },
    };
    const server = await createServer(
      resolveConfig({
        dataDir: tempDir(),
        models: [{ id: 'm', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'onprem' }],
      }),
      { logger: false, detector: broken },
    );
    try {
      for (const stream of [false, true]) {
        const res = await server.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          payload: { model: 'm', stream, messages: [{ role: 'user', content: '안녕하세요' }] },
        });
        expect(res.statusCode).toBe(500);
        expect(res.json()).toEqual({
          error: { message: expect.any(String), type: 'server_error', code: 'JG_POLICY_ERROR' },
        });
      }
      const emb = await server.app.inject({
        method: 'POST',
        url: '/v1/embeddings',
        payload: { model: 'm', input: '안녕' },
      });
      expect(emb.json().error.code).toBe('JG_POLICY_ERROR');
      expect(upstream.received).toEqual([]);
    } finally {
      await server.close();
      await upstream.close();
    }
  });

  it('opens no outbound connection with the default configuration (egress guard)', async () => {
    const connects: unknown[][] = [];
    const original = net.Socket.prototype.connect;
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (
      this: net.Socket,
      ...args: unknown[]
    ) {
      connects.push(args);
      return (original as (...a: unknown[]) => net.Socket).apply(this, args);
    });
    // The built-in defaults: one embedded model, whose file is missing here.
    const server = await createServer(
      resolveConfig({
        dataDir: tempDir(),
        models: [
          { id: 'local', provider: 'llamacpp', path: '/nonexistent/default.gguf', residency: 'onprem' },
        ],
      }),
      { logger: false },
    );
    try {
      await server.app.ready();
      const calls = [
        await server.app.inject({ method: 'GET', url: '/healthz' }),
        await server.app.inject({ method: 'GET', url: '/v1/models' }),
        await server.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          payload: { model: 'local', messages: [{ role: 'user', content: '900101-1234568' }] },
        }),
        await server.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          payload: { model: 'local', stream: true, messages: [{ role: 'user', content: '안녕' }] },
        }),
        await server.app.inject({
          method: 'POST',
          url: '/v1/embeddings',
          payload: { model: 'local', input: '안녕' },
        }),
      ];
      expect(calls.map((c) => c.statusCode)).toEqual([200, 200, 503, 503, 503]);
      expect(calls[2]?.json().error.code).toBe('JG_MODEL_UNAVAILABLE');
      // The server's own file path is the operator's to read (log, CLI, /api/health), not a client's:
      // in no answer, whole or streamed.
      for (const c of calls.slice(2)) expect(c.body).not.toContain('/nonexistent');
      expect(calls[2]?.json().error.message).toContain('"local" is unavailable');
      expect(connects).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('only ever connects to the configured upstream', async () => {
    const upstream = await startMockUpstream();
    const port = Number(new URL(upstream.url).port);
    const targets: unknown[] = [];
    const original = net.Socket.prototype.connect;
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (
      this: net.Socket,
      ...args: unknown[]
    ) {
      // net.connect passes its normalised arguments as one array: [options, callback].
      const raw = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
      const first = raw as { port?: number; host?: string } | number;
      targets.push(typeof first === 'object' ? `${first.host}:${first.port}` : String(first));
      return (original as (...a: unknown[]) => net.Socket).apply(this, args);
    });
    const server = await createServer(
      resolveConfig({
        dataDir: tempDir(),
        models: [{ id: 'm', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'onprem' }],
      }),
      { logger: false },
    );
    try {
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { model: 'm', messages: [{ role: 'user', content: '안녕' }] },
      });
      expect(res.statusCode).toBe(200);
      expect(new Set(targets)).toEqual(new Set([`127.0.0.1:${port}`]));
    } finally {
      await server.close();
      await upstream.close();
    }
  });
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'jugwon-data-'));
}
