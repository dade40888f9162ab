import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ResolvedConfig } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import { Gateway } from '../gateway/gateway.js';
import { chunkDocument } from '../knowledge/chunk.js';
import { documentText } from '../knowledge/document.js';
import { embedderFor } from '../knowledge/embedder.js';
import { filterFromOptions } from '../knowledge/filter.js';
import { KnowledgeIndex, validateCollection } from '../knowledge/index-store.js';
import { parseFile, SUPPORTED } from '../knowledge/parsers/index.js';
import { type IngestPii, piiTransform } from '../knowledge/pii-at-ingest.js';
import { groundedMessages, passagesAnswer, retrieve, whereOf } from '../knowledge/rag.js';
import { readSettings, writeSettings } from '../knowledge/settings.js';
import { ModelRegistry } from '../models/registry.js';
import { detectorFromConfig } from '../privacy/from-config.js';
import { openStore } from '../store/open.js';
import { findTenant } from '../tenancy/tenants.js';
import { write } from './io.js';
import { readLines } from './lines.js';
import { configFromOptions } from './serve.js';

const WHERE_FLAGS = '--where <key=value>';
const WHERE_HELP =
  'only passages whose docId, source, title, heading, article or page has this value (repeatable)';
const collect = (value: string, previous: string[]) => [...previous, value];

interface StoreOptions {
  config?: string;
  dataDir?: string;
}

/** The configuration (for models and privacy settings), with --data-dir taking the data folder's place. */
function configFor(o: StoreOptions): ResolvedConfig {
  const config = configFromOptions(o.config);
  return o.dataDir ? Object.freeze({ ...config, dataDir: resolve(o.dataDir) }) : config;
}

/** Files under the given paths: directories recursively (hidden entries skipped). */
function collectFiles(paths: string[]): { files: string[]; skipped: number } {
  const files: string[] = [];
  let skipped = 0;
  const walk = (p: string, explicit: boolean) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new JugwonError('JG_FILE_NOT_FOUND', { file: p });
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name), false);
    } else if (explicit || (SUPPORTED as readonly string[]).includes(extname(p).toLowerCase())) {
      files.push(p);
    } else skipped++;
  };
  for (const p of paths) walk(p, true);
  return { files, skipped };
}

/** Embeds queries with the collection's embedding model, if it has one (hybrid search). */
async function queryEmbedder(
  config: ResolvedConfig,
  collection: string,
): Promise<(q: string) => Promise<number[] | undefined>> {
  const model = readSettings(config.dataDir)[collection]?.embeddingModel;
  if (!model) return async () => undefined;
  const embedder = embedderFor(config, model);
  process.once('beforeExit', () => void embedder.close());
  return async (q) => (await embedder.embed([q]))[0];
}

