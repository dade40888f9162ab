import { basename } from 'node:path';
import { JugwonError } from '../core/errors.js';
import type { DataClass } from '../core/names.js';
import { chunkDocument } from '../knowledge/chunk.js';
import { collectionKey, documentKey } from '../knowledge/document.js';
import type { SearchFilter } from '../knowledge/filter.js';
import { type Hit, validateCollection } from '../knowledge/index-store.js';
import { parseFile } from '../knowledge/parsers/index.js';
import { type IngestPii, piiTransform } from '../knowledge/pii-at-ingest.js';
import { type Citation, groundedMessages, passagesAnswer, retrieve } from '../knowledge/rag.js';
import { type CollectionSettings, readSettings, writeSettings } from '../knowledge/settings.js';
import { findTenant } from '../tenancy/tenants.js';
import { adminRecord } from './admin.js';
import { completeFor } from './chat.js';
import { mayRead, readableCollection, readerTenant } from './collections.js';
import { embedFor, embedInBatches } from './embeddings.js';
import type { Platform } from './platform.js';
import type { RequestContext } from './request.js';

/**
 * The knowledge base as every path uses it: ingest (files from the CLI, uploads from HTTP) with
 * the collection's stored settings, search, ask, list and delete — each under the caller's
 * principal (owner rule, policy, budgets, audit).
 */
export type Caller = Pick<RequestContext, 'requestId' | 'route' | 'principal' | 'signal' | 'dataClasses'>;

export interface NewCollectionOptions {
  /** The owning tenant (CLI); over HTTP the caller's own tenant owns a new collection. */
  tenant?: string;
  embeddingModel?: string;
  pii?: IngestPii;
  dataClass?: DataClass;
}

/**
 * The settings an ingest works under. A new collection's settings (owner, embedding model,
 * personal-data mode) are written before its first row, so no row is ever without its owner and
 * mode; an existing collection's are applied as stored, and asking to change them is refused.
 */
function settingsFor(
  platform: Platform,
  collection: string,
  asked: NewCollectionOptions,
  o: { forNew?: boolean } = {},
): Promise<{ settings: CollectionSettings; created: boolean }> {
  // Replicas sharing the data folder decide one at a time (collections.json is theirs together).
  return platform.clusterLock('collections', () => decideSettings(platform, collection, asked, o));
}

async function decideSettings(
  platform: Platform,
  collection: string,
  asked: NewCollectionOptions,
  o: { forNew?: boolean },
): Promise<{ settings: CollectionSettings; created: boolean }> {
  // Everything that waits comes first; then the settings are read, decided and written with no
  // wait in between, so two ingests creating one collection at once cannot both become its
  // creator (the second sees the first's settings).
  const inIndex = await (await platform.knowledge()).hasCollection(collection);
  if (!inIndex && !o.forNew) {
    if (asked.tenant !== undefined) await findTenant(platform.store.db, asked.tenant);
    if (asked.embeddingModel !== undefined) platform.registry.get(asked.embeddingModel);
  }
  const all = readSettings(platform.config.dataDir);
  const known = all[collection];
  if (known !== undefined || inIndex) {
    const k = known ?? {};
    // `forNew`: the options say what a new collection would be (an upload), not a change.
    if (o.forNew) return { settings: k, created: false };
    if (asked.embeddingModel !== undefined && asked.embeddingModel !== k.embeddingModel)
      throw conflict(
        collection,
        `uses ${k.embeddingModel ? `embedding model "${k.embeddingModel}"` : 'no embedding model'}; its vectors must all come from one model`,
      );
    if (asked.tenant !== undefined && asked.tenant !== k.tenant)
      throw conflict(
        collection,
        `is ${k.tenant ? `owned by tenant "${k.tenant}"` : 'shared by all tenants'}; its owner is fixed when it is created`,
      );
    if (asked.pii !== undefined && asked.pii !== (k.pii ?? 'keep'))
      throw conflict(
        collection,
        `keeps personal data as "${k.pii ?? 'keep'}"; this is fixed when it is created`,
      );
    if (asked.dataClass !== undefined && asked.dataClass !== k.dataClass)
      throw conflict(
        collection,
        `is of data class ${k.dataClass ?? '(none)'}; change it with \`jugwon collections set ${collection} --data-class ${asked.dataClass}\``,
      );
    return { settings: k, created: false };
  }
  const limit = platform.config.knowledge.maxCollectionsPerTenant;
  if (
    asked.tenant !== undefined &&
    Object.values(all).filter((s) => s?.tenant === asked.tenant).length >= limit
  )
    throw new JugwonError('JG_COLLECTION_LIMIT', { tenant: asked.tenant, limit });
  const settings: CollectionSettings = {
    ...(asked.dataClass ? { dataClass: asked.dataClass } : {}),
    ...(asked.embeddingModel ? { embeddingModel: asked.embeddingModel } : {}),
    ...(asked.tenant ? { tenant: asked.tenant } : {}),
    ...(asked.pii && asked.pii !== 'keep' ? { pii: asked.pii } : {}),
  };
  all[collection] = settings;
  writeSettings(platform.config.dataDir, all);
  return { settings, created: true };
}

