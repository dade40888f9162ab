import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDetector } from '../../src/privacy/engine.js';
import type { Entity } from '../../src/privacy/types.js';
import { machineLabel, recordRow } from '../record.js';

/**
 * `npm run bench:pii-sets [-- --record]`: the personal-data engine on Korean text this project did
 * not write (../shared/bench-data, read in place; see each README for its licence):
 *
 * - KLUE-NER v1.1 dev (5,000 news and movie-review sentences, 4,418 person spans, CC BY-SA 4.0):
 *   person names only. Its conventions differ from a privacy gateway's in places — public
 *   figures, fictional characters and single surnames standing for withheld names (`김모씨`) are
 *   all `PS` — so the misses are also listed by kind.
 * - ko-pii generated_eval (540 LLM-written documents, 3,635 labelled values in 26 types, no
 *   offsets, MIT): every occurrence of a gold value in its document is a gold span. A value is
 *   found when one occurrence is covered by a prediction of the mapped type, and leaked when some
 *   occurrence has a character no prediction covers (any type). Types jugwon does not detect by
 *   design (job titles, ages, majors…) are reported apart.
 */
const { values: args } = parseArgs({
  options: { record: { type: 'boolean', default: false }, examples: { type: 'string', default: '8' } },
  allowPositionals: true,
});
const data = (p: string) => new URL(`../../../shared/bench-data/${p}`, import.meta.url);
const detector = createDetector();
const shown = Number(args.examples);
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '-');
type Span = { start: number; end: number };
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const covered = (g: Span, ps: readonly Entity[]) => {
  let pos = g.start;
  for (const p of ps) if (p.start <= pos && p.end > pos) pos = p.end;
  return pos >= g.end;
};

// KLUE-NER: sentences with character-level BIO tags; PS spans from the tags.
function klue(): { text: string; persons: Span[]; id: string }[] {
  const out: { text: string; persons: Span[]; id: string }[] = [];
  const blocks = readFileSync(data('klue-ner-v1.1-dev/klue-ner-v1.1_dev.tsv'), 'utf8').split('\n\n');
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l !== '');
    const header = lines.find((l) => l.startsWith('## klue-ner'));
    if (!header) continue;
    const chars: string[] = [];
    const persons: Span[] = [];
    let open: Span | undefined;
    for (const l of lines) {
      if (l.startsWith('##')) continue;
      const tab = l.lastIndexOf('\t');
      const ch = l.slice(0, tab);
      const tag = l.slice(tab + 1);
      const at = chars.length;
      chars.push(ch);
      if (tag === 'B-PS') {
        open = { start: at, end: at + ch.length };
        persons.push(open);
      } else if (tag === 'I-PS' && open) open.end = at + ch.length;
      else open = undefined;
    }
    out.push({ id: header.slice(3, header.indexOf('\t')), text: chars.join(''), persons });
  }
  return out;
}

const klueDocs = klue();
let gold = 0;
let found = 0;
let predicted = 0;
let tp = 0;
const missedBy = { surnameOnly: 0, review: 0, news: 0 };
const misses: string[] = [];
const fps: string[] = [];
for (const d of klueDocs) {
  const people = detector.detect(d.text).filter((e) => e.type === 'PERSON');
  for (const g of d.persons) {
    gold++;
    if (people.some((p) => overlaps(p, g))) found++;
    else {
      if (g.end - g.start === 1) missedBy.surnameOnly++;
      else if (d.id.endsWith('nsmc')) missedBy.review++;
      else missedBy.news++;
      if (misses.length < shown && g.end - g.start > 1)
        misses.push(
          `"${d.text.slice(g.start, g.end)}" in "${d.text.slice(Math.max(0, g.start - 12), g.end + 12)}"`,
        );
    }
  }
  for (const p of people) {
    predicted++;
    if (d.persons.some((g) => overlaps(p, g))) tp++;
    else if (fps.length < shown)
      fps.push(`"${p.text}" in "${d.text.slice(Math.max(0, p.start - 12), p.end + 12)}"`);
  }
}
const multi = klueDocs.flatMap((d) => d.persons).filter((g) => g.end - g.start > 1).length;
console.log(
  `KLUE-NER v1.1 dev: ${klueDocs.length} sentences, ${gold} person spans (${multi} of two or more characters)`,
);
console.log(
  `  PERSON recall ${f3(found / gold)} (of spans of two or more characters: ${f3((found - (gold - multi - missedBy.surnameOnly)) / multi)}), precision ${f3(tp / predicted)} (${predicted} predicted)`,
);
console.log(
  `  missed: ${missedBy.surnameOnly} single-syllable surnames, ${missedBy.news} in news, ${missedBy.review} in movie reviews`,
);
console.log(`  missed, first ${misses.length}:\n    ${misses.join('\n    ')}`);
console.log(`  not in KLUE's person spans, first ${fps.length}:\n    ${fps.join('\n    ')}`);

