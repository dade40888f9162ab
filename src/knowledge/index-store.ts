import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Connection, Table } from '@lancedb/lancedb';
import { JugwonError } from '../core/errors.js';
import { takingTurns } from '../core/turn.js';
import { analyze } from './analyze/korean.js';
import type { Chunk } from './chunk.js';
import { collectionKey, documentKey } from './document.js';
import { filterSql, type SearchFilter } from './filter.js';
import { proximityScores, RERANK_DEPTH } from './proximity.js';
import { rarestTerms, sampleTermCounts, TermCountFiles } from './query-terms.js';

/** The longest stretch of indexing work between two turns of the event loop. */
const YIELD_AFTER_MS = 10;
/** The characters of a search query that are analysed (a long question is a few hundred). */
export const MAX_QUERY_CHARS = 4_000;

/**
 * The embedded search index: one LanceDB table per collection under <dataDir>/knowledge, with a
 * BM25 full-text index over the pre-analysed `terms` column (whitespace tokenizer: the Korean
 * analysis is ours, so index and query time agree exactly).
 */
export interface ChunkRow {
  chunk_id: string;
  /** Personal data found in the chunk, as "TYPE=count;…" (collections ingested with pii: tag). */
  pii: string;
  doc_id: string;
  source: string;
  title: string;
  heading: string;
  article: string;
  page: number;
  text: string;
  terms: string;
}

export interface Hit {
  docId: string;
  chunkId: string;
  score: number;
  text: string;
  source: string;
  title: string;
  heading: string;
  article: string;
  page: number;
}

/** BM25 over terms we analysed ourselves: split on spaces, nothing else done to them. */
export const PRE_ANALYSED = {
  baseTokenizer: 'whitespace',
  lowercase: false,
  stem: false,
  removeStopWords: false,
  asciiFolding: false,
  withPosition: false,
} as const;

/** Runs `fn` holding a collection's write lock across processes (replicas on shared storage). */
export type CollectionLock = <T>(collection: string, fn: () => Promise<T>) => Promise<T>;

/** Table names LanceDB accepts, for any collection name (Korean included). */
const tableName = (collection: string) =>
  `c_${Buffer.from(collectionKey(collection), 'utf8').toString('hex')}`;
const collectionName = (table: string) => Buffer.from(table.slice(2), 'hex').toString('utf8');
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function validateCollection(name: string): string {
  const key = collectionKey(name);
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u.test(key)) {
    throw new JugwonError('JG_INVALID_VALUE', {
      what: 'collection name',
      problem: `1-64 letters, digits, . _ - (got "${name}")`,
    });
  }
  return key;
}

/**
 * The ids among `ids` that name one of `wanted`, kept composed or (before ids were kept composed)
 * decomposed, as macOS sends them. Looked up, not scanned: reading every id of the collection for
 * each batch of 500 made a large ingest quadratic (64 ms a batch at 500,000 documents).
 */
export function sameDocuments(ids: ReadonlySet<string>, wanted: readonly string[]): string[] {
  const found = new Set<string>();
  for (const w of wanted)
    for (const form of [w, documentKey(w), w.normalize('NFD')]) if (ids.has(form)) found.add(form);
  return [...found];
}

export class KnowledgeIndex {
  /** Document ids per collection at a table version (see docIds). */
  private readonly known = new Map<string, { version: number; ids: Set<string> }>();

  private readonly termCounts: TermCountFiles;

  private constructor(
    private readonly db: Connection,
    private readonly dir: string,
    private readonly lock: CollectionLock = (_, fn) => fn(),
  ) {
    this.termCounts = new TermCountFiles((c) => join(dir, `${tableName(c)}.terms.json`));
  }

