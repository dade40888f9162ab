import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFor } from '../../src/app/chat.js';
import { AI_NOTICE } from '../../src/app/stages/label.js';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { run } from '../support/cli.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';
import { sqliteOf } from '../support/stores.js';

/**
 * 인공지능 기본법 제31조 (AI Basic Act, art. 31, in force 2026-01-22): generated output labelled
 * as the tenant chose — on (header and field), visible (also a notice in the text), off (the
 * internal-use exemption) — on whole and streamed answers, and recorded in the audit trail.
 */
let upstream: MockUpstream;
let server: JugwonServer;
const keys: Record<string, string> = {};

beforeAll(async () => {
  upstream = await startMockUpstream({ reply: () => '상환일은 매월 25일입니다.' });
  server = await createServer(
    resolveConfig({
      dataDir: mkdtempSync(join(tmpdir(), 'jugwon-label-')),
      models: [{ id: 'kr', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'domestic' }],
      tenants: [
        { name: 'bank' }, // the default: on
        { name: 'clinic', aiLabel: 'visible' },
        { name: 'backoffice', aiLabel: 'off' },
      ],
    }),
    { logger: false },
  );
  for (const t of ['bank', 'clinic', 'backoffice']) keys[t] = (await createApiKey(server.store.db, t)).key;
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});

const ask = (tenant: string, stream = false) =>
  server.app.inject({
    method: 'POST',
    url: '/v1/chat/completions',
    headers: { authorization: `Bearer ${keys[tenant]}` },
    payload: { model: 'kr', stream, messages: [{ role: 'user', content: '상환일이 언제인가요?' }] },
  });
const streamed = (body: string) =>
  body
    .split('\n\n')
    .filter((e) => e.startsWith('data: {'))
    .map(
      (e) =>
        JSON.parse(e.slice(6)) as { ai_generated?: boolean; choices: { delta?: { content?: string } }[] },
    );
const labels = () =>
  (sqliteOf(server.store).prepare('SELECT record FROM audit_log').all() as { record: string }[])
    .map((r) => JSON.parse(r.record) as { tenant: string; label?: string; route: string })
    .filter((r) => r.route === 'POST /v1/chat/completions');

describe('AI Basic Act labels on generated answers', () => {
  it('marks every answer by default: a header and a field, whole and streamed', async () => {
    const whole = await ask('bank');
    expect(whole.headers['x-jugwon-ai-generated']).toBe('true');
    expect(whole.json()).toMatchObject({
      ai_generated: true,
      choices: [{ message: { content: '상환일은 매월 25일입니다.' } }],
    });
    const stream = await ask('bank', true);
    expect(stream.headers['x-jugwon-ai-generated']).toBe('true');
    const chunks = streamed(stream.body);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.ai_generated === true)).toBe(true);
  });

  it('adds a visible notice to the text when the tenant asks for it, never sent to the model', async () => {
    const whole = await ask('clinic');
    expect(whole.json().choices[0].message.content).toBe(`상환일은 매월 25일입니다.\n\n${AI_NOTICE}`);
    const text = streamed((await ask('clinic', true)).body)
      .map((c) => c.choices[0]?.delta?.content ?? '')
      .join('');
    expect(text).toBe(`상환일은 매월 25일입니다.\n\n${AI_NOTICE}`);
    expect(upstream.received.join('')).not.toContain('AI가 생성');
  });

  it('leaves the notice out of batch work (an evaluation is graded on the text), still labelled', async () => {
    const principal = await server.platform.auth.authenticate(`Bearer ${keys.clinic}`, '10.0.0.1');
    const completion = await completeFor(
      server.platform,
      principal,
      'eval',
      { model: 'kr', messages: [{ role: 'user', content: '상환일이 언제인가요?' }] },
      new AbortController().signal,
      'label-batch',
      'batch',
    );
    expect(completion.choices[0]?.message.content).toBe('상환일은 매월 25일입니다.');
    const records = (
      sqliteOf(server.store).prepare('SELECT record FROM audit_log').all() as { record: string }[]
    )
      .map((r) => JSON.parse(r.record) as { label?: string; route: string })
      .filter((r) => r.route === 'eval');
    expect(records.map((r) => r.label)).toEqual(['ai-generated']);
  });

  it('applies the internal-use exemption only where chosen, and records every label applied', async () => {
    const whole = await ask('backoffice');
    expect(whole.headers['x-jugwon-ai-generated']).toBeUndefined();
    expect(whole.json()).not.toHaveProperty('ai_generated');
    const byTenant = Object.fromEntries(labels().map((r) => [r.tenant, r.label]));
    expect(byTenant).toEqual({ bank: 'ai-generated', clinic: 'ai-generated', backoffice: 'exempt' });
  });

  it('is set per tenant on the command line, and a wrong value is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-label-cli-'));
    writeFileSync(join(dir, 'jugwon.yaml'), 'dataDir: ./data\n');
    const cfg = ['--config', join(dir, 'jugwon.yaml')];
    expect((await run(['tenants', 'create', 'bank', '--ai-label', 'visible', ...cfg], dir)).code).toBe(0);
    expect(JSON.parse((await run(['tenants', 'list', '--json', ...cfg], dir)).stdout)[0]).toMatchObject({
      ai_label: 'visible',
    });
    expect((await run(['tenants', 'set', 'bank', '--ai-label', 'off', ...cfg], dir)).code).toBe(0);
    expect(JSON.parse((await run(['tenants', 'list', '--json', ...cfg], dir)).stdout)[0]).toMatchObject({
      ai_label: 'off',
    });
    const bad = await run(['tenants', 'set', 'bank', '--ai-label', 'maybe', ...cfg], dir);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringContaining('--ai-label must be on, visible, off'),
    ]);
  });
});
