import type { Command } from 'commander';
import { JugwonError } from '../core/errors.js';
import { readStdinText, readTextFile } from './io.js';
import type { CommonOptions } from './pii-scan.js';

/** 16 MB: the longest JSON line `pii scan --jsonl` accepts unless told otherwise. */
const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

export function registerPiiCommands(program: Command): void {
  const pii = program.command('pii').description('find and pseudonymise Korean personal data');

  pii
    .command('scan')
    .description('list personal data in a file, or in JSON lines read from standard input')
    .argument('[file]', 'text file to scan (pretty output)')
    .option('--jsonl', 'read {"id","text"} lines from standard input, write {"id","entities"} lines')
    .option('--threshold <score>', 'lowest score reported, 0-1 (default 0.5)')
    .option('--types <list>', 'report only these types, comma-separated')
    .option('--config <file>', 'configuration file (privacy section)')
    .option('--max-line-bytes <n>', 'longest accepted JSON line', String(DEFAULT_MAX_LINE_BYTES))
    .action(
      async (file: string | undefined, o: CommonOptions & { jsonl?: boolean; maxLineBytes: string }) => {
        const { buildDetector, scanJsonl, formatEntities } = await import('./pii-scan.js');
        const { detector } = buildDetector(o);
        if (o.jsonl) {
          if (file)
            throw new JugwonError('JG_USAGE', {
              problem: '--jsonl reads standard input; do not pass a file.',
            });
          const max = Number(o.maxLineBytes);
          if (!(Number.isInteger(max) && max > 0))
            throw new JugwonError('JG_USAGE', { problem: '--max-line-bytes must be a positive integer' });
          process.exitCode = await scanJsonl(detector, process.stdin, process.stdout, process.stderr, max);
          return;
        }
        const text = file && file !== '-' ? readTextFile(file) : await readStdinText();
        process.stdout.write(formatEntities(text, detector.detect(text)));
      },
    );

  pii
    .command('mask')
    .description('print the text with personal data replaced by placeholders or surrogates')
    .argument('[file]', 'text file, or - for standard input', '-')
    .option('--mode <mode>', 'tag (〔KR_RRN_1〕) or surrogate (format-valid fake values)')
    .option('--threshold <score>', 'lowest score masked, 0-1 (default 0.5)')
    .option('--types <list>', 'mask only these types, comma-separated')
    .option('--config <file>', 'configuration file (privacy section)')
    .option('--seed <n>', 'seed for surrogate values (reproducible output)')
    .action(async (file: string, o: CommonOptions & { mode?: string; seed?: string }) => {
      const { buildDetector } = await import('./pii-scan.js');
      const { mask } = await import('../privacy/mask.js');
      const { detector, mode: configured } = buildDetector(o);
      const mode = o.mode ?? configured;
      if (mode !== 'tag' && mode !== 'surrogate')
        throw new JugwonError('JG_USAGE', { problem: `--mode must be tag or surrogate, got "${mode}"` });
      const seed = o.seed === undefined ? undefined : Number(o.seed);
      if (seed !== undefined && !Number.isInteger(seed))
        throw new JugwonError('JG_USAGE', { problem: '--seed must be an integer' });
      const text = file === '-' ? await readStdinText() : readTextFile(file);
      const result = mask(text, { mode, detector, ...(seed !== undefined ? { seed } : {}) });
      process.stdout.write(result.text);
    });
}
