import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelRegistry } from '../models/registry.js';
import { clickPrompt, loadSuite } from './loaders.js';
import { runEval } from './run.js';

/**
 * Each suite asked as its publisher (or the harness task the publisher points to) asks it, with
 * expectations written out by hand from those templates: KMMLU (lm-evaluation-harness
 * kmmlu_direct: "{{question}}\nA. …\nD. …\n정답：", 5 solved dev examples in the paper), KorMedMCQA
 * (harness: the same template with E, the first 5 of the `fewshot` split), HAE-RAE Bench (harness:
 * the query as given, scored over "(A)"…"(E)"), CLIcK (paper and harness click_cul/click_lang:
 * two instructions, choices on one line, each choice's text scored).
 */
const csv = (rows: string[][]) =>
  `${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n')}\n`;
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jugwon-protocol-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}
const KMMLU_HEAD = ['question', 'answer', 'A', 'B', 'C', 'D', 'Category'];
const kmmluRow = (q: string, answer: number) => [
  q,
  String(answer),
  `${q}-가`,
  `${q}-나`,
  `${q}-다`,
  `${q}-라`,
  'Accounting',
];

describe('KMMLU as published', () => {
  const suite = () =>
    folder({
      'Accounting-dev.csv': csv([
        KMMLU_HEAD,
        ...[1, 2, 3, 4, 1, 2].map((a, i) => kmmluRow(`예제${i + 1}`, a)),
      ]),
      'Accounting-test.csv': csv([KMMLU_HEAD, kmmluRow('문제', 3)]),
      'Accounting-train.csv': csv([KMMLU_HEAD, kmmluRow('학습', 1)]),
    });

  it('asks the test split only, after the first five solved dev examples of the subject', async () => {
    const s = await loadSuite(suite());
    expect([s.items.length, s.shots, s.found]).toEqual([1, 5, 1]);
    const solved = (q: string, letter: string) =>
      `${q}\nA. ${q}-가\nB. ${q}-나\nC. ${q}-다\nD. ${q}-라\n정답： ${letter}\n\n`;
    expect(s.items[0]?.prompt).toBe(
      solved('예제1', 'A') +
        solved('예제2', 'B') +
        solved('예제3', 'C') +
        solved('예제4', 'D') +
        solved('예제5', 'A') +
        '문제\nA. 문제-가\nB. 문제-나\nC. 문제-다\nD. 문제-라\n정답：',
    );
  });

  it('is zero-shot when asked, and refuses more shots than the dev split holds', async () => {
    const dir = suite();
    expect((await loadSuite(dir, undefined, 'official', 0)).items[0]?.prompt.startsWith('문제\nA.')).toBe(
      true,
    );
    await expect(loadSuite(dir, undefined, 'official', 7)).rejects.toThrow(
      /7 solved examples of "Accounting"; its dev or fewshot split has 6/,
    );
    // A single file has no dev split: zero-shot, and the run says so.
    const one = folder({ 'law.csv': csv([KMMLU_HEAD, kmmluRow('문제', 1)]) });
    expect((await loadSuite(join(one, 'law.csv'))).shots).toBe(0);
    await expect(loadSuite(join(one, 'law.csv'), undefined, 'official', 5)).rejects.toThrow(
      /need the suite's dev or fewshot split/,
    );
  });
});

describe('KorMedMCQA as published', () => {
  const head = ['subject', 'question', 'A', 'B', 'C', 'D', 'E', 'answer'];
  const row = (q: string, answer: number) => ['doctor', q, '가', '나', '다', '라', '마', String(answer)];
  it('takes the first five of the fewshot split (not dev), with the E option', async () => {
    const dir = folder({
      'doctor/dev-00000-of-00001.csv': csv([head, row('개발', 1), row('개발2', 1)]),
      'doctor/fewshot-00000-of-00001.csv': csv([head, ...[5, 4, 3, 2, 1, 5].map((a, i) => row(`예${i}`, a))]),
      'doctor/test-00000-of-00001.csv': csv([head, row('환자', 2)]),
    });
    const s = await loadSuite(dir);
    expect([s.items.length, s.shots, s.format]).toEqual([1, 5, 'kormedmcqa']);
    const block = (q: string, l: string) => `${q}\nA. 가\nB. 나\nC. 다\nD. 라\nE. 마\n정답： ${l}\n\n`;
    expect(s.items[0]?.prompt).toBe(
      `${block('예0', 'E')}${block('예1', 'D')}${block('예2', 'C')}${block('예3', 'B')}${block('예4', 'A')}환자\nA. 가\nB. 나\nC. 다\nD. 라\nE. 마\n정답：`,
    );
  });
});

/** A model that exposes log-likelihoods: each continuation scored by `score`. */
function scorer(score: (prompt: string, continuation: string) => number) {
  const seen: { prompt: string; continuations: readonly string[] }[] = [];
  const provider = {
    async logLikelihoods(prompt: string, continuations: readonly string[]) {
      seen.push({ prompt, continuations });
      return continuations.map((c) => score(prompt, c));
    },
  };
  const registry = { get: () => provider } as unknown as ModelRegistry;
  const chat = async () => {
    throw new Error('not asked: the model is scored by log-likelihood');
  };
  return { deps: { registry, chat }, seen };
}

