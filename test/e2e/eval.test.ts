import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { loadSuite } from '../../src/eval/loaders.js';
import { createServer } from '../../src/http/server.js';
import { createProvider } from '../../src/models/registry.js';
import { run } from '../support/cli.js';
import { startMockUpstream } from '../support/mock-upstream.js';
import { writeTinyGguf } from '../support/tiny-gguf.js';

const EXAMPLES = new URL('../../examples/eval/', import.meta.url).pathname;
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');

describe('jugwon eval (contract)', () => {
  it('scores a remote model from its text answers, resumes an interrupted run, and reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-eval-'));
    // The mock answers in a different shape per question: the scores below are worked by hand.
    const answers: Record<string, string> = {
      임기: '정답은 (B)입니다', // right (4년)
      예금자보호법: 'B.', // wrong (1억 원 is C)
      단리: '2번', // right (20만 원)
      부가가치세: '잘 모르겠습니다', // unanswered
    };
    const upstream = await startMockUpstream({
      reply: (prompt) => Object.entries(answers).find(([k]) => prompt.includes(k))?.[1] ?? 'A',
    });
    writeFileSync(
      join(dir, 'jugwon.yaml'),
      `dataDir: ./data\nmodels:\n  - { id: remote, provider: openai-compatible, baseUrl: "${upstream.url}", residency: domestic, retries: 0 }\n`,
    );
    const args = ['eval', 'run', '--suite', join(EXAMPLES, 'kmmlu-sample.csv'), '--model', 'remote'];
    try {
      // The connection drops at the third question: the run fails, keeping the two answers.
      let asked = 0;
      const reply = upstream.options.reply;
      upstream.options.reply = (p) => {
        if (++asked === 2) upstream.options.dropConnections = true;
        return reply?.(p) ?? '';
      };
      const broken = await run([...args, '--config', 'jugwon.yaml', '--json'], dir);
      expect(broken.code).toBe(1);
      expect(upstream.received.length).toBe(3);
      upstream.options.dropConnections = false;
      upstream.options.reply = reply;
      // The crash also cut the last answer's line as it was written.
      const [runDir] = readdirSync(join(dir, 'data', 'evals'));
      const items = join(dir, 'data', 'evals', runDir as string, 'items.jsonl');
      appendFileSync(items, '{"model":"remote","suite":"kmmlu-sample","key":"');

      const resumed = await run([...args, '--config', 'jugwon.yaml', '--json'], dir);
      expect(resumed.code).toBe(0);
      expect(upstream.received.length).toBe(5); // only the two unanswered items were asked again
      const out = lastJson(resumed.stdout);
      expect(out.runId).toMatch(/^[0-9a-f]{12}$/);
      expect(out.results).toEqual([
        {
          model: 'remote',
          suite: 'kmmlu-sample',
          n: 4,
          metrics: expect.objectContaining({ accuracy: 0.5, macro_accuracy: 0.5, unanswered: 1 }),
          categories: { Accounting: { n: 2, accuracy: 0.5 }, Law: { n: 2, accuracy: 0.5 } },
          protocol: 'official', // every result says how it was scored
          shots: 0, // a single file has no dev split: zero-shot, and said so
        },
      ]);
      expect(resumed.stdout).toContain('kmmlu-sample (kmmlu): 4 rows found, 4 items loaded, 4 evaluated');
      // Every answer is on a line of its own: none was glued to the cut line and lost with it.
      const lines = readFileSync(items, 'utf8').trimEnd().split('\n');
      expect(lines.map((l) => JSON.parse(l).key)).toHaveLength(4);
      const sent = JSON.parse(upstream.received[0] ?? '{}');
      expect(sent).toMatchObject({ temperature: 0, seed: 1234 });

      // A finished run asks nothing again.
      const again = await run([...args, '--config', 'jugwon.yaml', '--json'], dir);
      expect(lastJson(again.stdout)).toEqual(out);
      expect(upstream.received.length).toBe(5);

      const report = await run(
        ['eval', 'report', out.runId, '--out', 'report.html', '--config', 'jugwon.yaml'],
        dir,
      );
      expect(report.code).toBe(0);
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).toContain('<svg');
      expect(html).toContain('kmmlu-sample');
      expect(html).toContain('50.0%');
      expect(html).toContain('Scored under the official protocol');
      expect(html).not.toMatch(/<script|src="http/); // self-contained, nothing fetched
      const list = await run(['eval', 'list', '--config', 'jugwon.yaml', '--json'], dir);
      expect(JSON.parse(list.stdout)[0].runId).toBe(out.runId);
      const missing = await run(['eval', 'report', 'ffffffffffff', '--json', '--config', 'jugwon.yaml'], dir);
      expect(missing.stderr).toContain('JG_EVAL_RUN_NOT_FOUND');

      const server = await createServer(resolveConfig({ dataDir: join(dir, 'data') }), { logger: false });
      try {
        const res = await server.app.inject({ method: 'GET', url: '/api/evals' });
        expect(res.json().data[0]).toMatchObject({ runId: out.runId, models: ['remote'] });
        const one = await server.app.inject({ method: 'GET', url: `/api/evals/${out.runId}` });
        expect(one.json().comparison.suites[0].suite).toBe('kmmlu-sample');
        const none = await server.app.inject({ method: 'GET', url: '/api/evals/nope' });
        expect(none.statusCode).toBe(404);
        expect(none.json().error.code).toBe('JG_EVAL_RUN_NOT_FOUND');
      } finally {
        await server.close();
      }
    } finally {
      await upstream.close();
    }
  }, 60_000);

  it('scores an embedded model by the likelihood of each answer label, and compares two models', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-eval-ll-'));
    writeTinyGguf(join(dir, 'tiny.gguf'));
    writeTinyGguf(join(dir, 'tiny2.gguf'), { seed: 7 });
    writeFileSync(
      join(dir, 'jugwon.yaml'),
      'dataDir: ./data\nmodels:\n  - { id: tiny, provider: llamacpp, path: ./tiny.gguf, residency: onprem }\n  - { id: tiny2, provider: llamacpp, path: ./tiny2.gguf, residency: onprem }\n',
    );
    const suite = join(EXAMPLES, 'finance-exam.jsonl');
    const res = await run(
      [
        'eval',
        'run',
        '--suite',
        suite,
        '--model',
        'tiny',
        '--model',
        'tiny2',
        '--config',
        'jugwon.yaml',
        '--json',
      ],
      dir,
    );
    expect(res.code).toBe(0);
    const out = lastJson(res.stdout);

    // Worked out independently: the provider's log-likelihood of " A"… after each prompt.
    const provider = createProvider(
      resolveConfig({
        models: [{ id: 'tiny', provider: 'llamacpp', path: join(dir, 'tiny.gguf'), residency: 'onprem' }],
      }).models[0] as never,
    );
    try {
      const { items } = await loadSuite(suite);
      const signal = new AbortController().signal;
      let right = 0;
      for (const item of items) {
        const scores = await provider.logLikelihoods?.(
          item.prompt,
          item.labels.map((l) => ` ${l}`),
          { signal },
        );
        expect(scores?.every((s) => s < 0 && Number.isFinite(s))).toBe(true);
        if (scores?.indexOf(Math.max(...scores)) === item.answer) right++;
      }
      const tiny = out.results.find((r: { model: string }) => r.model === 'tiny');
      expect(tiny.n).toBe(3);
      expect(tiny.metrics.accuracy).toBe(Math.round((right / 3) * 10000) / 10000);
      // Chain rule: the likelihood of two labels in a row is the sum of each given what precedes it.
      const prompt = items[0]?.prompt ?? '';
      const [ab] = (await provider.logLikelihoods?.(prompt, [' A B'], { signal })) ?? [];
      const [a] = (await provider.logLikelihoods?.(prompt, [' A'], { signal })) ?? [];
      const [b] = (await provider.logLikelihoods?.(`${prompt} A`, [' B'], { signal })) ?? [];
      expect(ab).toBeCloseTo((a as number) + (b as number), 3);
    } finally {
      await provider.close();
    }
    expect(out.results.map((r: { model: string }) => r.model)).toEqual(['tiny', 'tiny2']);
    const cmp = await run(['eval', 'report', out.runId, '--json', '--config', 'jugwon.yaml'], dir);
    const comparison = JSON.parse(cmp.stdout);
    expect(comparison.suites[0].rows.map((r: { model: string }) => r.model)).toEqual(['tiny', 'tiny2']);
    for (const d of comparison.disagreements)
      expect(new Set(Object.values(d.answers)).size).toBeGreaterThan(1);
  }, 120_000);

  it('refuses bad options and bad suites with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-eval-bad-'));
    writeFileSync(join(dir, 'jugwon.yaml'), 'dataDir: ./data\nmodels: []\n');
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"a","question":"q","choices":["x","y"],"answer":5}\n');
    const unknownModel = await run(
      ['eval', 'run', '--suite', 'bad.jsonl', '--model', 'nope', '--config', 'jugwon.yaml'],
      dir,
    );
    expect(unknownModel.code).not.toBe(0);
    expect(unknownModel.stderr).toContain('nope');
    writeFileSync(
      join(dir, 'one.yaml'),
      'dataDir: ./data\nmodels:\n  - { id: m, provider: openai-compatible, baseUrl: "http://127.0.0.1:9", residency: onprem }\n',
    );
    const badSuite = await run(
      ['eval', 'run', '--suite', 'bad.jsonl', '--model', 'm', '--config', 'one.yaml'],
      dir,
    );
    expect(badSuite.code).toBe(1);
    expect(badSuite.stderr).toContain('JG_SUITE_INVALID');
    expect(badSuite.stderr).toMatch(/bad\.jsonl, line 1: "answer" must be a choice index from 0 to 1/);
    const badFormat = await run(
      ['eval', 'run', '--suite', 'bad.jsonl', '--model', 'x', '--format', 'mmlu'],
      dir,
    );
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format must be one of');
  }, 60_000);
});