const conflict = (name: string, problem: string) =>
  new JugwonError('JG_COLLECTION_CONFLICT', { name, problem });

/** Forgets a collection created by an ingest that stored nothing (unless another ingest did). */
async function forgetIfEmpty(
  platform: Platform,
  collection: string,
  created: boolean,
  chunks: number,
): Promise<void> {
  if (!created || chunks > 0 || (await (await platform.knowledge()).hasCollection(collection))) return;
  await forgetSettings(platform, collection);
}

/** Removes a collection's settings (under the lock every replica decides settings with). */
function forgetSettings(platform: Platform, collection: string): Promise<void> {
  return platform.clusterLock('collections', async () => {
    const all = readSettings(platform.config.dataDir);
    delete all[collectionKey(collection)];
    writeSettings(platform.config.dataDir, all);
  });
}

/** The caller, carrying the collection's data class to every model call made for it. */
const withClass = (caller: Caller, settings: CollectionSettings | undefined): Caller =>
  settings?.dataClass
    ? { ...caller, dataClasses: [...new Set([...(caller.dataClasses ?? []), settings.dataClass])] }
    : caller;

/** Writes parsed documents with the collection's settings applied (masking, embeddings). */
/** Rows an upload to a serving process writes per call, so requests get in between (see replaceDocuments). */
const UPLOAD_ROWS_PER_WRITE = 256;

function writer(
  platform: Platform,
  parent: Caller,
  collection: string,
  settings: CollectionSettings,
  rowsPerWrite?: number,
) {
  const caller = withClass(parent, settings);
  const transform = piiTransform(settings.pii ?? 'keep', platform.detector);
  const model = settings.embeddingModel;
  const embed = model ? embedInBatches(platform, caller, model) : undefined;
  return async (docs: Parameters<Awaited<ReturnType<Platform['knowledge']>>['replaceDocuments']>[1]) =>
    (await platform.knowledge()).replaceDocuments(collection, docs, transform, embed, rowsPerWrite);
}

export interface IngestSummary {
  files: number;
  failed: number;
  documents: number;
  chunks: number;
  errors: JugwonError[];
}

/** Ingests files (the CLI): documents in batches, per-file errors reported, the index built once. */
export async function ingestFiles(
  platform: Platform,
  caller: Caller,
  collection: string,
  /** Each file's path, and the name it is known by (never a server path: see the CLI). */
  files: readonly { path: string; name: string }[],
  o: NewCollectionOptions & {
    maxChars: number;
    onError?: (e: JugwonError) => void;
    onFile?: (done: number, documents: number) => void;
  },
): Promise<IngestSummary> {
  const name = validateCollection(collection);
  const { settings, created } = await settingsFor(platform, name, o);
  const write = writer(platform, caller, name, settings);
  const summary: IngestSummary = { files: files.length, failed: 0, documents: 0, chunks: 0, errors: [] };
  const batch: Parameters<typeof write>[0] = [];
  const flush = async () => {
    summary.chunks += await write(batch.splice(0));
  };
  try {
    for (const [i, file] of files.entries()) {
      try {
        for (const d of await parseFile(file.path)) {
          batch.push({
            docId: d.docId,
            source: d.source === file.path ? file.name : `${file.name}${d.source.slice(file.path.length)}`,
            title: d.doc.title ?? '',
            chunks: chunkDocument(d.doc, { maxChars: o.maxChars }),
          });
          summary.documents++;
          if (batch.length >= 500) await flush();
        }
      } catch (e) {
        if (!(e instanceof JugwonError)) throw e;
        summary.failed++;
        summary.errors.push(e);
        o.onError?.(e);
      }
      o.onFile?.(i + 1, summary.documents);
    }
    await flush();
    await (await platform.knowledge()).reindex(name);
  } finally {
    await forgetIfEmpty(platform, name, created, summary.chunks);
  }
  return summary;
}

/** The document id of an uploaded file: its base name (no directories, no hidden files). */
export function uploadName(fileName: string): string {
  const name = basename(fileName.replace(/\\/g, '/'));
  if (!name || name.startsWith('.') || name.length > 255)
    throw new JugwonError('JG_INVALID_REQUEST', { problem: `"${fileName}" is not a usable file name` });
  return documentKey(name);
}