describe('HAE-RAE Bench as published', () => {
  it('scores "(A)"…"(E)" after the query as given, on four-option items too', async () => {
    const dir = folder({
      'hr.jsonl': [
        {
          query: '다음 중 맞는 것은?\n(A) 가\n(B) 나\n(C) 다\n(D) 라',
          answer: '(B)',
          category: 'general_knowledge',
        },
        { query: '고른 것은?\n(A) 가\n(B) 나\n(C) 다\n(D) 라\n(E) 마', answer: '(E)', category: 'history' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    });
    // Always "(E)": right on the five-option item only.
    const { deps, seen } = scorer((_, c) => (c === ' (E)' ? 0 : -1));
    const run = await runEval(
      mkdtempSync(join(tmpdir(), 'jugwon-runs-')),
      { suites: [dir], models: ['m'], concurrency: 1, seed: 1 },
      deps,
    );
    expect(seen[0]).toEqual({
      prompt: '다음 중 맞는 것은?\n(A) 가\n(B) 나\n(C) 다\n(D) 라',
      continuations: [' (A)', ' (B)', ' (C)', ' (D)', ' (E)'],
    });
    expect(run.results[0]?.metrics.accuracy).toBe(0.5);
    expect(run.results[0]?.shots).toBe(0);
  });
});

describe('CLIcK as published', () => {
  it('writes the paper’s two instructions with the choices on one line', () => {
    expect(clickPrompt('맥락 글', '무엇인가?', ['사과', '배', '감', '귤'])).toBe(
      '주어진 맥락을 천천히 읽고, 질문에 대한 적절한 정답을 A, B, C, D 중에 골라 알파벳 하나로 답하시오.\n\n맥락: 맥락 글\n질문: 무엇인가?\n보기:\nA:사과, B: 배, C: 감, D: 귤\n정답:',
    );
    expect(clickPrompt('', '무엇인가?', ['사과', '배', '감', '귤'])).toBe(
      '주어진 질문을 천천히 읽고, 적절한 정답을 A, B, C, D 중에 골라 알파벳 하나로 답하시오.\n\n질문: 무엇인가?\n보기:\nA:사과, B: 배, C: 감, D: 귤\n정답:',
    );
  });

  it('reads the repository’s Dataset/<domain>/<category>/ folders as one suite, scoring each choice’s text', async () => {
    const item = (id: string, answer: string) => ({
      id,
      paragraph: '',
      question: `${id} 질문`,
      choices: ['짧은', '가장 긴 보기', '중간 보기', '끝'],
      answer,
    });
    const dir = folder({
      'Dataset/Culture/Korean Economy/Economy_KIIP.json': JSON.stringify([
        item('KIIP_economy_1', '가장 긴 보기'),
        item('KIIP_economy_2', '끝'),
      ]),
      'Dataset/Language/Grammar/Grammar_TOPIK.json': JSON.stringify([
        item('TOPIK_Grammar_1', '가장 긴 보기'),
      ]),
    });
    // A model that prefers the longest continuation: right where the answer is the longest choice.
    const { deps, seen } = scorer((_, c) => c.length);
    const run = await runEval(
      mkdtempSync(join(tmpdir(), 'jugwon-runs-')),
      { suites: [join(dir, 'Dataset')], models: ['m'], concurrency: 1, seed: 1 },
      deps,
    );
    expect(run.suites).toHaveLength(1);
    expect(seen[0]?.continuations).toEqual([' 짧은', ' 가장 긴 보기', ' 중간 보기', ' 끝']);
    const r = run.results[0];
    expect(r?.metrics.accuracy).toBeCloseTo(2 / 3);
    expect(r?.categories).toEqual({
      KIIP_economy: { n: 2, accuracy: 0.5 },
      TOPIK_Grammar: { n: 1, accuracy: 1 },
    });
  });
});

describe('long runs', () => {
  it('run many requests at once without a listener-leak warning', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      id: `q${i}`,
      question: `질문 ${i}`,
      choices: ['가', '나'],
      answer: 0,
    }));
    const dir = folder({ 'exam.jsonl': rows.map((r) => JSON.stringify(r)).join('\n') });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    // A chat call that listens to the run's signal while it is in flight, as an HTTP client does.
    const chat = async (_: unknown, signal: AbortSignal) => {
      const onAbort = () => {};
      signal.addEventListener('abort', onAbort);
      await new Promise((r) => setTimeout(r, 5));
      signal.removeEventListener('abort', onAbort);
      return { choices: [{ message: { content: '정답은 A' } }] } as never;
    };
    const registry = { get: () => ({}) } as unknown as ModelRegistry;
    const run = await runEval(
      mkdtempSync(join(tmpdir(), 'jugwon-runs-')),
      { suites: [dir], models: ['m'], concurrency: 24, seed: 1 },
      { registry, chat },
    );
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(run.results[0]?.metrics.accuracy).toBe(1);
    expect(warnings).toEqual([]);
  });
});
