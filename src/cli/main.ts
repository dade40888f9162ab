#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isJugwonError } from '../core/errors.js';
import { registerAdminCommands } from './admin.js';
import { registerEvalCommands } from './eval.js';
import { registerKnowledgeCommands } from './knowledge.js';
import { registerModelCommands } from './models.js';
import { registerPiiCommands } from './pii.js';
import { registerServeCommands } from './serve.js';
import { registerSubjectCommands } from './subject.js';

/**
 * Exit code 2: the command was given something wrong (an option, or a name that does not exist
 * or already does); 1: it failed for another reason.
 */
const USAGE_CODES = new Set([
  'JG_USAGE',
  'JG_INVALID_VALUE',
  'JG_TENANT_NOT_FOUND',
  'JG_TENANT_EXISTS',
  'JG_USER_NOT_FOUND',
  'JG_USER_EXISTS',
  'JG_KEY_NOT_FOUND',
  'JG_PASSWORD_INVALID',
  'JG_COLLECTION_CONFLICT',
]);

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command('jugwon')
    .description('jugwon (주권): sovereign AI for Korean organisations')
    .version(pkg.version)
    .option('--verbose', 'print stack traces on errors')
    .exitOverride()
    .showHelpAfterError('(run jugwon --help for usage)');
  program
    .command('demo')
    .description('interactive personal-data demo: paste text, see what is found and how it is masked')
    .action(async () => {
      const { runDemo } = await import('./demo.js');
      await runDemo(process.stdin, process.stdout, Boolean(process.stdin.isTTY));
    });
  registerServeCommands(program);
  registerModelCommands(program);
  registerAdminCommands(program);
  registerKnowledgeCommands(program);
  registerPiiCommands(program);
  registerEvalCommands(program);
  registerSubjectCommands(program);
  return program;
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (isJugwonError(e)) {
      process.stderr.write(`jugwon: ${e.code}: ${e.message}\n`);
      if (program.opts().verbose) process.stderr.write(`${e.stack}\n`);
      process.exitCode = USAGE_CODES.has(e.code) ? 2 : 1;
      return;
    }
    process.stderr.write(`jugwon: JG_INTERNAL: ${(e as Error).message}\n`);
    if (program.opts().verbose) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  }
}

// EPIPE when the reader (head, jq) goes away is a normal end, not a crash.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

await main();
