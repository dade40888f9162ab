import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { SubjectResult } from '../app/subjects.js';
import { JugwonError } from '../core/errors.js';
import { readStdinText } from './io.js';
import { asOperator } from './operator.js';

interface SubjectFlags {
  config?: string;
  reference?: string;
  json?: boolean;
}

/** The person's value: as given, or read from standard input with `-` (kept out of shell history). */
async function personValue(v: string): Promise<string> {
  const value = (v === '-' ? await readStdinText(4096) : v).trim();
  if (!value)
    throw new JugwonError('JG_USAGE', {
      problem: 'give the value to look for (or - to read it from standard input)',
    });
  return value;
}

/** Runs a data-subject request as the local operator, on the configured data folder. */
const withService = <T>(
  o: SubjectFlags,
  fn: (
    platform: import('../app/platform.js').Platform,
    actor: import('../app/admin.js').Actor,
    service: typeof import('../app/subjects.js'),
  ) => Promise<T>,
): Promise<T> => asOperator(o.config, () => import('../app/subjects.js'), fn);

function print(r: SubjectResult, verb: string): void {
  const total = r.hits.reduce((n, h) => n + h.matches, 0);
  const lines = r.hits.map(
    (h) => `${h.source}\t${h.tenant ?? '(shared)'}\t${h.id}\t${h.detail}\t${h.matches}\t${h.excerpt}`,
  );
  process.stdout.write(
    `${lines.length ? `source\ttenant\tid\twhere\tmatches\texcerpt\n${lines.join('\n')}\n` : ''}` +
      `${verb} ${total} (${r.type}): ${r.counts.collection} in collections, ${r.counts['retained-request']} in retained requests, ${r.counts.conversation} in conversations; pseudonym vaults are never stored and the audit trail holds no values.\n`,
  );
}

/** `jugwon subject find|export|erase VALUE`: a data subject's requests (PIPA arts. 35–37). */
export function registerSubjectCommands(program: Command): void {
  const subject = program
    .command('subject')
    .description(
      "a data subject's requests (PIPA arts. 35-37): find, export or erase what is held about one person",
    );
  const common = (c: Command) =>
    c
      .argument('<value>', '주민등록번호, phone, e-mail or name (- reads it from standard input)')
      .option('--reference <text>', 'the request it answers (민원 번호), recorded in the audit trail')
      .option('--config <file>', 'configuration file');
  common(
    subject
      .command('find')
      .description('where the value is held: collections, retained requests, conversations'),
  )
    .option('--json', 'print JSON')
    .action(async (v: string, o: SubjectFlags) => {
      const value = await personValue(v);
      const r = await withService(o, (platform, actor, s) =>
        s.findSubject(platform, actor, value, o.reference),
      );
      if (o.json) process.stdout.write(`${JSON.stringify(r)}\n`);
      else print(r, 'found');
    });
  common(
    subject.command('export').description('everything held about the person, as JSON (the copy for them)'),
  )
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(async (v: string, o: SubjectFlags & { out?: string }) => {
      const value = await personValue(v);
      const r = await withService(o, (platform, actor, s) =>
        s.exportSubject(platform, actor, value, o.reference),
      );
      const text = `${JSON.stringify(r, null, 2)}\n`;
      if (o.out) writeFileSync(o.out, text, { mode: 0o600 });
      else process.stdout.write(text);
    });
  common(
    subject
      .command('erase')
      .description('erase the value wherever it is held (replaced by 〔삭제됨〕, re-indexed)'),
  )
    .option('--json', 'print JSON')
    .option('--force', 'erase a value that is not recognised as personal data (a word) all the same')
    .action(async (v: string, o: SubjectFlags & { force?: boolean }) => {
      const value = await personValue(v);
      const r = await withService(o, (platform, actor, s) =>
        s.eraseSubject(platform, actor, value, o.reference, { force: o.force === true }),
      );
      if (o.json) process.stdout.write(`${JSON.stringify(r)}\n`);
      else print(r, 'erased');
    });
}