/**
 * Ingests one uploaded file (HTTP, the console's documents screen) into a collection the caller
 * may change: a new collection belongs to the caller's tenant; a shared one is changed only by
 * administrators. The collection's stored settings apply, as for `jugwon ingest`.
 */
export async function ingestUpload(
  platform: Platform,
  caller: Caller,
  collection: string,
  fileName: string,
  bytes: Uint8Array,
  uploads: {
    start(c: string, f: string): void;
    fail(c: string, f: string, e: { code: string; message: string }): void;
    forget(c: string, f: string): void;
  },
): Promise<{ docId: string; documents: number; chunks: number }> {
  const name = validateCollection(collection);
  const docId = uploadName(fileName);
  // The tenant's own limits on what it uploads (the server's 200 MB per file holds for all).
  const tenant = caller.principal?.tenant;
  if (tenant?.upload_bytes && bytes.length > tenant.upload_bytes)
    throw new JugwonError('JG_INPUT_TOO_LARGE', { what: 'The document', limit: tenant.upload_bytes });
  const owner = readerTenant(caller.principal);
  const { created } = await settingsFor(platform, name, owner ? { tenant: owner } : {}, { forNew: true });
  // One access rule, applied once the collection's settings are decided (whoever created it): a
  // tenant that lost a race to create this collection is refused like any other.
  const settings = readableCollection(platform.config.dataDir, name, caller.principal) ?? {};
  if (!created && !settings.tenant && caller.principal?.role !== 'operator')
    throw new JugwonError('JG_FORBIDDEN', { action: 'change a shared collection' });
  // Charged only once the upload may go in: a refused one spends nothing.
  const charge = caller.principal
    ? await platform.quotas.chargeIngest(caller.principal, bytes.length)
    : undefined;
  if (charge) await platform.ledger.write({ counters: [charge] });
  // Others looking at an existing collection see the file in progress, then indexed or failed.
  if (!created) uploads.start(name, docId);
  try {
    // Parsed off the event loop, within the worker's memory and time limits (bombs end there).
    const docs = (await platform.offThread.parse(docId, bytes)).map((d) => ({
      docId: d.docId,
      source: d.source,
      title: d.doc.title ?? '',
      chunks: chunkDocument(d.doc),
    }));
    const chunks = await writer(platform, caller, name, settings, UPLOAD_ROWS_PER_WRITE)(docs);
    await (await platform.knowledge()).reindex(name);
    uploads.forget(name, docId);
    return { docId, documents: docs.length, chunks };
  } catch (e) {
    if (!created) {
      const known = e instanceof JugwonError ? e : new JugwonError('JG_INTERNAL');
      uploads.fail(name, docId, { code: known.code, message: known.clientMessage });
    }
    throw e;
  }
  // A failed first upload leaves the collection's settings (its owner) in place: another upload
  // may be writing its first rows at this moment, and they must never be without an owner.
}

/** The query's embedding for a hybrid collection (a metered call under the caller); else none. */
async function queryVector(
  platform: Platform,
  caller: Caller,
  settings: CollectionSettings | undefined,
  query: string,
) {
  if (!settings?.embeddingModel) return undefined;
  return (await embedFor(platform, withClass(caller, settings), settings.embeddingModel, [query]))[0];
}

export async function search(
  platform: Platform,
  caller: Caller,
  collection: string,
  query: string,
  k: number,
  filter?: SearchFilter,
): Promise<Hit[]> {
  const settings = readableCollection(platform.config.dataDir, collection, caller.principal);
  const vector = await queryVector(platform, caller, settings, query);
  return (await platform.knowledge()).search(collection, query, k, vector, filter);
}

/** Cited passages, and with a model a grounded answer written through the chat pipeline. */
export async function ask(
  platform: Platform,
  caller: Caller & { principal: NonNullable<Caller['principal']> },
  collection: string,
  question: string,
  o: { k: number; filter?: SearchFilter | undefined; model?: string | undefined },
): Promise<{ answer: string; citations: Citation[] }> {
  const settings = readableCollection(platform.config.dataDir, collection, caller.principal);
  const vector = await queryVector(platform, caller, settings, question);
  const citations = await retrieve(await platform.knowledge(), collection, question, o.k, vector, o.filter);
  let answer = passagesAnswer(citations);
  if (o.model && citations.length > 0) {
    const completion = await completeFor(
      platform,
      caller.principal,
      caller.route,
      {
        model: o.model,
        messages: groundedMessages([{ role: 'user', content: question }], citations),
        temperature: 0,
      },
      caller.signal,
      caller.requestId,
      'interactive',
      withClass(caller, settings).dataClasses,
    );
    const text = completion.choices[0]?.message.content;
    answer = typeof text === 'string' ? text : answer;
  }
  return { answer, citations };
}

