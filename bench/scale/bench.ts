import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seeded } from '../../src/core/random.js';
import { chunkDocument } from '../../src/knowledge/chunk.js';
import { KnowledgeIndex } from '../../src/knowledge/index-store.js';
import { parseText } from '../../src/knowledge/parsers/text.js';
import { machineLabel, recordRow } from '../record.js';

/**
 * `npm run bench:scale [-- --chunks N] [--record]`: the knowledge base at scale. Generates N
 * Korean chunks (default 1,000,000) by drawing sentences of KorQuAD 1.0 dev (read from
 * ../shared/bench-data at run time) with a fixed seed, ingests them through the same path as
 * `jugwon ingest` (chunking, analysis, 500 documents per batch, then the full-text index), and
 * measures ingest time, index size on disk, query p50/p95 (analysis included) and memory.
 */
const { values: args } = parseArgs({
  options: {
    chunks: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '1000' },
    record: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    // Query an index kept by an earlier `--keep` run instead of building one.
    dir: { type: 'string' },
  },
});
const total = Number(args.chunks);
const BATCH = 500;

interface Kq {
  data: { title: string; paragraphs: { context: string; qas: { question: string }[] }[] }[];
}
const kq = JSON.parse(
  readFileSync(
    new URL('../../../shared/bench-data/korquad-v1-dev/KorQuAD_v1.0_dev.json', import.meta.url),
    'utf8',
  ),
) as Kq;
const sentences: string[] = [];
const titles: string[] = [];
const questions: string[] = [];
for (const a of kq.data) {
  titles.push(a.title.replace(/_/g, ' '));
  for (const p of a.paragraphs) {
    sentences.push(...p.context.split(/(?<=[.?!])\s+/).filter((s) => s.length > 10));
    questions.push(...p.qas.map((q) => q.question));
  }
}

const random = seeded(20261128);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
/** One generated passage: sentences drawn until ~300-600 characters. */
function passage(): string {
  const target = 300 + Math.floor(random() * 300);
  const out: string[] = [];
  let n = 0;
  while (n < target) {
    const s = pick(sentences);
    out.push(s);
    n += s.length + 1;
  }
  return out.join(' ');
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

if (args.dir && args.record) throw new Error('--record measures a fresh build; leave out --dir');
const dir = args.dir ?? mkdtempSync(join(tmpdir(), 'jugwon-scale-'));
const built = args.dir ? undefined : await build(dir);

/** Generates and ingests the chunks into `dir`, then builds the full-text index. */
async function build(dir: string) {
  const index = await KnowledgeIndex.open(dir);
  console.log(
    `generating and ingesting ${total.toLocaleString()} chunks (${sentences.length} source sentences) into ${dir}`,
  );
  let ingested = 0;
  let generateMs = 0;
  const started = performance.now();
  for (let d = 0; ingested < total; ) {
    const g = performance.now();
    const texts: string[] = [];
    for (let i = 0; i < BATCH && ingested + texts.length < total; i++) texts.push(passage());
    generateMs += performance.now() - g;
    const batch = texts.map((text) => ({
      docId: `doc-${d++}`,
      source: 'generated',
      title: pick(titles),
      chunks: chunkDocument(parseText(text)),
    }));
    ingested += await index.replaceDocuments('scale', batch);
    if (ingested % 20_000 < BATCH)
      process.stderr.write(
        `\r${ingested.toLocaleString()} chunks, ${(ingested / ((performance.now() - started - generateMs) / 1000)).toFixed(0)}/s`,
      );
  }
  const addSeconds = (performance.now() - started - generateMs) / 1000;
  const indexStarted = performance.now();
  await index.reindex('scale');
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  if (process.stderr.isTTY) process.stderr.write('\n');
  return { ingested, generateMs, addSeconds, indexSeconds, ingestSeconds: addSeconds + indexSeconds };
}

function du(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, name) => n + du(join(path, name)), 0);
}
const diskBytes = du(join(dir, 'knowledge'));
const rssAfterIngest = process.memoryUsage().rss;

// Queries on a fresh handle, as a server would open the collection.
const reader = await KnowledgeIndex.open(dir);
const first = performance.now();
await reader.search('scale', pick(questions), 10);
const firstMs = performance.now() - first;
const latencies: number[] = [];
const nq = Number(args.queries);
for (let i = 0; i < nq; i++) {
  const q = pick(questions);
  const s = performance.now();
  await reader.search('scale', q, 10);
  latencies.push(performance.now() - s);
}
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const pct = (p: number) =>
  [...latencies].sort((a, b) => a - b)[Math.floor((p / 100) * latencies.length)] as number;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

if (built)
  console.log(
    `ingest: ${built.ingested.toLocaleString()} chunks in ${built.ingestSeconds.toFixed(1)} s = ${(built.ingested / built.ingestSeconds).toFixed(0)} chunks/s (chunk + analyse + add ${built.addSeconds.toFixed(1)} s, compaction and full-text index ${built.indexSeconds.toFixed(1)} s; generating the text, ${(built.generateMs / 1000).toFixed(1)} s, not counted)`,
  );
const chunks = built?.ingested ?? (await reader.collections())[0]?.chunks ?? 0;
console.log(`disk: ${mb(diskBytes)} (${(diskBytes / chunks).toFixed(0)} bytes/chunk)`);
console.log(
  `query (analysis included, ${nq} KorQuAD questions): first ${firstMs.toFixed(0)} ms, p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms`,
);
console.log(`memory: peak RSS ${mb(peakRss)}, after ingest ${mb(rssAfterIngest)}`);

if (args.record && built) {
  const { ingested, ingestSeconds, indexSeconds } = built;
  recordRow(
    new URL('../../docs/benchmarks.md', import.meta.url),
    '| date | machine | chunks |',
    `| ${new Date().toISOString().slice(0, 10)} | ${machineLabel()} | ${ingested.toLocaleString('en')} | ${ingestSeconds.toFixed(0)} s (${(ingested / ingestSeconds).toFixed(0)} chunks/s; index ${indexSeconds.toFixed(0)} s) | ${mb(diskBytes)} | ${pct(50).toFixed(1)} / ${pct(95).toFixed(1)} | ${mb(peakRss)} |`,
  );
}
if (!args.keep && !args.dir) rmSync(dir, { recursive: true, force: true });
