import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { Caller } from '../app/knowledge.js';
import type { Platform } from '../app/platform.js';
import { JugwonError } from '../core/errors.js';
import { write } from './io.js';
import { dataClassFlag, filterFromOptions, wholeNumber } from './options.js';

const WHERE_FLAGS = '--where <key=value>';
const WHERE_HELP =
  'only passages whose docId, source, title, heading, article or page has this value (repeatable)';
const collect = (value: string, previous: string[]) => [...previous, value];
const PII_MODES = ['keep', 'mask', 'tag'] as const;

interface StoreOptions {
  config?: string;
  dataDir?: string;
}

/**
 * Files under the given paths: directories recursively (hidden entries skipped). Each is named
 * for the index by its path from the folder given (`docs/규정/여신.hwp` for `ingest docs`), or by
 * its file name when given itself: the server's own paths never reach citations, prompts or
 * other tenants' document lists.
 */
function collectFiles(
  paths: string[],
  supported: readonly string[],
): { files: { path: string; name: string }[]; skipped: number } {
  const files: { path: string; name: string }[] = [];
  let skipped = 0;
  let root = '';
  // Folders already walked, by device and inode: a link back to a folder above (common in shared
  // drives) ingested every file again under a longer name per turn, then failed the whole run.
  const walked = new Set<string>();
  const walk = (p: string, explicit: boolean) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new JugwonError('JG_FILE_NOT_FOUND', { file: p });
    }
    if (st.isDirectory()) {
      const id = `${st.dev}:${st.ino}`;
      if (walked.has(id)) return;
      walked.add(id);
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name), false);
    } else if (explicit || supported.includes(extname(p).toLowerCase())) {
      files.push({ path: p, name: explicit ? basename(p) : relative(root, p).split(sep).join('/') });
    } else skipped++;
  };
  for (const p of paths) {
    root = dirname(resolve(p));
    walk(resolve(p), true);
  }
  return { files, skipped };
}

/** Runs a knowledge command as the local operator (or for --tenant), on the configured platform. */
async function knowledge<T>(
  o: StoreOptions,
  route: string,
  fn: (platform: Platform, caller: Caller, service: typeof import('../app/knowledge.js')) => Promise<T>,
  tenant?: string,
): Promise<T> {
  const [{ configFromOptions }, { actingFor, withPlatform }, service] = await Promise.all([
    import('./config.js'),
    import('./platform.js'),
    import('../app/knowledge.js'),
  ]);
  return withPlatform(configFromOptions(o.config, o.dataDir), async (platform) => {
    const principal = await actingFor(platform, tenant);
    // The global crypto loads on first use; importing node:crypto here cost every command's start-up.
    return fn(
      platform,
      { requestId: crypto.randomUUID(), route, principal, signal: new AbortController().signal },
      service,
    );
  });
}

