import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Per-collection choices made at first ingest: the embedding model (fixed: vectors must agree). */
export interface CollectionSettings {
  embeddingModel?: string;
}

const file = (dataDir: string) => join(dataDir, 'knowledge', 'collections.json');

export function readSettings(dataDir: string): Record<string, CollectionSettings> {
  const f = file(dataDir);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Record<string, CollectionSettings>) : {};
}

export function writeSettings(dataDir: string, all: Record<string, CollectionSettings>): void {
  mkdirSync(join(dataDir, 'knowledge'), { recursive: true });
  const f = file(dataDir);
  writeFileSync(`${f}.tmp`, `${JSON.stringify(all, null, 2)}\n`);
  renameSync(`${f}.tmp`, f); // never a half-written settings file
}