/** The collections the caller may read, with their owner and settings. */
export async function listCollections(platform: Platform, caller: Pick<Caller, 'principal'>) {
  const all = readSettings(platform.config.dataDir);
  return (await (await platform.knowledge()).collections())
    .filter((c) => mayRead(all[c.name], caller.principal))
    .map((c) => ({
      ...c,
      tenant: all[c.name]?.tenant ?? null,
      embeddingModel: all[c.name]?.embeddingModel ?? null,
      pii: all[c.name]?.pii ?? 'keep',
      dataClass: all[c.name]?.dataClass ?? null,
    }));
}

/**
 * Labels a collection with a data class (or none): the operator, or the owning tenant's admin.
 * Its passages and embeddings then reach only models the class may reach; audited.
 */
export async function setCollectionClass(
  platform: Platform,
  caller: Pick<Caller, 'principal' | 'route' | 'requestId'>,
  name: string,
  dataClass: DataClass | null,
): Promise<void> {
  const p = caller.principal;
  const key = collectionKey(name);
  const owner = await platform.clusterLock('collections', async () => {
    const all = readSettings(platform.config.dataDir);
    const known = all[key];
    if (!known && !(await (await platform.knowledge()).hasCollection(name)))
      throw new JugwonError('JG_COLLECTION_NOT_FOUND', { name });
    const tenant = known?.tenant;
    if (!(p?.role === 'operator' || (p?.role === 'admin' && tenant !== undefined && tenant === p.tenantName)))
      throw new JugwonError('JG_FORBIDDEN', { action: "change this collection's data class" });
    const next: CollectionSettings = { ...(known ?? {}) };
    if (dataClass) next.dataClass = dataClass;
    else delete next.dataClass;
    all[key] = next;
    writeSettings(platform.config.dataDir, all);
    return tenant;
  });
  if (p)
    await platform.ledger.write({
      audit: adminRecord(
        { principal: p, route: caller.route, ...(caller.requestId ? { requestId: caller.requestId } : {}) },
        'collection.class',
        owner ?? '(shared)',
        `${key}: ${dataClass ?? 'none'}`,
      ),
    });
}

/** Deletes a whole collection (administrators, or the operator) and its settings. */
export async function deleteCollection(
  platform: Platform,
  caller: Pick<Caller, 'principal'>,
  name: string,
): Promise<void> {
  const owner = readableCollection(platform.config.dataDir, name, caller.principal)?.tenant;
  const p = caller.principal;
  // The operator deletes any collection; a tenant's admin only one the tenant owns.
  if (!(p?.role === 'operator' || (p?.role === 'admin' && owner !== undefined && owner === p.tenantName)))
    throw new JugwonError('JG_FORBIDDEN', { action: 'delete this collection' });
  await (await platform.knowledge()).dropCollection(name);
  await forgetSettings(platform, name);
}

/** Deletes one document from a collection the caller may change. */
export async function deleteDocument(
  platform: Platform,
  caller: Pick<Caller, 'principal'>,
  name: string,
  docId: string,
): Promise<void> {
  const settings = readableCollection(platform.config.dataDir, name, caller.principal);
  if (!settings?.tenant && caller.principal?.role !== 'operator')
    throw new JugwonError('JG_FORBIDDEN', { action: 'change a shared collection' });
  await (await platform.knowledge()).deleteDocument(name, docId);
}

/**
 * Collections in the index with no settings entry (no recorded owner): from before owners were
 * written first, or left by a crash. Only administrators see them until an owner is recorded:
 * `owner` (a tenant) or `null` (shared by all); without either, they are only listed.
 */
export function repairCollections(
  platform: Platform,
  o: { owner?: string | null },
): Promise<{ collection: string; owner: string | null | undefined }[]> {
  return platform.clusterLock('collections', () => repairNow(platform, o));
}

async function repairNow(
  platform: Platform,
  o: { owner?: string | null },
): Promise<{ collection: string; owner: string | null | undefined }[]> {
  const all = readSettings(platform.config.dataDir);
  const orphans = (await (await platform.knowledge()).collections())
    .map((c) => c.name)
    .filter((n) => !all[n]);
  if (o.owner === undefined) return orphans.map((collection) => ({ collection, owner: undefined }));
  if (o.owner !== null) await findTenant(platform.store.db, o.owner);
  for (const name of orphans) all[name] = o.owner ? { tenant: o.owner } : {};
  if (orphans.length) writeSettings(platform.config.dataDir, all);
  return orphans.map((collection) => ({ collection, owner: o.owner }));
}
