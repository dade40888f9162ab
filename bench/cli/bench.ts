import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from '../pii/corpus.js';
import { machineLabel, recordRow } from '../record.js';

/**
 * `npm run bench:cli [-- --runs 5 --record]`: wall time from start to exit of the built `jugwon`
 * command, median of N runs each: `--version`, `pii scan --jsonl` over one short line (the
 * start-up a script pays per call), and `pii scan --jsonl` over 8 MB of PII-dense documents (the
 * generated corpus of bench:pii), start-up included, reading and writing files as `< in > out`.
 * Run from an empty folder (no jugwon.yaml).
 */
const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, record: { type: 'boolean', default: false } },
});
const BIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const cwd = mkdtempSync(`${tmpdir()}/jugwon-cli-bench-`);

/**
 * Runs the command as a user would, `jugwon … < in.jsonl > out.jsonl`: standard input and output
 * are files (piping megabytes through this process would time the pipe, not the command).
 */
function median(argv: string[], input = ''): number {
  const times: number[] = [];
  const inFile = join(cwd, 'in.jsonl');
  writeFileSync(inFile, input);
  for (let i = 0; i < Number(args.runs); i++) {
    const stdin = openSync(inFile, 'r');
    const stdout = openSync(join(cwd, 'out.jsonl'), 'w');
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, ...argv], {
      cwd,
      stdio: [stdin, stdout, 'pipe'],
      encoding: 'utf8',
    });
    closeSync(stdin);
    closeSync(stdout);
    times.push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`jugwon ${argv.join(' ')} failed: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

const version = median(['--version']);
const docs = generateCorpus(20261128, 3000);
let big = '';
for (let i = 0; Buffer.byteLength(big) < 8e6; i++)
  big += `${JSON.stringify({ id: i, text: (docs[i % docs.length] as { text: string }).text })}\n`;
const bulk = median(['pii', 'scan', '--jsonl'], big);
const scan = median(['pii', 'scan', '--jsonl'], '{"id":1,"text":"고객 김민준님 010-1234-5678"}\n');
console.log(
  `jugwon --version: ${version.toFixed(3)} s; jugwon pii scan --jsonl (one line): ${scan.toFixed(3)} s; over 8 MB: ${bulk.toFixed(3)} s (median of ${args.runs})`,
);
if (args.record) {
  recordRow(
    'docs/benchmarks.md',
    '| date | machine | `--version` (s) |',
    `| ${new Date().toISOString().slice(0, 10)} | ${machineLabel()} | ${version.toFixed(3)} | ${scan.toFixed(3)} | ${bulk.toFixed(3)} |`,
  );
  console.log('recorded in docs/benchmarks.md');
}
