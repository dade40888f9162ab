import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import CFB from 'cfb';
import { documentText } from '../../src/knowledge/document.js';
import { parseFile } from '../../src/knowledge/parsers/index.js';
import { machineLabel, recordRow } from '../record.js';

/**
 * `npm run bench:parsers [-- --record]`: HWP and HWPX extraction scored as the fixture set's README
 * defines it (../shared/bench-data/hwp-fixtures, read at run time): Hangul and text coverage as
 * character multisets, table-cell, note and header/footer coverage as whitespace-free substrings,
 * errors; the HWP singletons against their own PrvText preview.
 */
const { values: args } = parseArgs({
  options: { record: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } },
});
const DIR = fileURLToPath(new URL('../../../shared/bench-data/hwp-fixtures/', import.meta.url));

interface Piece {
  segs: string[];
}
interface Truth {
  cells: Piece[];
  notes: Piece[];
  header_footer: Piece[];
}

const squash = (s: string) => s.replace(/\s+/g, '');
function counts(s: string, keep: (c: string) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of s) if (keep(c)) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}
/** Σ min(out_c, exp_c) / Σ exp_c, or undefined when the truth has none of these characters. */
function coverage(out: string, exp: string, keep: (c: string) => boolean): [number, number] {
  const o = counts(out, keep);
  let hit = 0;
  let all = 0;
  for (const [c, n] of counts(exp, keep)) {
    all += n;
    hit += Math.min(n, o.get(c) ?? 0);
  }
  return [hit, all];
}
const hangul = (c: string) => c >= '\uAC00' && c <= '\uD7A3';
const nonSpace = (c: string) => !/\s/.test(c);
function found(pieces: Piece[], out: string): [number, number] {
  const flat = squash(out);
  const scored = pieces.filter((p) => squash(p.segs.join('')).length >= 2);
  return [scored.filter((p) => p.segs.every((s) => flat.includes(squash(s)))).length, scored.length];
}

type Key = 'hangul' | 'text' | 'extra' | 'cells' | 'notes' | 'headers';
type Tally = Record<Key, [number, number]> & {
  files: number;
  errors: number;
  ms: number;
};
const tally = (): Tally => ({
  hangul: [0, 0],
  text: [0, 0],
  extra: [0, 0],
  cells: [0, 0],
  notes: [0, 0],
  headers: [0, 0],
  files: 0,
  errors: 0,
  ms: 0,
});
const add = (t: Tally, k: Key, [h, a]: [number, number]) => {
  t[k][0] += h;
  t[k][1] += a;
};

async function extract(file: string): Promise<string | undefined> {
  try {
    const docs = await parseFile(file);
    return docs.map((d) => documentText(d.doc)).join('\n');
  } catch (e) {
    if (args.verbose) console.log(`  ${file}: ${(e as Error).message}`);
    return undefined;
  }
}

const files = readdirSync(DIR);
const pairs = files
  .filter((f) => f.endsWith('.expected.txt'))
  .map((f) => f.slice(0, -'.expected.txt'.length));
const results: Record<'hwp' | 'hwpx', Tally> = { hwp: tally(), hwpx: tally() };
for (const ext of ['hwp', 'hwpx'] as const) {
  const t = results[ext];
  for (const name of pairs) {
    const expected = readFileSync(join(DIR, `${name}.expected.txt`), 'utf8');
    const truth = JSON.parse(readFileSync(join(DIR, `${name}.truth.json`), 'utf8')) as Truth;
    const started = performance.now();
    const out = await extract(join(DIR, `${name}.${ext}`));
    t.ms += performance.now() - started;
    t.files++;
    if (out === undefined) t.errors++;
    const text = out ?? '';
    const h = coverage(text, expected, hangul);
    add(t, 'hangul', h);
    const c = coverage(text, expected, nonSpace);
    add(t, 'text', c);
    // Characters the output has beyond the truth (junk such as field parameters or numbers).
    const outChars = [...text].filter(nonSpace).length;
    add(t, 'extra', [outChars - c[0], outChars]);
    add(t, 'cells', found(truth.cells, text));
    add(t, 'notes', found(truth.notes, text));
    add(t, 'headers', found(truth.header_footer, text));
    if (args.verbose && h[0] < h[1]) console.log(`  ${name}.${ext}: Hangul ${h[0]}/${h[1]}`);
  }
}

// The encrypted pair: failing or printing nothing both pass.
let encryptedOk = 0;
for (const ext of ['hwp', 'hwpx']) {
  const out = await extract(join(DIR, `ohah-password-12345.${ext}`));
  if (out === undefined || out.trim() === '') encryptedOk++;
}

// Singletons: the share of their PrvText pieces found in the output.
const singles = files.filter(
  (f) => f.endsWith('.hwp') && !pairs.includes(f.slice(0, -4)) && !f.includes('password'),
);
let pieceHit = 0;
let pieceAll = 0;
for (const f of singles) {
  const cfb = CFB.read(readFileSync(join(DIR, f)), { type: 'buffer' });
  const prv = CFB.find(cfb, 'PrvText');
  const preview = prv ? Buffer.from(prv.content as Uint8Array).toString('utf16le') : '';
  const pieces = preview
    .split(/[\r\n<>]+/)
    .map(squash)
    .filter((p) => p.length >= 2);
  const out = squash((await extract(join(DIR, f))) ?? '');
  pieceAll += pieces.length;
  pieceHit += pieces.filter((p) => out.includes(p)).length;
}

const pct = ([h, a]: [number, number]) => (a === 0 ? 'n/a' : `${((100 * h) / a).toFixed(1)}%`);
for (const ext of ['hwp', 'hwpx'] as const) {
  const t = results[ext];
  console.log(
    `${ext.padEnd(5)} ${t.files} files: Hangul ${pct(t.hangul)}, text ${pct(t.text)}, extra characters ${pct(t.extra)}, cells ${pct(t.cells)} (${t.cells[0]}/${t.cells[1]}), notes ${pct(t.notes)}, headers/footers ${pct(t.headers)}, errors ${t.errors}, ${(t.ms / t.files).toFixed(1)} ms/file`,
  );
}
console.log(
  `encrypted pair handled: ${encryptedOk}/2; HWP singletons PrvText pieces ${pieceHit}/${pieceAll}`,
);

if (args.record) {
  const date = new Date().toISOString().slice(0, 10);
  const machine = machineLabel();
  for (const ext of ['hwp', 'hwpx'] as const) {
    const t = results[ext];
    recordRow(
      new URL('../../docs/benchmarks.md', import.meta.url),
      '| date | machine | format |',
      `| ${date} | ${machine} | ${ext} (${t.files}) | ${pct(t.hangul)} | ${pct(t.text)} | ${pct(t.extra)} | ${pct(t.cells)} | ${pct(t.notes)} | ${pct(t.headers)} | ${t.errors} | ${encryptedOk}/2 | ${ext === 'hwp' ? `${pieceHit}/${pieceAll}` : '–'} | ${(t.ms / t.files).toFixed(1)} |`,
    );
  }
}
