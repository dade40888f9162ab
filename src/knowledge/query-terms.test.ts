import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze/korean.js';
import { chunkDocument } from './chunk.js';
import { KnowledgeIndex } from './index-store.js';
import { parseText } from './parsers/text.js';
import { MAX_QUERY_TERMS, rarestTerms, sampleTermCounts, TermCountFiles } from './query-terms.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'jugwon-terms-'));

describe('query terms given to BM25', () => {
  it('keeps a short question whole and a long one to its rarest terms, in question order', () => {
    const counts = { 년: 90, 것: 80, 대통령: 40, 선거: 10 };
    expect(rarestTerms(['년', '선거'], counts, 3)).toEqual(['년', '선거']);
    // 탄핵 was never sampled: the rarest of all. 년 and 것 are the commonest and go first.
    expect(rarestTerms(['년', '대통령', '탄핵', '것', '선거'], counts, 3)).toEqual([
      '대통령',
      '탄핵',
      '선거',
    ]);
    // Ties keep the question's order.
    expect(rarestTerms(['a', 'b', 'c'], {}, 2)).toEqual(['a', 'b']);
    // Object keys are terms, nothing more.
    expect(rarestTerms(['__proto__', 'toString', 'x'], { x: 5 }, 2)).toEqual(['__proto__', 'toString']);
  });

  it('counts terms over a small table exactly and a large one in spread samples', async () => {
    const lancedb = await import('@lancedb/lancedb');
    const db = await lancedb.connect(tmp());
    const small = await db.createTable('small', [
      { terms: '대출 금리 기준' },
      { terms: '대출 금리' },
      { terms: '대출 연체 대출' },
    ]);
    // Each chunk counts once; a term in a single chunk is left out (rare, like an unseen one).
    expect(await sampleTermCounts(small)).toEqual({ rows: 3, counts: { 대출: 3, 금리: 2 } });
    // 12,000 rows: the first half say "앞", the second "뒤"; every row says "공통".
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ terms: `공통 ${i < 6_000 ? '앞' : '뒤'}` }));
    const large = await db.createTable('large', rows);
    const { rows: sampled, counts } = await sampleTermCounts(large);
    expect(sampled).toBe(10_000);
    expect(counts.공통).toBe(10_000);
    // Spread over the table, not its first 10,000 rows (which would give 앞 6,000, 뒤 4,000).
    expect(counts.앞).toBe(5_000);
    expect(counts.뒤).toBe(5_000);
  });

  it('keeps counts in a file read again only when it changed; none when missing or unreadable', () => {
    const dir = tmp();
    const files = new TermCountFiles((c) => join(dir, `${c}.json`));
    expect(files.read('c')).toBeUndefined();
    files.write('c', { rows: 3, counts: { 대출: 3 } });
    expect(files.read('c')).toEqual({ 대출: 3 });
    // Another process rewrites it: seen (the file's time changed).
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ rows: 3, counts: { 금리: 2 } }));
    utimesSync(join(dir, 'c.json'), new Date(), new Date(Date.now() + 5_000));
    expect(files.read('c')).toEqual({ 금리: 2 });
    writeFileSync(join(dir, 'c.json'), '{ not json');
    utimesSync(join(dir, 'c.json'), new Date(), new Date(Date.now() + 10_000));
    expect(files.read('c')).toBeUndefined();
    files.remove('c');
    expect(existsSync(join(dir, 'c.json'))).toBe(false);
    expect(files.read('c')).toBeUndefined();
  });

  it('an index keeps its collection counts current, searches long questions, and drops them with it', async () => {
    const dataDir = tmp();
    const index = await KnowledgeIndex.open(dataDir);
    const doc = (docId: string, text: string) => ({
      docId,
      source: `${docId}.txt`,
      title: '',
      chunks: chunkDocument(parseText(text)),
    });
    await index.replaceDocuments('규정', [
      doc('a', '대출 금리는 매년 1월에 정한다. 연체 이자는 약정 금리에 3%를 더한다.'),
      doc('b', '예금 금리는 매년 7월에 정한다. 중도 해지 이자는 기본 금리의 절반이다.'),
      doc('c', '대출 한도는 매년 연소득의 두 배로 정한다.'),
    ]);
    await index.reindex('규정');
    const file = readdirSync(join(dataDir, 'knowledge')).find((f) => f.endsWith('.terms.json'));
    expect(file).toBeDefined();
    const path = join(dataDir, 'knowledge', file as string);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { rows: number; counts: Record<string, number> };
    expect(saved.rows).toBe(3);
    expect(saved.counts.금리).toBe(2);
    expect(saved.counts['#매년']).toBe(3); // an adverb: its bigram only
    // A question of more than 20 distinct terms: its rare ones still find the passage.
    const long =
      '매년 정하는 금리 가운데 대출을 제때 갚지 못해 연체가 생기면 약정 금리에 몇 퍼센트의 연체 이자를 더해서 내야 하는지 은행 규정으로 알려 주세요';
    expect(new Set(analyze(long).split(' ')).size).toBeGreaterThan(MAX_QUERY_TERMS);
    expect((await index.search('규정', long, 3))[0]?.docId).toBe('a');
    // A collection indexed before counts were kept searches every term.
    rmSync(path);
    expect((await index.search('규정', long, 3))[0]?.docId).toBe('a');
    await index.reindex('규정');
    expect(existsSync(path)).toBe(true);
    await index.dropCollection('규정');
    expect(existsSync(path)).toBe(false);
  });
});
