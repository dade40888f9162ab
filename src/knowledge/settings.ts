import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dict } from '../core/dict.js';
import { writeFileAtomic } from '../core/files.js';
import type { DataClass } from '../core/names.js';
import type { IngestPii } from './pii-at-ingest.js';

/**
 * Per-collection choices made when it is created, applied on every path that adds to it (CLI,
 * HTTP, console): the embedding model (fixed: vectors must agree), the owner, and what happens
 * to personal data at ingest.
 */
export interface CollectionSettings {
  embeddingModel?: string;
  /** keep (default), mask or tag: see pii-at-ingest.ts. */
  pii?: IngestPii;
  /** The tenant that owns the collection: over HTTP only its keys may search it. None: shared. */
  tenant?: string;
  /** Its data class (N2SF C/S/O, credit): where its passages and embeddings may be sent. */
  dataClass?: DataClass;
}

const file = (dataDir: string) => join(dataDir, 'knowledge', 'collections.json');

export function readSettings(dataDir: string): Record<string, CollectionSettings> {
  const f = file(dataDir);
  return dict(
    existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Record<string, CollectionSettings>) : {},
  );
}

export function writeSettings(dataDir: string, all: Record<string, CollectionSettings>): void {
  writeFileAtomic(file(dataDir), `${JSON.stringify(all, null, 2)}\n`);
}
