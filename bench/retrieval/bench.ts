import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { whitespaceTerms } from '../../src/knowledge/analyze/korean.js';
import { chunkDocument } from '../../src/knowledge/chunk.js';
import { KnowledgeIndex, PRE_ANALYSED } from '../../src/knowledge/index-store.js';
import { parseText } from '../../src/knowledge/parsers/text.js';
import { machineLabel, recordRow } from '../record.js';

/**
 * `npm run bench:retrieval [-- --record]`: KorQuAD 1.0 dev as a retrieval set (paragraphs as
 * documents, identical paragraphs of an article merged: 961 documents; questions as queries:
 * 5,774), read from ../shared/bench-data at run time. jugwon's lexical path (Korean analyzer,
 * title indexed with the text) side by side with whitespace-token BM25 and LanceDB's ngram(2,2)
 * tokenizer, measured in the same run.
 */
const { values: args } = parseArgs({
  options: { record: { type: 'boolean', default: false }, queries: { type: 'string' } },
  allowPositionals: true,
});

interface Kq {
  data: { title: string; paragraphs: { context: string; qas: { id: string; question: string }[] }[] }[];
}
const kq = JSON.parse(
  readFileSync(
    new URL('../../../shared/bench-data/korquad-v1-dev/KorQuAD_v1.0_dev.json', import.meta.url),
    'utf8',
  ),
) as Kq;
const docs: { id: string; title: string; text: string }[] = [];
const queries: { q: string; doc: string }[] = [];
kq.data.forEach((article, a) => {
  const seen = new Map<string, string>();
  article.paragraphs.forEach((p, i) => {
    let id = seen.get(p.context);
    if (!id) {
      id = `${a}-${i}`;
      seen.set(p.context, id);
      docs.push({ id, title: article.title.replace(/_/g, ' '), text: p.context });
    }
    for (const qa of p.qas) queries.push({ q: qa.question, doc: id });
  });
});
const limit = args.queries ? Number(args.queries) : queries.length;
const evalQueries = queries.slice(0, limit);
console.log(`KorQuAD 1.0 dev: ${docs.length} documents, ${evalQueries.length} queries`);

function metrics(ranked: string[][]) {
  let r1 = 0;
  let r5 = 0;
  let r10 = 0;
  let mrr = 0;
  let ndcg = 0;
  ranked.forEach((docsRanked, i) => {
    const rank = docsRanked.indexOf((evalQueries[i] as { doc: string }).doc);
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0 && rank < 10) {
      r10++;
      mrr += 1 / (rank + 1);
      ndcg += 1 / Math.log2(rank + 2);
    }
  });
  const n = ranked.length;
  return { r1: r1 / n, r5: r5 / n, r10: r10 / n, mrr10: mrr / n, ndcg10: ndcg / n, top1: r1, n };
}

const dedupe = (ids: string[]) => [...new Set(ids)].slice(0, 10);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((p / 100) * xs.length)] as number;

// 1. jugwon: the ingest path of `jugwon ingest` (chunking, analysis, BM25 index).
const dir = mkdtempSync(join(tmpdir(), 'jugwon-retrieval-'));
const index = await KnowledgeIndex.open(dir);
const t0 = performance.now();
const prepared = docs.map((d) => ({
  docId: d.id,
  source: 'korquad',
  title: d.title,
  chunks: chunkDocument(parseText(d.text)),
}));
const chunkCount = prepared.reduce((n, d) => n + d.chunks.length, 0);
await index.replaceDocuments('korquad', prepared);
await index.reindex('korquad');
const ingestSeconds = (performance.now() - t0) / 1000;
const latencies: number[] = [];
const jugwonRanked: string[][] = [];
for (const { q } of evalQueries) {
  const s = performance.now();
  // Ten hits, as `jugwon search` returns by default and as the scale benchmark asks.
  const hits = await index.search('korquad', q, 10);
  latencies.push(performance.now() - s);
  jugwonRanked.push(dedupe(hits.map((h) => h.docId)));
}
const jugwon = metrics(jugwonRanked);