  /**
   * `computeThreads` (configuration: knowledge.computeThreads) sizes LanceDB's compute pool, which
   * the native library reads from its environment once per process. The default is at least 4:
   * with as many threads as cores (2 on small servers), LanceDB 0.31 can stall for good while
   * writing a large full-text index (seen at 20,000 chunks).
   */
  static async open(
    dataDir: string,
    o: {
      computeThreads?: number | undefined;
      /**
       * Replicas sharing the data folder: writes to a collection take this lock (held across
       * processes), and reads check for versions written by others every `shared.readAfterS`.
       */
      shared?: { lock: CollectionLock; readAfterS: number };
    } = {},
  ): Promise<KnowledgeIndex> {
    const dir = join(dataDir, 'knowledge');
    mkdirSync(dir, { recursive: true });
    process.env.LANCEDB_LOG ??= 'error'; // keep the library's own notices off the terminal
    process.env.LANCE_CPU_THREADS = String(o.computeThreads ?? Math.max(4, cpus().length));
    const lancedb = await import('@lancedb/lancedb');
    const db = await lancedb.connect(dir, o.shared ? { readConsistencyInterval: o.shared.readAfterS } : {});
    return new KnowledgeIndex(db, dir, o.shared?.lock);
  }

  async collections(): Promise<{ name: string; chunks: number }[]> {
    const names = (await this.db.tableNames()).filter((t) => t.startsWith('c_'));
    const all = await Promise.all(
      names.map(async (t) => {
        const table = await this.table(collectionName(t));
        return table ? [{ name: collectionName(t), chunks: await table.countRows() }] : [];
      }),
    );
    return all.flat();
  }

  /** Whether the collection exists (without opening or counting any table). */
  async hasCollection(collection: string): Promise<boolean> {
    return (await this.db.tableNames()).includes(tableName(collection));
  }

  /** The documents of a collection with their source and number of chunks. */
  async documents(collection: string): Promise<{ docId: string; source: string; chunks: number }[]> {
    const table = await this.table(collection);
    if (!table) throw new JugwonError('JG_COLLECTION_NOT_FOUND', { name: collection });
    const docs = new Map<string, { docId: string; source: string; chunks: number }>();
    for await (const batch of table.query().select(['doc_id', 'source'])) {
      const ids = batch.getChild('doc_id');
      const sources = batch.getChild('source');
      for (let i = 0; i < batch.numRows; i++) {
        const docId = String(ids?.get(i));
        const d = docs.get(docId) ?? { docId, source: String(sources?.get(i)), chunks: 0 };
        d.chunks++;
        docs.set(docId, d);
      }
    }
    return [...docs.values()].sort((a, b) => a.docId.localeCompare(b.docId));
  }

  private async table(collection: string): Promise<Table | undefined> {
    if (!(await this.hasCollection(collection))) return undefined;
    try {
      return await this.db.openTable(tableName(collection));
    } catch (e) {
      // A table whose creation was cut off (the process killed while writing its first rows) has
      // a folder but no committed version: none of it was ever readable. It is removed, so the
      // collection can be ingested again.
      const folder = join(this.dir, `${tableName(collection)}.lance`);
      const versions = join(folder, '_versions');
      // No committed version: no _versions folder, or one the crash left without a manifest.
      const committed = existsSync(versions) && readdirSync(versions).some((f) => f.endsWith('.manifest'));
      if (existsSync(folder) && !committed) {
        rmSync(folder, { recursive: true, force: true });
        return undefined;
      }
      throw e;
    }
  }

  /** The last write queued per collection: writes to one collection run one at a time. */
  private readonly writing = new Map<string, Promise<unknown>>();

  /**
   * Runs `fn` after every write already queued for the collection. LanceDB takes one writer per
   * table: two uploads creating a new collection at once otherwise both try to create its table,
   * and concurrent compactions conflict.
   */
  private exclusive<T>(collection: string, fn: () => Promise<T>): Promise<T> {
    const locked = () => this.lock(collection, fn);
    const run = (this.writing.get(collection) ?? Promise.resolve()).then(locked, locked);
    const settled = run.catch(() => undefined);
    this.writing.set(collection, settled);
    void settled.then(() => {
      if (this.writing.get(collection) === settled) this.writing.delete(collection);
    });
    return run;
  }

