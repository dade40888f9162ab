import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createDetector } from '../../src/privacy/engine.js';
import type { Entity } from '../../src/privacy/types.js';
import { type GoldEntity, generateCorpus, type LabelledDoc } from './corpus.js';

/**
 * `npm run bench:pii [-- --docs N --seed S --write corpus.jsonl --record]`
 * Precision, recall and leaks per type on the generated corpus, and single-core throughput on
 * ~10 MB of mixed Korean text. `--record` appends the result to docs/benchmarks.md.
 */
const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '20261128' },
    write: { type: 'string' },
    record: { type: 'boolean', default: false },
    'throughput-mb': { type: 'string', default: '10' },
  },
  allowPositionals: true,
});

const seed = Number(args.seed);
const corpus = generateCorpus(seed, Number(args.docs));
if (args.write) {
  writeFileSync(args.write, `${corpus.map((d) => JSON.stringify(d)).join('\n')}\n`);
  console.log(`wrote ${corpus.length} documents to ${args.write}`);
}

interface Counts {
  gold: number;
  predicted: number;
  tp: number;
  exact: number;
  leaked: number;
}
const perType = new Map<string, Counts>();
const counts = (t: string) => {
  let c = perType.get(t);
  if (!c) {
    c = { gold: 0, predicted: 0, tp: 0, exact: 0, leaked: 0 };
    perType.set(t, c);
  }
  return c;
};
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
const leakExamples: string[] = [];
const fpExamples: string[] = [];

const detector = createDetector();
let bytes = 0;
let detectMs = 0;
for (const doc of corpus) {
  bytes += Buffer.byteLength(doc.text);
  const t0 = performance.now();
  const predicted = detector.detect(doc.text);
  detectMs += performance.now() - t0;
  score(doc, predicted);
}

function score(doc: LabelledDoc, predicted: Entity[]): void {
  const used = new Set<Entity>();
  for (const gold of doc.entities) {
    const c = counts(gold.type);
    c.gold++;
    const match = predicted.find((p) => !used.has(p) && p.type === gold.type && overlaps(p, gold));
    if (match) {
      used.add(match);
      c.tp++;
      if (match.start === gold.start && match.end === gold.end) c.exact++;
    }
    if (!covered(gold, predicted)) {
      c.leaked++;
      if (leakExamples.length < 15)
        leakExamples.push(
          `${gold.type} ${doc.text.slice(gold.start, gold.end)} in …${doc.text.slice(Math.max(0, gold.start - 15), gold.end + 10)}…`,
        );
    }
  }
  for (const p of predicted) {
    counts(p.type).predicted++;
    const shown = fpExamples.filter((x) => x.startsWith(`${p.type} `)).length;
    if (!used.has(p) && shown < 12)
      fpExamples.push(
        `${p.type} "${p.text}" ${p.score} in …${doc.text.slice(Math.max(0, p.start - 12), p.end + 8)}…`,
      );
  }
}

/** A gold entity leaks when some character of it is left outside every predicted span. */
function covered(gold: GoldEntity, predicted: Entity[]): boolean {
  let pos = gold.start;
  for (const p of [...predicted].sort((a, b) => a.start - b.start)) {
    if (p.start <= pos && p.end > pos) pos = p.end;
    if (pos >= gold.end) return true;
  }
  return pos >= gold.end;
}

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
const rows = [...perType].sort(([a], [b]) => a.localeCompare(b));
console.log(`corpus: ${corpus.length} documents, seed ${seed}, ${(bytes / 1e6).toFixed(2)} MB`);
console.log('type                  gold  pred  precision  recall  exact  leaked');
let totalTp = 0;
let totalPred = 0;
let totalGold = 0;
let totalLeaked = 0;
for (const [type, c] of rows) {
  totalTp += c.tp;
  totalPred += c.predicted;
  totalGold += c.gold;
  totalLeaked += c.leaked;
  console.log(
    `${type.padEnd(20)} ${String(c.gold).padStart(5)} ${String(c.predicted).padStart(5)}  ${pct(c.tp / c.predicted).padStart(9)}  ${pct(c.tp / c.gold).padStart(6)}  ${pct(c.exact / c.tp).padStart(5)}  ${String(c.leaked).padStart(6)}`,
  );
}
const precision = totalTp / totalPred;
const recall = totalTp / totalGold;
console.log(
  `${'ALL'.padEnd(20)} ${String(totalGold).padStart(5)} ${String(totalPred).padStart(5)}  ${pct(precision).padStart(9)}  ${pct(recall).padStart(6)}         ${String(totalLeaked).padStart(6)}`,
);
if (leakExamples.length) console.log(`\nleaks:\n  ${leakExamples.join('\n  ')}`);
if (fpExamples.length)
  console.log(`\nfalse positives (first ${fpExamples.length}):\n  ${fpExamples.join('\n  ')}`);

