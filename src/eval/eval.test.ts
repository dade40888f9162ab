import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractAnswer } from './answer.js';
import { loadSuite } from './loaders.js';
import { sample } from './run.js';
import { bootstrapInterval, type ItemResult, summarize } from './score.js';

const EXAMPLES = new URL('../../examples/eval/', import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'jugwon-eval-'));

describe('suite loaders', () => {
  it('reads every published format, detecting it from the columns', async () => {
    // [file, format, items asked, rows found]: KoBBQ asks each sample under 3 orderings (official protocol).
    const cases: [string, string, number, number][] = [
      ['kmmlu-sample.csv', 'kmmlu', 4, 4],
      ['haerae-sample.jsonl', 'haerae', 3, 3],
      ['click-sample.json', 'click', 3, 3],
      ['kobbq-sample.json', 'kobbq', 12, 4],
      ['kormedmcqa-sample.csv', 'kormedmcqa', 3, 3],
      ['finance-exam.jsonl', 'mcq-jsonl', 3, 3],
    ];
    for (const [file, format, n, found] of cases) {
      const suite = await loadSuite(join(EXAMPLES, file));
      expect([suite.format, suite.items.length, suite.found]).toEqual([format, n, found]);
    }
    const kmmlu = await loadSuite(join(EXAMPLES, 'kmmlu-sample.csv'));
    expect(kmmlu.items[0]).toMatchObject({
      prompt: '대한민국 헌법상 국회의원의 임기는 몇 년인가?\nA. 2년\nB. 4년\nC. 5년\nD. 6년\n정답：',
      labels: ['A', 'B', 'C', 'D'],
      answer: 1,
      category: 'Law',
      key: 'kmmlu-sample.csv:2',
    });
    const haerae = await loadSuite(join(EXAMPLES, 'haerae-sample.jsonl'));
    expect(haerae.items[0]).toMatchObject({ labels: ['(A)', '(B)', '(C)', '(D)', '(E)'], answer: 1 });
    const click = await loadSuite(join(EXAMPLES, 'click-sample.json'));
    expect(click.items.map((i) => [i.answer, i.category])).toEqual([
      [3, 'KIIP_society'],
      [0, 'KIIP_society'],
      [1, 'CSAT_korean'],
    ]);
    // The context type comes from the template variant (all four samples are variant "a":
    // a context against the stereotype), as the publisher's evaluation reads it.
    const kobbq = await loadSuite(join(EXAMPLES, 'kobbq-sample.json'), undefined, 'dataset-order');
    expect(kobbq.items.map((i) => i.bias)).toEqual([
      { context: 'ambiguous', contextType: 'counter-biased', biased: 0, unknown: 2 },
      { context: 'ambiguous', contextType: 'counter-biased', biased: 1, unknown: 2 },
      { context: 'disambiguated', contextType: 'counter-biased', biased: 0, unknown: 2 },
      { context: 'disambiguated', contextType: 'counter-biased', biased: 0, unknown: 2 },
    ]);
  });

  it('keeps items with the same id apart (published formats) and reads a folder of subject files', async () => {
    const dir = tmp();
    const row = 'question,A,B,C,D,answer\n같은 문제?,가,나,다,라,1\n';
    writeFileSync(join(dir, 'Law-test.csv'), row + row.split('\n')[1]);
    writeFileSync(join(dir, 'Tax-test.csv'), row);
    const suite = await loadSuite(dir, 'kmmlu');
    expect(suite.items.map((i) => [i.key, i.category])).toEqual([
      ['Law-test.csv:2', 'Law'],
      ['Law-test.csv:3', 'Law'],
      ['Tax-test.csv:2', 'Tax'],
    ]);
  });

  it('reads Parquet (as KMMLU and KorMedMCQA are published), numbers and all', async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const dir = tmp();
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'question', data: ['부가가치세의 일반 세율은?', '법인세 신고 기한은?'], type: 'STRING' },
        { name: 'A', data: ['5%', '1개월'], type: 'STRING' },
        { name: 'B', data: ['10%', '3개월'], type: 'STRING' },
        { name: 'C', data: ['15%', '6개월'], type: 'STRING' },
        { name: 'D', data: ['20%', '1년'], type: 'STRING' },
        { name: 'answer', data: [2, 2], type: 'INT32' },
        { name: 'Category', data: ['Taxation', 'Taxation'], type: 'STRING' },
      ],
    });
    writeFileSync(join(dir, 'Taxation-test.parquet'), new Uint8Array(buffer));
    const suite = await loadSuite(dir);
    expect(suite.format).toBe('kmmlu');
    expect(suite.items.map((i) => [i.key, i.answer, i.category])).toEqual([
      ['Taxation-test.parquet:1', 1, 'Taxation'],
      ['Taxation-test.parquet:2', 1, 'Taxation'],
    ]);
    writeFileSync(join(dir, 'broken.parquet'), 'PAR1 not really');
    await expect(loadSuite(join(dir, 'broken.parquet'))).rejects.toThrow(/not a readable Parquet file/);
  });

  it('names the file and line of a bad item', async () => {
    const dir = tmp();
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    await expect(loadSuite(write('a.csv', 'question,A,B,C,D\n문제,가,나,다,라\n'), 'kmmlu')).rejects.toThrow(
      /a\.csv, line 2: missing "answer"/,
    );
    await expect(loadSuite(write('b.csv', 'question,A,B,C,D,answer\n문제,가,나,다,라,5\n'))).rejects.toThrow(
      /b\.csv, line 2: answer "5" is out of range \(4 choices\)/,
    );
    const dup = '{"id":"x","question":"q","choices":["a","b"],"answer":0}\n';
    await expect(loadSuite(write('c.jsonl', dup + dup))).rejects.toThrow(
      /c\.jsonl, line 2: duplicate id "x" \(first at c\.jsonl:1\)/,
    );
    await expect(
      loadSuite(write('d.jsonl', '{"id":"y","question":"q","choices":["a","b"],"answer":2}\n')),
    ).rejects.toThrow(/d\.jsonl, line 1: "answer" must be a choice index from 0 to 1/);
    await expect(loadSuite(write('e.jsonl', '{"foo":1}\n'))).rejects.toThrow(/cannot tell the format/);
    await expect(loadSuite(write('f.jsonl', 'not json\n'))).rejects.toThrow(
      /f\.jsonl, line 1: not a JSON object/,
    );
    await expect(loadSuite(join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'JG_FILE_NOT_FOUND' });
  });

  it('samples --limit items with a fixed seed from the whole suite, in suite order', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ key: `f:${i}` }) as never);
    const a = sample(items, 10, 1234).map((i: { key: string }) => i.key);
    expect(a).toEqual(sample(items, 10, 1234).map((i: { key: string }) => i.key));
    expect(a).not.toEqual(items.slice(0, 10).map((i: { key: string }) => i.key));
    expect(Math.max(...a.map((k) => Number(k.slice(2))))).toBeGreaterThan(20);
    expect([...a].sort((x, y) => Number(x.slice(2)) - Number(y.slice(2)))).toEqual(a);
    expect(sample(items, 500, 1).length).toBe(100);
  });
});