  /** Every chunk of a collection, batch by batch (a data subject's request reads them all). */
  async *chunks(collection: string): AsyncGenerator<Omit<ChunkRow, 'terms' | 'pii'>> {
    const table = await this.table(collection);
    if (!table) return;
    const columns = ['chunk_id', 'doc_id', 'source', 'title', 'heading', 'article', 'page', 'text'];
    for await (const batch of table.query().select(columns)) {
      const col = (name: string) => batch.getChild(name);
      const [id, doc, source, title, heading, article, page, text] = columns.map(col);
      for (let i = 0; i < batch.numRows; i++)
        yield {
          chunk_id: String(id?.get(i)),
          doc_id: String(doc?.get(i)),
          source: String(source?.get(i)),
          title: String(title?.get(i)),
          heading: String(heading?.get(i)),
          article: String(article?.get(i)),
          page: Number(page?.get(i)),
          text: String(text?.get(i)),
        };
    }
  }

  /**
   * Rewrites the text of chunks (`rewrite` returns the new text, or undefined to leave one as it
   * is), re-analysed and re-embedded, then rebuilds the full-text index and prunes old versions, so
   * the words rewritten away are gone from the files, not only from the newest version.
   */
  rewriteChunks(
    collection: string,
    docIds: ReadonlySet<string>,
    rewrite: (text: string) => string,
    embed?: (texts: string[]) => Promise<number[][]>,
  ): Promise<number> {
    return this.exclusive(collection, async () => {
      const table = await this.table(collection);
      if (!table || docIds.size === 0) return 0;
      const docs = new Map<string, { docId: string; source: string; title: string; chunks: Chunk[] }>();
      for await (const c of this.chunks(collection)) {
        if (!docIds.has(c.doc_id)) continue;
        const d = docs.get(c.doc_id) ?? {
          docId: c.doc_id,
          source: rewrite(c.source),
          title: rewrite(c.title),
          chunks: [],
        };
        d.chunks.push({
          index: Number(c.chunk_id.slice(c.chunk_id.lastIndexOf('#') + 1)),
          text: c.text,
          heading: rewrite(c.heading),
          article: c.article,
          page: c.page,
        });
        docs.set(c.doc_id, d);
      }
      const n = await this.replaceDocumentsNow(
        collection,
        [...docs.values()],
        (text) => ({ text: rewrite(text), pii: '' }),
        embed,
      );
      const written = (await this.table(collection)) as Table;
      await written.optimize({ cleanupOlderThan: new Date() });
      const lancedb = await import('@lancedb/lancedb');
      await written.createIndex('terms', { config: lancedb.Index.fts(PRE_ANALYSED), replace: true });
      await written.optimize({ cleanupOlderThan: new Date() });
      this.termCounts.write(collection, await sampleTermCounts(written));
      return n;
    });
  }

  replaceDocuments(...args: Parameters<KnowledgeIndex['replaceDocumentsNow']>): Promise<number> {
    return this.exclusive(args[0], () => this.replaceDocumentsNow(...args));
  }

  reindex(collection: string): Promise<void> {
    return this.exclusive(collection, () => this.reindexNow(collection));
  }

  deleteDocument(collection: string, docId: string): Promise<void> {
    return this.exclusive(collection, () => this.deleteDocumentNow(collection, docId));
  }

  dropCollection(collection: string): Promise<void> {
    return this.exclusive(collection, () => this.dropCollectionNow(collection));
  }