// 2 and 3: baselines in plain LanceDB tables.
const lancedb = await import('@lancedb/lancedb');
const db = await lancedb.connect(join(dir, 'baselines'));
const ws = await db.createTable(
  'ws',
  docs.map((d) => ({ id: d.id, terms: whitespaceTerms(`${d.title} ${d.text}`) })),
);
await ws.createIndex('terms', { config: lancedb.Index.fts(PRE_ANALYSED) });
const ng = await db.createTable(
  'ng',
  docs.map((d) => ({ id: d.id, text: `${d.title} ${d.text}` })),
);
await ng.createIndex('text', {
  config: lancedb.Index.fts({
    baseTokenizer: 'ngram',
    ngramMinLength: 2,
    ngramMaxLength: 2,
    prefixOnly: false,
    lowercase: true,
    stem: false,
    removeStopWords: false,
    asciiFolding: false,
    withPosition: false,
  }),
});
async function ranks(table: typeof ws, column: string, toQuery: (q: string) => string): Promise<string[][]> {
  const out: string[][] = [];
  for (const { q } of evalQueries) {
    const text = toQuery(q);
    const rows = text
      ? ((await table
          .query()
          .fullTextSearch(new lancedb.MatchQuery(text, column))
          .select(['id'])
          .limit(10)
          .toArray()) as { id: string }[])
      : [];
    out.push(rows.map((r) => r.id));
  }
  return out;
}
const whitespace = metrics(await ranks(ws, 'terms', whitespaceTerms));
const ngram = metrics(await ranks(ng, 'text', (q) => q));

const f = (x: number) => x.toFixed(3);
const line = (name: string, m: ReturnType<typeof metrics>) =>
  `${name.padEnd(34)} R@1 ${f(m.r1)} (${m.top1}/${m.n})  R@5 ${f(m.r5)}  R@10 ${f(m.r10)}  MRR@10 ${f(m.mrr10)}  nDCG@10 ${f(m.ndcg10)} (${m.ndcg10.toFixed(6)})`;
console.log(line('jugwon (morphemes + bigrams)', jugwon));
console.log(line('whitespace BM25', whitespace));
console.log(line('LanceDB ngram(2,2)', ngram));
const docsPerSecond = docs.length / ingestSeconds;
console.log(
  `ingest: ${docs.length} documents (${chunkCount} chunks) in ${ingestSeconds.toFixed(2)} s = ${docsPerSecond.toFixed(0)} docs/s, ${(chunkCount / ingestSeconds).toFixed(0)} chunks/s`,
);
console.log(
  `query (analysis included): p50 ${pct(latencies, 50).toFixed(2)} ms, p95 ${pct(latencies, 95).toFixed(2)} ms`,
);

if (args.record) {
  const machine = machineLabel();
  // Four decimals: the goals sit at the third, and rounding up must not meet one.
  const cell = (m: ReturnType<typeof metrics>) =>
    `${m.ndcg10.toFixed(4)} / ${m.r1.toFixed(4)} / ${m.mrr10.toFixed(4)}`;
  recordRow(
    new URL('../../docs/benchmarks.md', import.meta.url),
    '| date | machine | jugwon (morphemes',
    `| ${new Date().toISOString().slice(0, 10)} | ${machine} | ${cell(jugwon)} (R@5 ${f(jugwon.r5)}, R@10 ${f(jugwon.r10)}) | ${cell(whitespace)} | ${cell(ngram)} | ${docsPerSecond.toFixed(0)} docs/s, ${(chunkCount / ingestSeconds).toFixed(0)} chunks/s | ${pct(latencies, 50).toFixed(2)} / ${pct(latencies, 95).toFixed(2)} |`,
  );
  console.log('recorded in docs/benchmarks.md');
}