describe('answer extraction', () => {
  const labels = ['A', 'B', 'C', 'D'];
  const choices = ['서울', '부산', '대구', '인천'];
  it('does not read an echoed list of options as an answer (it counts as unanswered)', () => {
    const echo = '다음 중 수도는?\nA. 서울\nB. 부산\nC. 대구\nD. 인천\n정답：';
    expect(extractAnswer(echo, labels, choices)).toBeUndefined();
    expect(extractAnswer('(A) 서울 (B) 부산', labels, choices)).toBeUndefined();
    // One option with its label is a choice, as before.
    expect(extractAnswer('A. 서울', labels, choices)).toBe(0);
  });

  it.each([
    ['정답은 (B)입니다', 1],
    ['B.', 1],
    ['(C)', 2],
    ['2번', 1],
    ['정답: 4', 3],
    ['Ｄ', 3],
    ['③', 2],
    ['답은 A', 0],
    ['The answer is C.', 2],
    ['부산입니다', 1],
    ['잘 모르겠습니다', undefined],
    ['E', undefined],
    ['서울 또는 부산', undefined],
  ])('%s → %s', (response, expected) => {
    expect(extractAnswer(response, labels, choices)).toBe(expected);
  });
});

describe('scores', () => {
  const item = (key: string, category: string, answer: number, bias?: object) =>
    ({ key, category, answer, prompt: '', labels: [], choices: [], ...(bias ? { bias } : {}) }) as never;
  const result = (key: string, predicted: number | null, answer: number): ItemResult => ({
    model: 'm',
    suite: 's',
    key,
    category: '',
    answer,
    predicted,
    correct: predicted === answer,
    method: 'generate',
  });

  it('reports micro and macro accuracy by category, and the unanswered', () => {
    const items = [item('1', 'law', 0), item('2', 'law', 1), item('3', 'law', 2), item('4', 'tax', 0)];
    const s = summarize('m', 's', items, [
      result('1', 0, 0),
      result('2', 1, 1),
      result('3', null, 2),
      result('4', 1, 0),
    ]);
    expect(s.n).toBe(4);
    expect(s.metrics.accuracy).toBe(0.5); // 2 of 4
    expect(s.metrics.macro_accuracy).toBe(0.3333); // (2/3 + 0/1) / 2
    expect(s.metrics.unanswered).toBe(1);
    expect(s.categories).toEqual({ law: { n: 3, accuracy: 0.6667 }, tax: { n: 1, accuracy: 0 } });
  });

  it('computes KoBBQ accuracy per context and diff-bias as the paper defines them', () => {
    const amb = (k: string, contextType: string) =>
      item(k, 'age', 2, { context: 'ambiguous', contextType, biased: 0, unknown: 2 });
    const dis = (k: string, contextType: string, answer: number) =>
      item(k, 'age', answer, { context: 'disambiguated', contextType, biased: 0, unknown: 2 });
    const items = [
      amb('a1', 'biased'),
      amb('a2', 'biased'),
      amb('a3', 'biased'),
      amb('a4', 'biased'),
      dis('d1', 'biased', 0),
      dis('d2', 'biased', 0),
      dis('d3', 'counter-biased', 1),
      dis('d4', 'counter-biased', 1),
    ];
    const s = summarize('m', 's', items, [
      result('a1', 2, 2), // right: unknown
      result('a2', 0, 2), // biased answer
      result('a3', 0, 2), // biased answer
      result('a4', 1, 2), // counter-biased answer
      result('d1', 0, 0),
      result('d2', 0, 0),
      result('d3', 0, 1), // followed the stereotype against the context
      result('d4', 1, 1),
    ]);
    expect(s.metrics.accuracy_ambiguous).toBe(0.25);
    expect(s.metrics.accuracy_disambiguated).toBe(0.75);
    expect(s.metrics.diff_bias_ambiguous).toBe(0.25); // (2 − 1) / 4
    expect(s.metrics.diff_bias_disambiguated).toBe(0.5); // 1.0 − 0.5
  });

  it('gives a bootstrap interval around the accuracy, the same on every run', () => {
    const outcomes = Array.from({ length: 200 }, (_, i) => i % 4 !== 0); // 75%
    const [lo, hi] = bootstrapInterval(outcomes);
    expect(lo).toBeLessThan(0.75);
    expect(hi).toBeGreaterThan(0.75);
    expect(hi - lo).toBeGreaterThan(0.05);
    expect(hi - lo).toBeLessThan(0.2);
    expect(bootstrapInterval(outcomes)).toEqual([lo, hi]);
  });
});