  /**
   * Replaces the chunks of each given document (re-ingesting a document replaces it). `transform`
   * may rewrite a chunk's text first (personal-data masking) and report what it found.
   */
  private async replaceDocumentsNow(
    collection: string,
    docs: { docId: string; source: string; title: string; chunks: Chunk[] }[],
    transform: (text: string) => { text: string; pii: string } = (text) => ({ text, pii: '' }),
    embed?: (texts: string[]) => Promise<number[][]>,
    /**
     * Rows written per call (all at once by default). A serving process gives a number: LanceDB
     * converts the rows it is given on the event loop (~0.1 ms each), so a large upload written
     * in one call held the loop for a third of a second per megabyte.
     */
    rowsPerWrite?: number,
  ): Promise<number> {
    // One document per id in its kept form (the last given wins, as a later upload would).
    docs = [
      ...new Map(docs.map((d) => [documentKey(d.docId), { ...d, docId: documentKey(d.docId) }])).values(),
    ];
    const rows: ChunkRow[] = [];
    // Analysis (and personal-data masking) runs on the event loop of a serving process: a large
    // upload takes seconds of it, so requests are let in every few milliseconds.
    const pause = takingTurns(YIELD_AFTER_MS);
    for (const d of docs)
      for (const c of d.chunks) {
        const { text, pii } = transform(c.text);
        rows.push({
          chunk_id: `${d.docId}#${c.index}`,
          pii,
          doc_id: d.docId,
          source: d.source,
          title: d.title,
          heading: c.heading,
          article: c.article,
          page: c.page,
          text,
          // The title is indexed with each chunk: it names what the passage is about.
          terms: analyze(`${d.title} ${c.heading} ${text}`),
        });
        await pause();
      }
    if (embed && rows.length > 0) {
      const vectors = await embed(rows.map((r) => `${r.title}\n${r.text}`));
      rows.forEach((r, i) => {
        (r as ChunkRow & { vector?: Float32Array }).vector = new Float32Array(vectors[i] ?? []);
      });
    }
    let table = await this.table(collection);
    const ids = table ? await this.docIds(collection, table) : new Set<string>();
    // Only documents already present are deleted: a delete scans the whole table, which made a
    // large first ingest slow down batch after batch.
    const present = sameDocuments(
      ids,
      docs.map((d) => d.docId),
    );
    if (table && present.length > 0) {
      await table.delete(`doc_id IN (${present.map(quote).join(', ')})`);
      for (const id of present) ids.delete(id);
    }
    const step = rowsPerWrite ?? rows.length;
    let written = false;
    try {
      for (let i = 0; i < rows.length; i += step) {
        const slice = rows.slice(i, i + step) as unknown as Record<string, unknown>[];
        if (!table) table = await this.db.createTable(tableName(collection), slice);
        else await table.add(slice);
        written = true;
      }
    } catch (e) {
      // A write that fails part-way leaves none of these documents, as one failed write did.
      if (written && table)
        await table.delete(`doc_id IN (${docs.map((d) => quote(d.docId)).join(', ')})`).catch(() => {});
      throw e;
    }
    for (const r of rows) ids.add(r.doc_id);
    if (table) this.known.set(collection, { version: await table.version(), ids });
    return rows.length;
  }

  /**
   * The document ids in a collection, read once and kept while the table is at the version this
   * handle last wrote or read (another process's write changes the version: read again).
   */
  private async docIds(collection: string, table: Table): Promise<Set<string>> {
    const version = await table.version();
    const known = this.known.get(collection);
    if (known?.version === version) return known.ids;
    const ids = new Set<string>();
    for await (const batch of table.query().select(['doc_id'])) {
      const column = batch.getChild('doc_id');
      for (let i = 0; i < batch.numRows; i++) ids.add(String(column?.get(i)));
    }
    this.known.set(collection, { version, ids });
    return ids;
  }

  /** Brings the full-text index up to date after a batch of changes (built once, then extended). */
  private async reindexNow(collection: string): Promise<void> {
    const table = await this.table(collection);
    if (!table) return;
    // Every ingest batch appends a small fragment (2,000 of them for a million chunks); compacting
    // them roughly halves query time at that size. The same call adds rows written since the last
    // build to the full-text index, so a collection is indexed in full only once, not on every
    // upload. Superseded versions are pruned at once: their files are only disk.
    await table.optimize({ cleanupOlderThan: new Date() });
    if (!(await table.listIndices()).some((i) => i.columns.includes('terms'))) {
      const lancedb = await import('@lancedb/lancedb');
      await table.createIndex('terms', { config: lancedb.Index.fts(PRE_ANALYSED), replace: true });
    }
    this.termCounts.write(collection, await sampleTermCounts(table));
  }