// ko-pii generated_eval.
const MAPPED: Record<string, string[]> = {
  PERSON: ['PERSON'],
  PHONE: ['PHONE'],
  ADDRESS: ['KR_ADDRESS'],
  EMAIL: ['EMAIL'],
  RRN: ['KR_RRN'],
  FRN: ['KR_FRN', 'KR_RRN'],
  ACCOUNT: ['KR_BANK_ACCOUNT'],
  BUSINESS_REG: ['KR_BRN'],
  CORP_REG: ['KR_CRN'],
  VEHICLE: ['KR_VEHICLE_PLATE'],
  IP: ['IP_ADDRESS'],
  DRIVER_LICENSE: ['KR_DRIVER_LICENSE'],
  PASSPORT: ['KR_PASSPORT'],
  MEDICAL_INSURANCE: ['KR_HEALTH_INSURANCE'],
  CARD: ['CREDIT_CARD'],
  DT_BIRTH: ['BIRTH_DATE'],
  PRESCRIPTION_ID: ['KR_PRESCRIPTION_ID'],
};
const UNIQUE = new Set(['RRN', 'FRN', 'PASSPORT', 'DRIVER_LICENSE']);
interface Doc {
  text: string;
  pii: { type: string; text: string }[];
  domain: string;
}
const docs = readFileSync(data('ko-pii-synthetic/generated_eval.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Doc);
const stats = new Map<
  string,
  { gold: number; found: number; leaked: number; predicted: number; tp: number }
>();
const stat = (t: string) => {
  let s = stats.get(t);
  if (!s) {
    s = { gold: 0, found: 0, leaked: 0, predicted: 0, tp: 0 };
    stats.set(t, s);
  }
  return s;
};
const occurrences = (text: string, value: string): Span[] => {
  const out: Span[] = [];
  for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1))
    out.push({ start: i, end: i + value.length });
  return out;
};
// Each of jugwon's types counts for the first ko-pii type that maps to it (KR_RRN: RRN, not FRN).
const ourType = new Map<string, string>();
for (const [k, vs] of Object.entries(MAPPED)) for (const v of vs) if (!ourType.has(v)) ourType.set(v, k);
const leakExamples: string[] = [];
const missExamples = new Map<string, string[]>();
const fpExamples = new Map<string, string[]>();
for (const d of docs) {
  const predictions = detector.detect(d.text);
  const seen = new Set<string>();
  const goldSpans: { type: string; span: Span }[] = [];
  for (const g of d.pii) {
    const key = `${g.type}\u0000${g.text}`;
    if (seen.has(key)) continue; // listed twice in one document: one value
    seen.add(key);
    const s = stat(g.type);
    s.gold++;
    const spans = occurrences(d.text, g.text);
    for (const span of spans) goldSpans.push({ type: g.type, span });
    const mapped = MAPPED[g.type];
    // Found: a prediction of its type on it (a bank name or a building beside the number may be
    // left out); leaked: one of its characters outside every prediction.
    if (mapped && spans.some((sp) => predictions.some((p) => mapped.includes(p.type) && overlaps(p, sp))))
      s.found++;
    else if (mapped) {
      const list = missExamples.get(g.type) ?? [];
      if (list.length < shown) missExamples.set(g.type, [...list, `"${g.text}"`]);
    }
    if (mapped && spans.some((sp) => !covered(sp, predictions))) {
      s.leaked++;
      if (UNIQUE.has(g.type) && leakExamples.length < shown) leakExamples.push(`${g.type} "${g.text}"`);
    }
  }
  for (const p of predictions) {
    const t = ourType.get(p.type);
    if (!t) continue;
    const s = stat(t);
    s.predicted++;
    if (goldSpans.some((g) => MAPPED[g.type]?.includes(p.type) && overlaps(p, g.span))) s.tp++;
    else {
      const list = fpExamples.get(t) ?? [];
      if (list.length < shown)
        fpExamples.set(t, [
          ...list,
          `"${p.text}" in "${d.text.slice(Math.max(0, p.start - 10), p.end + 10).replace(/\n/g, ' ')}"`,
        ]);
    }
  }
}
console.log(`\nko-pii generated_eval: ${docs.length} documents`);
console.log(
  `  ${'type'.padEnd(18)} ${'gold'.padStart(5)} ${'recall'.padStart(7)} ${'precision'.padStart(9)} ${'leaked'.padStart(6)}`,
);
const inScope = [...stats].filter(([t]) => MAPPED[t]).sort(([a], [b]) => a.localeCompare(b));
const sum = { gold: 0, found: 0, predicted: 0, tp: 0, leakedUnique: 0 };
for (const [t, s] of inScope) {
  console.log(
    `  ${t.padEnd(18)} ${String(s.gold).padStart(5)} ${f3(s.found / s.gold).padStart(7)} ${f3(s.tp / s.predicted).padStart(9)} ${String(s.leaked).padStart(6)}`,
  );
  sum.gold += s.gold;
  sum.found += s.found;
  sum.predicted += s.predicted;
  sum.tp += s.tp;
  if (UNIQUE.has(t)) sum.leakedUnique += s.leaked;
}
console.log(
  `  ${'ALL (in scope)'.padEnd(18)} ${String(sum.gold).padStart(5)} ${f3(sum.found / sum.gold).padStart(7)} ${f3(sum.tp / sum.predicted).padStart(9)}`,
);
const out = [...stats].filter(([t]) => !MAPPED[t]).map(([t, s]) => `${t} ${s.gold}`);
console.log(`  not detected by design: ${out.join(', ')}`);
if (leakExamples.length) console.log(`  leaked unique identifiers:\n    ${leakExamples.join('\n    ')}`);
for (const [t, list] of missExamples) console.log(`  missed ${t}: ${list.join(', ')}`);
for (const [t, list] of fpExamples) console.log(`  false positives ${t}:\n    ${list.join('\n    ')}`);

if (args.record) {
  const person = stats.get('PERSON');
  recordRow(
    new URL('../../docs/benchmarks.md', import.meta.url),
    '| date | machine | KLUE-NER person recall / precision |',
    `| ${new Date().toISOString().slice(0, 10)} | ${machineLabel()} | ${f3(found / gold)} / ${f3(tp / predicted)} | ${f3(sum.found / sum.gold)} / ${f3(sum.tp / sum.predicted)} | ${person ? `${f3(person.found / person.gold)} / ${f3(person.tp / person.predicted)}` : '-'} | ${sum.leakedUnique} |`,
  );
  console.log('recorded in docs/benchmarks.md');
}
