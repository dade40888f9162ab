import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dict } from '../core/dict.js';
import { JugwonError } from '../core/errors.js';
import { writeFileAtomic } from '../core/files.js';
import { collectionKey, documentKey } from './document.js';

/**
 * What became of files uploaded through the HTTP API that are not (yet) in the index: one still
 * being parsed and indexed, or one that failed, with the reason. A document listed as indexed
 * comes from the index itself; this log only adds what the index cannot know. It is kept on disk
 * so a failure is still shown after a restart, and an upload cut short by a restart is shown as
 * failed rather than forever in progress.
 */
export type UploadState = 'processing' | 'failed';

export interface UploadEntry {
  file: string;
  state: UploadState;
  /** When the upload started (processing) or failed. */
  at: string;
  error?: { code: string; message: string };
}

/** Failures kept per collection; the oldest go first (a log, not an archive). */
const MAX_PER_COLLECTION = 500;
/**
 * Entries kept in all, over every collection: the whole log is rewritten on each upload, so a
 * tenant making ever more collections with failed uploads in each must not make it grow without end.
 */
export const MAX_ENTRIES = 5_000;

export class UploadLog {
  private readonly path: string;
  private readonly entries: Record<string, Record<string, UploadEntry>>;

  constructor(
    dataDir: string,
    private readonly maxEntries = MAX_ENTRIES,
  ) {
    this.path = join(dataDir, 'knowledge', 'uploads.json');
    this.entries = readLog(this.path);
    let interrupted = false;
    for (const files of Object.values(this.entries))
      for (const e of Object.values(files))
        if (e.state === 'processing') {
          interrupted = true;
          const { code, message } = new JugwonError('JG_INGEST_INTERRUPTED');
          Object.assign(e, { state: 'failed', error: { code, message } });
        }
    if (interrupted) this.save();
  }

  list(collection: string): UploadEntry[] {
    return Object.values(this.entries[collectionKey(collection)] ?? {});
  }

  start(collection: string, file: string): void {
    this.put(collection, { file, state: 'processing', at: new Date().toISOString() });
  }

  fail(collection: string, file: string, error: { code: string; message: string }): void {
    this.put(collection, { file, state: 'failed', at: new Date().toISOString(), error });
  }

  /** The file is indexed, or deleted: nothing more to say about it. */
  forget(collection: string, name: string): void {
    const file = documentKey(name);
    const files = this.entries[collectionKey(collection)];
    if (!files || !(file in files)) return;
    delete files[file];
    this.save();
  }

  private put(collection: string, given: UploadEntry): void {
    const entry = { ...given, file: documentKey(given.file) };
    const key = collectionKey(collection);
    const files = this.entries[key] ?? dict<UploadEntry>();
    delete files[entry.file]; // re-inserted last: object order is the order of events
    files[entry.file] = entry;
    const names = Object.keys(files);
    for (const name of names.slice(0, Math.max(0, names.length - MAX_PER_COLLECTION))) delete files[name];
    this.entries[key] = files;
    this.trim();
    this.save();
  }

  /** Drops the oldest entries of any collection beyond the most kept (MAX_ENTRIES). */
  private trim(): void {
    let total = 0;
    for (const files of Object.values(this.entries)) total += Object.keys(files).length;
    if (total <= this.maxEntries) return;
    const all: [string, UploadEntry][] = [];
    for (const [collection, files] of Object.entries(this.entries))
      for (const e of Object.values(files)) all.push([collection, e]);
    all.sort((a, b) => a[1].at.localeCompare(b[1].at));
    for (const [collection, e] of all.slice(0, total - this.maxEntries)) {
      const files = this.entries[collection] as Record<string, UploadEntry>;
      delete files[e.file];
      if (Object.keys(files).length === 0) delete this.entries[collection];
    }
  }

  private save(): void {
    writeFileAtomic(this.path, `${JSON.stringify(this.entries)}\n`);
  }
}

/** A damaged log starts empty: it only annotates the index, which stays the truth. */
function readLog(path: string): Record<string, Record<string, UploadEntry>> {
  if (!existsSync(path)) return dict();
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return dict();
    const log = dict<Record<string, UploadEntry>>();
    for (const [collection, files] of Object.entries(parsed as Record<string, Record<string, UploadEntry>>))
      log[collection] = dict(files);
    return log;
  } catch {
    return dict();
  }
}
