import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { JugwonError } from '../core/errors.js';
import type { Progress } from '../eval/run.js';
import { FORMATS, PROTOCOLS, type Protocol, type SuiteFormat } from '../eval/suite.js';
import { wholeNumber } from './options.js';

const collect = (value: string, previous: string[]) => [...previous, value];

async function configFor(o: { config?: string; dataDir?: string }) {
  const { configFromOptions } = await import('./config.js');
  return configFromOptions(o.config, o.dataDir);
}

/** A progress bar with ETA on a terminal; nothing when standard error is not one. */
function progressBar(): (p: Progress) => void {
  const started = Date.now();
  let startDone = -1;
  return ({ done, total }) => {
    if (!process.stderr.isTTY) return;
    if (startDone < 0) startDone = done;
    const rate = (done - startDone) / Math.max(1, (Date.now() - started) / 1000);
    const eta = rate > 0 ? Math.round((total - done) / rate) : undefined;
    const width = 30;
    const fill = Math.round((width * done) / Math.max(1, total));
    process.stderr.write(
      `\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total}${eta !== undefined ? ` ETA ${eta}s` : ''}   `,
    );
    if (done === total) process.stderr.write('\n');
  };
}

export function registerEvalCommands(program: Command): void {
  const evalCmd = program.command('eval').description('evaluate models on Korean benchmarks, side by side');

  evalCmd
    .command('run')
    .description('run models on suites (KMMLU, HAE-RAE, CLIcK, KoBBQ, KorMedMCQA, multiple-choice JSONL)')
    .requiredOption('--suite <path>', 'suite file or folder (repeatable)', collect, [])
    .option(
      '--format <format>',
      `suite format (${FORMATS.join('|')}); detected from the columns when not given`,
    )
    .requiredOption('--model <id>', 'configured model to evaluate (repeatable)', collect, [])
    .option('--limit <n>', 'items per suite, sampled with a fixed seed across the whole suite')
    .option('--concurrency <c>', 'requests in flight', '1')
    .option(
      '--protocol <protocol>',
      `${PROTOCOLS.join('|')}: as each publisher evaluates the suite (KoBBQ: every sample under three orderings of its choices), or each item once as the file gives it`,
      'official',
    )
    .option(
      '--shots <n>',
      "solved examples before each question, from the suite's dev or fewshot split (default: the publisher's: KMMLU and KorMedMCQA 5, others 0)",
    )
    .option('--seed <n>', 'sampling seed', '1234')
    .option('--config <file>', 'configuration file (the models)')
    .option('--data-dir <dir>', 'data folder (default: from the configuration)')
    .option(
      '--tenant <name>',
      'run as this tenant: its models, policy preset and budgets (default: the operator)',
    )
    .option('--json', 'end with one JSON line {"runId","results"}')
    .action(
      async (o: {
        suite: string[];
        format?: string;
        model: string[];
        limit?: string;
        concurrency: string;
        seed: string;
        config?: string;
        dataDir?: string;
        tenant?: string;
        protocol: string;
        shots?: string;
        json?: boolean;
      }) => {
        const shots = wholeNumber('--shots', o.shots, 0, 25);
        if (!(PROTOCOLS as readonly string[]).includes(o.protocol))
          throw new JugwonError('JG_USAGE', { problem: `--protocol must be one of ${PROTOCOLS.join(', ')}` });
        if (o.format !== undefined && !(FORMATS as readonly string[]).includes(o.format))
          throw new JugwonError('JG_USAGE', { problem: `--format must be one of ${FORMATS.join(', ')}` });
        const limit = wholeNumber('--limit', o.limit, 1);
        const concurrency = wholeNumber('--concurrency', o.concurrency, 1) as number;
        const seed = wholeNumber('--seed', o.seed, 0) as number;
        const config = await configFor(o);
        const { actingFor, withPlatform } = await import('./platform.js');
        const { runEvalAs } = await import('../app/evals.js');
        await withPlatform(config, async (platform) => {
          const record = await runEvalAs(
            platform,
            await actingFor(platform, o.tenant),
            {
              suites: o.suite.map((s) => resolve(s)),
              ...(o.format ? { format: o.format as SuiteFormat } : {}),
              models: o.model,
              ...(limit !== undefined ? { limit } : {}),
              concurrency,
              seed,
              protocol: o.protocol as Protocol,
              ...(shots !== undefined ? { shots } : {}),
            },
            progressBar(),
          );
          for (const s of record.suites)
            process.stdout.write(
              `${s.name} (${s.format}): ${s.found} rows found, ${s.loaded} items loaded, ${s.sampled} evaluated${s.shots ? `, ${s.shots}-shot` : ''}\n`,
            );
          for (const r of record.results) {
            const [lo, hi] = r.metrics.accuracy_ci95 as [number, number];
            process.stdout.write(
              `  ${r.model.padEnd(20)} ${r.suite.padEnd(20)} n=${r.n}  accuracy ${(100 * Number(r.metrics.accuracy)).toFixed(1)}% (95% CI ${(100 * lo).toFixed(1)}–${(100 * hi).toFixed(1)})\n`,
            );
          }
          process.stdout.write(
            `run ${record.runId} (jugwon eval report ${record.runId} --out report.html)\n`,
          );
          if (o.json)
            process.stdout.write(
              `${JSON.stringify({
                runId: record.runId,
                results: record.results.map((r) => ({
                  model: r.model,
                  suite: r.suite,
                  n: r.n,
                  metrics: r.metrics,
                  categories: r.categories,
                  protocol: r.protocol ?? 'official',
                  shots: r.shots ?? 0,
                })),
              })}\n`,
            );
        });
      },
    );

  evalCmd
    .command('report')
    .description('compare runs in one self-contained HTML report')
    .argument('<runs...>', 'run ids')
    .option('--out <file>', 'write the HTML report here')
    .option('--json', 'print the comparison as JSON')
    .option('--config <file>', 'configuration file')
    .option('--data-dir <dir>', 'data folder (default: from the configuration)')
    .action(
      async (runs: string[], o: { out?: string; json?: boolean; config?: string; dataDir?: string }) => {
        if (!o.out && !o.json)
          throw new JugwonError('JG_USAGE', { problem: 'give --out report.html, --json or both' });
        const config = await configFor(o);
        const { compare, reportHtml } = await import('../eval/report.js');
        const { readRun } = await import('../eval/run.js');
        const comparison = compare(runs.map((r) => readRun(config.dataDir, r)));
        if (o.out) {
          writeFileSync(o.out, reportHtml(comparison));
          if (!o.json) process.stdout.write(`report written to ${o.out}\n`);
        }
        if (o.json) process.stdout.write(`${JSON.stringify(comparison)}\n`);
      },
    );

  evalCmd
    .command('list')
    .description('finished evaluation runs, newest first')
    .option('--json', 'as JSON')
    .option('--config <file>', 'configuration file')
    .option('--data-dir <dir>', 'data folder (default: from the configuration)')
    .action(async (o: { json?: boolean; config?: string; dataDir?: string }) => {
      const { listRuns } = await import('../eval/run.js');
      const runs = listRuns((await configFor(o)).dataDir);
      if (o.json) {
        process.stdout.write(
          `${JSON.stringify(runs.map(({ runId, created, options, results }) => ({ runId, created, models: options.models, results })))}\n`,
        );
        return;
      }
      if (runs.length === 0) process.stdout.write('No evaluation runs.\n');
      for (const r of runs)
        process.stdout.write(
          `${r.runId}  ${r.created}  ${r.options.models.join(', ')}  ${r.suites.map((s) => `${s.name}(${s.sampled})`).join(', ')}\n`,
        );
    });
}