// Throughput: one long mixed text (documents joined until the size is reached), best of 3 runs.
const targetBytes = Number(args['throughput-mb']) * 1e6;
const parts: string[] = [];
let size = 0;
for (let i = 0; size < targetBytes; i++) {
  const t = (corpus[i % corpus.length] as LabelledDoc).text;
  parts.push(t);
  size += Buffer.byteLength(t) + 1;
}
const big = parts.join('\n');
const bigBytes = Buffer.byteLength(big);
detector.detect(big.slice(0, 200_000)); // warm up
let best = Number.POSITIVE_INFINITY;
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  detector.detect(big);
  best = Math.min(best, performance.now() - t0);
}
const mbps = bigBytes / 1e6 / (best / 1000);
const perDocMbps = bytes / 1e6 / (detectMs / 1000);
console.log(
  `\nthroughput: ${mbps.toFixed(1)} MB/s on one ${(bigBytes / 1e6).toFixed(1)} MB text (${(big.length / (best / 1000) / 1e6).toFixed(1)} M chars/s); ${perDocMbps.toFixed(1)} MB/s over ${corpus.length} separate documents`,
);

// Same measure on real Korean prose (KorQuAD 1.0 dev contexts) when the shared data is present.
let prose = '';
try {
  const kq = JSON.parse(
    readFileSync(
      new URL('../../../shared/bench-data/korquad-v1-dev/KorQuAD_v1.0_dev.json', import.meta.url),
      'utf8',
    ),
  ) as {
    data: { paragraphs: { context: string }[] }[];
  };
  const contexts = kq.data.flatMap((d) => d.paragraphs.map((p) => p.context)).join('\n');
  const rounds = Math.ceil(targetBytes / Buffer.byteLength(contexts));
  const text = Array.from({ length: rounds }, () => contexts).join('\n');
  detector.detect(text.slice(0, 200_000));
  let bestProse = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    detector.detect(text);
    bestProse = Math.min(bestProse, performance.now() - t0);
  }
  prose = (Buffer.byteLength(text) / 1e6 / (bestProse / 1000)).toFixed(1);
  console.log(`throughput on KorQuAD prose: ${prose} MB/s`);
} catch {
  console.log('(KorQuAD data not found next to the repository; prose throughput skipped)');
}

if (args.record) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const date = new Date().toISOString().slice(0, 10);
  const leakedTypes = rows.filter(([, c]) => c.leaked > 0).map(([t, c]) => `${t} ${c.leaked}`);
  const person = perType.get('PERSON');
  appendFileSync(
    new URL('../../docs/benchmarks.md', import.meta.url),
    `| ${date} | ${cpu}, Node ${process.version} | ${corpus.length} docs, seed ${seed} | ${pct(precision)} | ${pct(recall)} | ${person ? `${pct(person.tp / person.predicted)} / ${pct(person.tp / person.gold)}` : '-'} | ${leakedTypes.length ? leakedTypes.join(', ') : '0'} | ${mbps.toFixed(1)} | ${prose || '-'} |\n`,
  );
  console.log('recorded in docs/benchmarks.md');
}