export function registerKnowledgeCommands(program: Command): void {
  program
    .command('ingest')
    .description(
      'add documents to a collection (HWP, HWPX, PDF, DOCX, Markdown, HTML, text, JSONL); re-ingesting replaces',
    )
    .argument('<paths...>', 'files or folders')
    .requiredOption('--collection <name>', 'collection to add to')
    .option('--data-dir <dir>', 'data folder (default: from the configuration)')
    .option('--config <file>', 'configuration file')
    .option('--max-chars <n>', 'largest chunk, in characters', '800')
    .option(
      '--pii <mode>',
      "personal data at ingest, fixed per collection: keep, mask (the index holds no raw identifier) or tag (default: keep, or the collection's)",
    )
    .option(
      '--embedding-model <id>',
      'configured model whose embeddings make search hybrid (fixed per collection)',
    )
    .option('--tenant <name>', 'tenant that owns a new collection: only its keys can search it over HTTP')
    .option(
      '--data-class <class>',
      "a new collection's data class: C, S, O (N2SF) or credit — which models may receive its passages",
    )
    .action(
      async (
        paths: string[],
        o: StoreOptions & {
          collection: string;
          maxChars: string;
          pii?: string;
          embeddingModel?: string;
          tenant?: string;
          dataClass?: string;
        },
      ) => {
        const dataClass = o.dataClass === undefined ? undefined : dataClassFlag(o.dataClass);
        if (o.pii !== undefined && !(PII_MODES as readonly string[]).includes(o.pii))
          throw new JugwonError('JG_USAGE', { problem: '--pii must be keep, mask or tag' });
        const maxChars = wholeNumber('--max-chars', o.maxChars, 100) as number;
        const { SUPPORTED } = await import('../knowledge/parsers/index.js');
        const { files, skipped } = collectFiles(paths, SUPPORTED);
        const started = performance.now();
        const s = await knowledge(o, 'cli ingest', (platform, caller, service) =>
          service.ingestFiles(platform, caller, o.collection, files, {
            maxChars,
            ...(o.tenant !== undefined ? { tenant: o.tenant } : {}),
            ...(o.embeddingModel !== undefined ? { embeddingModel: o.embeddingModel } : {}),
            ...(o.pii !== undefined ? { pii: o.pii as (typeof PII_MODES)[number] } : {}),
            ...(dataClass ? { dataClass } : {}),
            onError: (e) => process.stderr.write(`jugwon: ${e.code}: ${e.message}\n`),
            onFile: (done, documents) => {
              if (process.stderr.isTTY)
                process.stderr.write(`\r${done}/${files.length} files, ${documents} documents`);
            },
          }),
        );
        if (process.stderr.isTTY) process.stderr.write('\n');
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(
          `${s.files - s.failed} of ${s.files} files ingested into "${o.collection}": ${s.documents} documents, ${s.chunks} chunks, ${s.failed} errors${skipped ? `, ${skipped} other files skipped` : ''} (${seconds.toFixed(1)} s)\n`,
        );
        if (files.length === 0 || s.failed === files.length) process.exitCode = 1;
      },
    );

  program
    .command('search')
    .description('search a collection: one query, or {"id","query"} JSON lines from standard input')
    .argument('[query]', 'the question (pretty output)')
    .requiredOption('--collection <name>', 'collection to search')
    .option('--k <k>', 'hits per query', '10')
    .option('--jsonl', 'read {"id","query"} lines from standard input, write {"id","hits"} lines')
    .option(WHERE_FLAGS, WHERE_HELP, collect, [])
    .option('--data-dir <dir>', 'data folder (default: from the configuration)')
    .option('--config <file>', 'configuration file')
    .action(
      async (
        query: string | undefined,
        o: StoreOptions & { collection: string; k: string; jsonl?: boolean; where: string[] },
      ) => {
        const filter = filterFromOptions(o.where);
        const k = wholeNumber('--k', o.k, 1, 1000) as number;
        if (!o.jsonl && !query)
          throw new JugwonError('JG_USAGE', {
            problem: 'give a query, or --jsonl to read queries from standard input',
          });
        await knowledge(o, 'cli search', async (platform, caller, service) => {
          if (!o.jsonl) {
            const hits = await service.search(platform, caller, o.collection, query as string, k, filter);
            if (hits.length === 0) process.stdout.write('No passage found.\n');
            hits.forEach((h, i) => {
              const where = [h.source, h.article, h.heading].filter(Boolean).join(' · ');
              process.stdout.write(
                `[${i + 1}] ${h.score.toFixed(2)}  ${where}\n    ${h.text.replace(/\s+/g, ' ').slice(0, 300)}\n`,
              );
            });
            return;
          }
          const { readLines } = await import('./lines.js');
          let failures = 0;
          const fail = async (id: unknown, message: string) => {
            failures++;
            await write(
              process.stdout,
              `${JSON.stringify({ id: id ?? null, error: { code: 'JG_INVALID_REQUEST', message } })}\n`,
            );
          };
          for await (const line of readLines(process.stdin, 1024 * 1024)) {
            if (line.kind !== 'text') {
              await fail(null, `Line ${line.number} is not usable text.`);
              continue;
            }
            if (line.text.trim() === '') continue;
            let r: { id?: unknown; query?: unknown };
            try {
              r = JSON.parse(line.text);
            } catch {
              r = {};
            }
            if (typeof r.query !== 'string') {
              await fail(r.id, `Line ${line.number} needs {"id", "query"}.`);
              continue;
            }
            const hits = await service.search(platform, caller, o.collection, r.query, k, filter);
            await write(
              process.stdout,
              `${JSON.stringify({ id: r.id ?? null, hits: hits.map((h) => ({ docId: h.docId, chunkId: h.chunkId, score: h.score, text: h.text })) })}\n`,
            );
          }
          if (failures > 0) process.exitCode = 1;
        });
      },
    );

  program
    .command('parse')
    .description('print what the parser extracts from one document')
    .argument('<file>')
    .option('--format <format>', 'text or json', 'text')
    .action(async (file: string, o: { format: string }) => {
      if (o.format !== 'text' && o.format !== 'json')
        throw new JugwonError('JG_USAGE', { problem: '--format must be text or json' });
      try {
        statSync(file);
      } catch {
        throw new JugwonError('JG_FILE_NOT_FOUND', { file });
      }
      const { parseFile } = await import('../knowledge/parsers/index.js');
      const { documentText } = await import('../knowledge/document.js');
      const docs = await parseFile(file);
      if (o.format === 'json')
        process.stdout.write(
          `${JSON.stringify(docs.length === 1 ? docs[0]?.doc : docs.map((d) => ({ id: d.docId, ...d.doc })), null, 2)}\n`,
        );
      else process.stdout.write(`${docs.map((d) => documentText(d.doc)).join('\n\n')}\n`);
    });

  program
    .command('ask')
    .description(
      'answer a question from a collection, citing passages [1], [2] (no --model: the passages themselves)',
    )
    .argument('<question>')
    .requiredOption('--collection <name>', 'collection to answer from')
    .option('--model <id>', 'configured model that writes the answer (personal-data policy applies)')
    .option('--tenant <name>', 'ask as this tenant (its models, policy preset and budgets)')
    .option('--k <k>', 'passages to retrieve', '5')
    .option(WHERE_FLAGS, WHERE_HELP, collect, [])
    .option('--data-dir <dir>', 'data folder (default: from the configuration)')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print {"answer", "citations"} as JSON')
    .action(
      async (
        question: string,
        o: StoreOptions & {
          collection: string;
          model?: string;
          tenant?: string;
          k: string;
          json?: boolean;
          where: string[];
        },
      ) => {
        const filter = filterFromOptions(o.where);
        const k = wholeNumber('--k', o.k, 1, 50) as number;
        const { answer, citations } = await knowledge(
          o,
          'cli ask',
          (platform, caller, service) =>
            service.ask(
              platform,
              caller as Caller & { principal: NonNullable<Caller['principal']> },
              o.collection,
              question,
              {
                k,
                filter,
                model: o.model,
              },
            ),
          o.tenant,
        );
        if (o.json) {
          process.stdout.write(`${JSON.stringify({ answer, citations })}\n`);
          return;
        }
        process.stdout.write(`${answer}\n`);
        if (o.model && citations.length > 0) {
          const { whereOf } = await import('../knowledge/rag.js');
          process.stdout.write(`\n${citations.map((c) => `[${c.n}] ${whereOf(c)}`).join('\n')}\n`);
        }
      },
    );

  const collections = program.command('collections').description('document collections');
  collections
    .command('list')
    .option('--data-dir <dir>', 'data folder')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .action(async (o: StoreOptions & { json?: boolean }) => {
      const list = await knowledge(o, 'cli collections', (platform, caller, service) =>
        service.listCollections(platform, caller),
      );
      if (o.json)
        process.stdout.write(`${JSON.stringify(list.map(({ name, chunks }) => ({ name, chunks })))}\n`);
      else if (list.length === 0) process.stdout.write('No collections.\n');
      else {
        const { table } = await import('./table.js');
        process.stdout.write(
          table(
            ['collection', 'chunks', 'owner', 'personal data', 'embeddings', 'data class'],
            list.map((c) => [
              c.name,
              String(c.chunks),
              c.tenant ?? '(shared)',
              c.pii,
              c.embeddingModel ?? '-',
              c.dataClass ?? '-',
            ]),
          ),
        );
      }
    });
  collections
    .command('set')
    .description("change a collection's data class (N2SF C/S/O, credit); audited")
    .argument('<name>')
    .requiredOption('--data-class <class>', 'C, S, O or credit; none clears it')
    .option('--data-dir <dir>', 'data folder')
    .option('--config <file>', 'configuration file')
    .action(async (name: string, o: StoreOptions & { dataClass: string }) => {
      const dataClass = dataClassFlag(o.dataClass);
      await knowledge(o, 'cli collections', (platform, caller, service) =>
        service.setCollectionClass(platform, caller, name, dataClass),
      );
      process.stdout.write(`${name}: data class ${dataClass ?? 'none'}\n`);
    });
  collections
    .command('repair')
    .description(
      'record an owner for collections that have none (they are hidden from all but administrators)',
    )
    .option('--tenant <name>', 'the tenant that owns them')
    .option('--shared', 'shared by all tenants')
    .option('--data-dir <dir>', 'data folder')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .action(async (o: StoreOptions & { tenant?: string; shared?: boolean; json?: boolean }) => {
      if (o.tenant && o.shared)
        throw new JugwonError('JG_USAGE', { problem: 'give --tenant or --shared, not both' });
      const owner = o.tenant ?? (o.shared ? null : undefined);
      const found = await knowledge(o, 'cli collections', (platform, _caller, service) =>
        service.repairCollections(platform, owner === undefined ? {} : { owner }),
      );
      if (o.json) process.stdout.write(`${JSON.stringify(found)}\n`);
      else if (found.length === 0) process.stdout.write('Every collection has a recorded owner.\n');
      else if (owner === undefined) {
        process.stdout.write(
          `Without a recorded owner (administrators only): ${found.map((f) => f.collection).join(', ')}\nRecord one with --tenant NAME or --shared.\n`,
        );
        process.exitCode = 1;
      } else
        process.stdout.write(
          `${found.map((f) => f.collection).join(', ')}: ${owner ? `owned by ${owner}` : 'shared by all tenants'}\n`,
        );
    });
  collections
    .command('delete')
    .argument('<name>')
    .option('--data-dir <dir>', 'data folder')
    .option('--config <file>', 'configuration file')
    .action(async (name: string, o: StoreOptions) => {
      await knowledge(o, 'cli collections', (platform, caller, service) =>
        service.deleteCollection(platform, caller, name),
      );
      process.stdout.write(`deleted collection ${name}\n`);
    });
}
