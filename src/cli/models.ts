import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

function progressBar(out: NodeJS.WriteStream) {
  let last = 0;
  const started = Date.now();
  return (received: number, total: number | undefined) => {
    const now = Date.now();
    if (now - last < 200 && received !== total) return;
    last = now;
    const rate = received / Math.max(0.001, (now - started) / 1000);
    const width = 30;
    const bar = total ? '#'.repeat(Math.round((received / total) * width)).padEnd(width, '.') : '';
    const pct = total ? ` ${((received / total) * 100).toFixed(1)}%` : '';
    const text = `${bar}${pct} ${mb(received)}${total ? ` / ${mb(total)}` : ''} ${mb(rate)}/s`;
    if (out.isTTY) out.write(`\r${text}`);
    else if (received === total) out.write(`${text}\n`);
  };
}

export function registerModelCommands(program: Command): void {
  const models = program.command('models').description('list and download models');

  models
    .command('list')
    .description('configured models, and GGUF files in the data folder')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .action(async (o: { config?: string; json?: boolean }) => {
      const { configFromOptions } = await import('./config.js');
      const config = configFromOptions(o.config);
      const dir = join(config.dataDir, 'models');
      let files: { file: string; bytes: number }[] = [];
      try {
        files = readdirSync(dir)
          .filter((f) => f.endsWith('.gguf'))
          .map((f) => ({ file: join(dir, f), bytes: statSync(join(dir, f)).size }));
      } catch {
        // no models folder yet
      }
      const configured = config.models.map((m) => ({
        id: m.id,
        provider: m.provider,
        residency: m.residency,
        capabilities: m.capabilities,
        source:
          m.provider === 'llamacpp' ? m.path : (m.baseUrl ?? m.endpoints?.map((e) => e.baseUrl).join(', ')),
      }));
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ models: configured, files })}\n`);
        return;
      }
      process.stdout.write(configured.length ? '' : 'No models configured.\n');
      for (const m of configured)
        process.stdout.write(
          `${m.id.padEnd(20)} ${m.provider.padEnd(18)} ${m.residency.padEnd(9)} ${m.source}\n`,
        );
      if (files.length)
        process.stdout.write(
          `\nGGUF files in ${dir}:\n${files.map((f) => `  ${f.file} (${mb(f.bytes)})\n`).join('')}`,
        );
    });

  models
    .command('pull')
    .description(
      'download a GGUF file: <owner>/<repo>/<file>.gguf (hub.url in the configuration, or HF_ENDPOINT, selects a mirror)',
    )
    .argument('<spec>', 'e.g. LGAI-EXAONE/EXAONE-3.5-2.4B-Instruct-GGUF/EXAONE-3.5-2.4B-Instruct-Q4_K_M.gguf')
    .option('--config <file>', 'configuration file (the file goes to <dataDir>/models)')
    .option('--to <dir>', 'download folder instead')
    .option('--revision <rev>', 'branch, tag or commit', 'main')
    .action(async (spec: string, o: { config?: string; to?: string; revision: string }) => {
      const { configFromOptions } = await import('./config.js');
      const { pullModel } = await import('../models/pull.js');
      const config = configFromOptions(o.config);
      const dir = o.to ?? join(config.dataDir, 'models');
      const target = await pullModel(spec, {
        endpoint: config.hub.url,
        dir,
        revision: o.revision,
        onProgress: progressBar(process.stderr),
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      process.stdout.write(`${target}\n`);
    });
}
