import { basename } from 'node:path';
import { JugwonError } from '../core/errors.js';
import { chunkDocument } from './chunk.js';
import type { KnowledgeIndex } from './index-store.js';
import { parseBytes } from './parsers/index.js';

/**
 * Ingests one uploaded file (the console's documents screen). Only the name's last part is kept,
 * so an uploaded name can never point anywhere; it is the document id, as with `jugwon ingest`.
 */
export async function ingestUpload(
  index: KnowledgeIndex,
  collection: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<{ docId: string; documents: number; chunks: number }> {
  const name = uploadName(fileName);
  const docs = (await parseBytes(name, bytes)).map((d) => ({
    docId: d.docId,
    source: d.source,
    title: d.doc.title ?? '',
    chunks: chunkDocument(d.doc),
  }));
  const chunks = await index.replaceDocuments(collection, docs);
  await index.reindex(collection);
  return { docId: name, documents: docs.length, chunks };
}

/** The document id of an uploaded file: its base name (no directories, no hidden files). */
export function uploadName(fileName: string): string {
  const name = basename(fileName.replace(/\\/g, '/'));
  if (!name || name.startsWith('.') || name.length > 255)
    throw new JugwonError('JG_INVALID_REQUEST', { problem: `"${fileName}" is not a usable file name` });
  return name;
}