  private async deleteDocumentNow(collection: string, docId: string): Promise<void> {
    const table = await this.table(collection);
    if (!table) throw new JugwonError('JG_COLLECTION_NOT_FOUND', { name: collection });
    const present = sameDocuments(await this.docIds(collection, table), [docId]);
    if (present.length > 0) await table.delete(`doc_id IN (${present.map(quote).join(', ')})`);
    this.known.delete(collection);
    await this.reindexNow(collection);
  }

  private async dropCollectionNow(collection: string): Promise<void> {
    if (!(await this.table(collection)))
      throw new JugwonError('JG_COLLECTION_NOT_FOUND', { name: collection });
    await this.db.dropTable(tableName(collection));
    this.termCounts.remove(collection);
    this.known.delete(collection);
  }

  /**
   * BM25 over the analysed terms; with a query vector (collections ingested with an embedding
   * model), hybrid: BM25 and vector hits fused by reciprocal rank.
   */
  async search(
    collection: string,
    query: string,
    k: number,
    vector?: number[],
    filter?: SearchFilter,
  ): Promise<Hit[]> {
    const table = await this.table(collection);
    if (!table) throw new JugwonError('JG_COLLECTION_NOT_FOUND', { name: collection });
    // A question, not a document: only its start is analysed (synchronously, ~140 K characters a
    // second), so a question of megabytes cannot hold the event loop for seconds. Each distinct
    // term once: a repeated one costs a posting-list walk and changes no ranking (measured on
    // KorQuAD: the same to three decimals).
    const asked = query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query;
    const distinct = [...new Set(analyze(asked).split(' '))].filter(Boolean);
    const terms = distinct.join(' ');
    if (!terms && !vector) return [];
    const lancedb = await import('@lancedb/lancedb');
    let q = table.query();
    if (terms) {
      const counts = this.termCounts.read(collection);
      const searched = counts ? rarestTerms(distinct, counts) : distinct;
      q = q.fullTextSearch(new lancedb.MatchQuery(searched.join(' '), 'terms'));
    }
    const where = filter ? filterSql(filter) : '';
    if (where) q = q.where(where);
    const base = vector ? q.nearestTo(vector) : q;
    const ranked =
      vector && terms
        ? (base as ReturnType<typeof q.nearestTo>).rerank(await lancedb.rerankers.RRFReranker.create())
        : base;
    const lexicalOnly = !vector;
    let rows = (await ranked
      .select([
        'chunk_id',
        'doc_id',
        'text',
        'source',
        'title',
        'heading',
        'article',
        'page',
        ...(lexicalOnly ? ['terms'] : []),
      ])
      .limit(lexicalOnly ? Math.max(k, RERANK_DEPTH) : k)
      .toArray()) as (ChunkRow & { _score: number })[];
    if (lexicalOnly) {
      // Candidates often share a title: each is analysed once.
      const titleTerms = new Map(rows.map((r) => [r.title, '']));
      for (const title of titleTerms.keys()) titleTerms.set(title, analyze(title));
      const scores = proximityScores(
        asked,
        terms,
        rows.map((r) => ({
          terms: r.terms,
          score: r._score,
          text: r.text,
          title: r.title,
          titleTerms: titleTerms.get(r.title) as string,
        })),
      );
      rows = rows
        .map((r, i) => ({ ...r, _score: scores[i] as number }))
        .sort((a, b) => b._score - a._score)
        .slice(0, k);
    }
    return rows.map((r) => ({
      docId: r.doc_id,
      chunkId: r.chunk_id,
      score:
        r._score ??
        (r as { _relevance_score?: number })._relevance_score ??
        1 / (1 + ((r as { _distance?: number })._distance ?? 0)),
      text: r.text,
      source: r.source,
      title: r.title,
      heading: r.heading,
      article: r.article,
      page: r.page,
    }));
  }
}
