import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { JugwonError } from '../core/errors.js';
import { DEFAULT_CONFIG_FILE } from './options.js';

/** How to sign in to the console for the first time (the generated password is shown only here). */
function consoleWelcome(
  config: { server: { host: string; port: number } },
  u: { user: string; password: string; generated: boolean },
  address = `http://${config.server.host}:${config.server.port}`,
): string {
  return (
    `  first console sign-in at ${address}/ — tenant: admin, user: ${u.user}, password: ${u.generated ? `${u.password} (shown once; change it in the console)` : 'the one you gave'}\n` +
    '  more users: jugwon users create NAME --tenant T --password-stdin (or in the console, 관리)\n'
  );
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('run the OpenAI-compatible gateway')
    .option('--config <file>', `configuration file (default: ./${DEFAULT_CONFIG_FILE} if present)`)
    .option('--host <host>', 'listen address (overrides the configuration)')
    .option('--port <port>', 'listen port (overrides the configuration)')
    .action(async (o: { config?: string; host?: string; port?: string }) => {
      const { configFromOptions } = await import('./config.js');
      const config = configFromOptions(o.config);
      const port = o.port === undefined ? config.server.port : Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new JugwonError('JG_USAGE', { problem: `--port must be 0-65535, got "${o.port}"` });
      const host = o.host ?? config.server.host;
      const { createServer } = await import('../http/server.js');
      const { readiness } = await import('../app/models.js');
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
      let address: string;
      try {
        address = await server.app.listen({ host, port });
      } catch (e) {
        await server.close();
        if ((e as { code?: string }).code === 'EADDRINUSE')
          throw new JugwonError('JG_PORT_IN_USE', { host, port });
        throw e;
      }
      const health = await readiness(server.platform);
      // The first start of a new installation: a console user to sign in with, shown once.
      const { firstConsoleUser } = await import('../app/admin.js');
      const { cliActor } = await import('./platform.js');
      const first = await firstConsoleUser(server.platform, cliActor());
      process.stderr.write(
        `jugwon gateway on ${address}/v1 (policy ${config.policy.preset})\n` +
          `  web console on ${address}/\n` +
          (first ? consoleWelcome(config, first, address) : '') +
          health.models
            .map((m) => `  model ${m.id} (${m.residency}): ${m.ok ? m.detail : `unavailable: ${m.detail}`}\n`)
            .join('') +
          (health.models.some((m) => m.state === 'missing')
            ? '  Place a GGUF file there, or run: jugwon models pull <owner>/<repo>/<file>.gguf\n'
            : ''),
      );
    });

  program
    .command('init')
    .description(`write a commented starter configuration (${DEFAULT_CONFIG_FILE})`)
    .option('--config <file>', 'where to write it', DEFAULT_CONFIG_FILE)
    .option('--force', 'overwrite an existing file')
    .option(
      '--password-stdin',
      "read the first console user's password from standard input (default: generate one)",
    )
    .action(async (o: { config: string; force?: boolean; passwordStdin?: boolean }) => {
      if (existsSync(o.config) && !o.force) {
        throw new JugwonError('JG_USAGE', {
          problem: `${o.config} already exists; pass --force to overwrite it`,
        });
      }
      const { STARTER_CONFIG } = await import('../core/starter-config.js');
      const { loadConfig } = await import('../core/config.js');
      const { loadOrCreateSigner } = await import('../audit/signing.js');
      const { bootstrapAdmin } = await import('../app/admin.js');
      const { cliActor, withPlatform } = await import('./platform.js');
      writeFileSync(o.config, STARTER_CONFIG);
      process.stdout.write(`wrote ${o.config}\n`);
      const config = loadConfig(o.config);
      const signer = loadOrCreateSigner(config.dataDir);
      if (signer.created)
        process.stdout.write(`created the audit signing key in ${join(config.dataDir, 'keys')}\n`);
      const { readStdinText } = await import('./io.js');
      const password = o.passwordStdin ? (await readStdinText(4096)).replace(/\r?\n$/, '') : undefined;
      const admin = await withPlatform(config, (platform) =>
        bootstrapAdmin(platform, cliActor(), { password }),
      );
      if (admin) {
        process.stdout.write(`admin API key (shown once, store it now):\n${admin.key}\n`);
        process.stdout.write(consoleWelcome(config, admin));
      }
    });
}