export function registerKnowledgeCommands(program: Command): void {
  program
    .command('ingest')
    .description(
      'add documents to a collection (HWPX, PDF, DOCX, Markdown, HTML, text, JSONL); re-ingesting replaces',
    )
    .argument('<paths...>', 'files or folders')
    .requiredOption('--collection <name>', 'collection to add to')
    .option('--data-dir <dir>', 'data folder (default: from the configuration)')
    .option('--config <file>', 'configuration file')
    .option('--max-chars <n>', 'largest chunk, in characters', '800')
    .option(
      '--pii <mode>',
      'personal data at ingest: keep, mask (the index holds no raw identifier) or tag',
      'keep',
    )
    .option(
      '--embedding-model <id>',
      'configured model whose embeddings make search hybrid (fixed per collection)',
    )
    .option('--tenant <name>', 'tenant that owns a new collection: only its keys can search it over HTTP')
    .action(
      async (
        paths: string[],
        o: StoreOptions & {
          collection: string;
          maxChars: string;
          pii: string;
          embeddingModel?: string;
          tenant?: string;
        },
      ) => {
        if (!['keep', 'mask', 'tag'].includes(o.pii))
          throw new JugwonError('JG_USAGE', { problem: '--pii must be keep, mask or tag' });
        const transform = piiTransform(o.pii as IngestPii, detectorFromConfig(configFor(o).privacy));
        const collection = validateCollection(o.collection);
        const maxChars = Number(o.maxChars);
        if (!Number.isInteger(maxChars) || maxChars < 100)
          throw new JugwonError('JG_USAGE', { problem: '--max-chars must be a whole number ≥ 100' });
        const { files, skipped } = collectFiles(paths);
        const config = configFor(o);
        const index = await KnowledgeIndex.open(config.dataDir);
        const settings = readSettings(config.dataDir);
        const known = settings[collection];
        const exists = await index.hasCollection(collection);
        if (exists && o.embeddingModel !== undefined && o.embeddingModel !== known?.embeddingModel) {
          throw new JugwonError('JG_USAGE', {
            problem: `collection "${collection}" uses ${known?.embeddingModel ? `embedding model "${known.embeddingModel}"` : 'no embedding model'}; its vectors must all come from one model`,
          });
        }
        if (exists && o.tenant !== undefined && o.tenant !== known?.tenant) {
          throw new JugwonError('JG_USAGE', {
            problem: `collection "${collection}" is ${known?.tenant ? `owned by tenant "${known.tenant}"` : 'shared by all tenants'}; its owner is fixed when it is created`,
          });
        }
        if (!exists && o.tenant !== undefined) {
          const store = await openStore(config.dataDir);
          try {
            await findTenant(store.db, o.tenant);
          } finally {
            await store.close();
          }
        }
        const embeddingModel = exists ? known?.embeddingModel : o.embeddingModel;
        const embedder = embeddingModel ? embedderFor(config, embeddingModel) : undefined;
        if (!exists)
          settings[collection] = {
            ...(embeddingModel ? { embeddingModel } : {}),
            ...(o.tenant ? { tenant: o.tenant } : {}),
          };
        let chunks = 0;
        let documents = 0;
        const errors: string[] = [];
        const started = performance.now();
        const batch: Parameters<KnowledgeIndex['replaceDocuments']>[1] = [];
        const flush = async () => {
          chunks += await index.replaceDocuments(collection, batch.splice(0), transform, embedder?.embed);
        };
        for (const [i, file] of files.entries()) {
          try {
            for (const d of await parseFile(file)) {
              batch.push({
                docId: d.docId,
                source: d.source,
                title: d.doc.title ?? '',
                chunks: chunkDocument(d.doc, { maxChars }),
              });
              documents++;
              if (batch.length >= 500) await flush();
            }
          } catch (e) {
            if (!(e instanceof JugwonError)) throw e;
            errors.push(e.message);
            process.stderr.write(`jugwon: ${e.code}: ${e.message}\n`);
          }
          if (process.stderr.isTTY)
            process.stderr.write(`\r${i + 1}/${files.length} files, ${documents} documents`);
        }
        try {
          await flush();
        } finally {
          await embedder?.close();
        }
        await index.reindex(collection);
        if (!exists && chunks > 0) writeSettings(config.dataDir, settings);
        if (process.stderr.isTTY) process.stderr.write('\n');
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(
          `${files.length - errors.length} of ${files.length} files ingested into "${collection}": ${documents} documents, ${chunks} chunks, ${errors.length} errors${skipped ? `, ${skipped} other files skipped` : ''} (${seconds.toFixed(1)} s)\n`,
        );
        if (files.length === 0 || errors.length === files.length) process.exitCode = 1;
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
        const k = Number(o.k);
        if (!Number.isInteger(k) || k < 1 || k > 1000)
          throw new JugwonError('JG_USAGE', { problem: '--k must be a whole number from 1 to 1000' });
        const config = configFor(o);
        const index = await KnowledgeIndex.open(config.dataDir);
        const queryVector = await queryEmbedder(config, o.collection);
        if (o.jsonl) {
          let failures = 0;
          for await (const line of readLines(process.stdin, 1024 * 1024)) {
            if (line.kind !== 'text') {
              failures++;
              await write(
                process.stdout,
                `${JSON.stringify({ id: null, error: { code: 'JG_INVALID_REQUEST', message: `Line ${line.number} is not usable text.` } })}\n`,
              );
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
              failures++;
              await write(
                process.stdout,
                `${JSON.stringify({ id: r.id ?? null, error: { code: 'JG_INVALID_REQUEST', message: `Line ${line.number} needs {"id", "query"}.` } })}\n`,
              );
              continue;
            }
            const hits = await index.search(o.collection, r.query, k, await queryVector(r.query), filter);
            await write(
              process.stdout,
              `${JSON.stringify({ id: r.id ?? null, hits: hits.map((h) => ({ docId: h.docId, chunkId: h.chunkId, score: h.score, text: h.text })) })}\n`,
            );
          }
          if (failures > 0) process.exitCode = 1;
          return;
        }
        if (!query)
          throw new JugwonError('JG_USAGE', {
            problem: 'give a query, or --jsonl to read queries from standard input',
          });
        const hits = await index.search(o.collection, query, k, await queryVector(query), filter);
        if (hits.length === 0) process.stdout.write('No passage found.\n');
        hits.forEach((h, i) => {
          const where = [h.source, h.article, h.heading].filter(Boolean).join(' · ');
          process.stdout.write(
            `[${i + 1}] ${h.score.toFixed(2)}  ${where}\n    ${h.text.replace(/\s+/g, ' ').slice(0, 300)}\n`,
          );
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
    .option('--k <k>', 'passages to retrieve', '5')
    .option(WHERE_FLAGS, WHERE_HELP, collect, [])
    .option('--data-dir <dir>', 'data folder (default: from the configuration)')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print {"answer", "citations"} as JSON')
    .action(
      async (
        question: string,
        o: StoreOptions & { collection: string; model?: string; k: string; json?: boolean; where: string[] },
      ) => {
        const filter = filterFromOptions(o.where);
        const k = Number(o.k);
        if (!Number.isInteger(k) || k < 1 || k > 50)
          throw new JugwonError('JG_USAGE', { problem: '--k must be a whole number from 1 to 50' });
        const config = configFor(o);
        const queryVector = await queryEmbedder(config, o.collection);
        const citations = await retrieve(
          await KnowledgeIndex.open(config.dataDir),
          o.collection,
          question,
          k,
          await queryVector(question),
          filter,
        );
        let answer = passagesAnswer(citations);
        if (o.model && citations.length > 0) {
          const registry = new ModelRegistry(config.models);
          try {
            const gateway = new Gateway(config, registry, detectorFromConfig(config.privacy));
            const { completion } = await gateway.chat(
              {
                model: o.model,
                messages: groundedMessages([{ role: 'user', content: question }], citations),
                temperature: 0,
              },
              new AbortController().signal,
            );
            const text = completion.choices[0]?.message.content;
            answer = typeof text === 'string' ? text : answer;
          } finally {
            await registry.close();
          }
        }
        if (o.json) {
          process.stdout.write(`${JSON.stringify({ answer, citations })}\n`);
          return;
        }
        process.stdout.write(`${answer}\n`);
        if (o.model && citations.length > 0)
          process.stdout.write(`\n${citations.map((c) => `[${c.n}] ${whereOf(c)}`).join('\n')}\n`);
      },
    );

  const collections = program.command('collections').description('document collections');
  collections
    .command('list')
    .option('--data-dir <dir>', 'data folder')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .action(async (o: StoreOptions & { json?: boolean }) => {
      const list = await (await KnowledgeIndex.open(configFor(o).dataDir)).collections();
      if (o.json) process.stdout.write(`${JSON.stringify(list)}\n`);
      else if (list.length === 0) process.stdout.write('No collections.\n');
      else for (const c of list) process.stdout.write(`${c.name}\t${c.chunks} chunks\n`);
    });
  collections
    .command('delete')
    .argument('<name>')
    .option('--data-dir <dir>', 'data folder')
    .option('--config <file>', 'configuration file')
    .action(async (name: string, o: StoreOptions) => {
      await (await KnowledgeIndex.open(configFor(o).dataDir)).dropCollection(name);
      process.stdout.write(`deleted collection ${name}\n`);
    });
}
