import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadOrCreateSigner } from '../audit/signing.js';
import { loadConfig, type ResolvedConfig, resolveConfig } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import { STARTER_CONFIG } from '../core/starter-config.js';
import { createServer } from '../server.js';
import { bootstrapAdmin } from './admin.js';

const DEFAULT_FILE = 'jugwon.yaml';

/** --config FILE, else ./jugwon.yaml when present, else the built-in defaults (one embedded model). */
export function configFromOptions(file: string | undefined): ResolvedConfig {
  if (file) return loadConfig(file);
  if (existsSync(DEFAULT_FILE)) return loadConfig(DEFAULT_FILE);
  return resolveConfig({
    models: [{ id: 'local', provider: 'llamacpp', path: './data/models/default.gguf', residency: 'onprem' }],
  });
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('run the OpenAI-compatible gateway')
    .option('--config <file>', `configuration file (default: ./${DEFAULT_FILE} if present)`)
    .option('--host <host>', 'listen address (overrides the configuration)')
    .option('--port <port>', 'listen port (overrides the configuration)')
    .action(async (o: { config?: string; host?: string; port?: string }) => {
      const config = configFromOptions(o.config);
      const port = o.port === undefined ? config.server.port : Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new JugwonError('JG_USAGE', { problem: `--port must be 0-65535, got "${o.port}"` });
      const host = o.host ?? config.server.host;
      const server = await createServer(config);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`jugwon: ${signal}: finishing running requests, then stopping\n`);
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
      const address = await server.app.listen({ host, port });
      const health = await server.gateway.health();
      process.stderr.write(
        `jugwon gateway on ${address}/v1 (policy ${config.policy.preset})\n` +
          `  web console on ${address}/ (users sign in with: jugwon users create NAME --tenant T --password-stdin)\n` +
          health.models
            .map((m) => `  model ${m.id} (${m.residency}): ${m.ok ? m.detail : `unavailable: ${m.detail}`}\n`)
            .join('') +
          (health.models.some((m) => !m.ok)
            ? '  Place a GGUF file there, or run: jugwon models pull <owner>/<repo>/<file>.gguf\n'
            : ''),
      );
    });

  program
    .command('init')
    .description(`write a commented starter configuration (${DEFAULT_FILE})`)
    .option('--config <file>', 'where to write it', DEFAULT_FILE)
    .option('--force', 'overwrite an existing file')
    .action(async (o: { config: string; force?: boolean }) => {
      if (existsSync(o.config) && !o.force) {
        throw new JugwonError('JG_USAGE', {
          problem: `${o.config} already exists; pass --force to overwrite it`,
        });
      }
      writeFileSync(o.config, STARTER_CONFIG);
      process.stdout.write(`wrote ${o.config}\n`);
      const config = loadConfig(o.config);
      const signer = loadOrCreateSigner(config.dataDir);
      if (signer.created)
        process.stdout.write(`created the audit signing key in ${join(config.dataDir, 'keys')}\n`);
      const admin = await bootstrapAdmin(config);
      if (admin) {
        process.stdout.write(`admin API key (shown once, store it now):\n${admin.key}\n`);
      }
    });
}
