import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { JugwonError } from '../core/errors.js';
import { chunkDocument } from './chunk.js';
import type { KnowledgeIndex } from './index-store.js';
import { parseFile, SUPPORTED } from './parsers/index.js';

/**
 * Ingests one uploaded file (the console's documents screen): it is written under the data
 * folder only for as long as the parser reads it, under a name of our own, so an uploaded name can
 * never point anywhere else. Its document id is the file's own name, as with `jugwon ingest`.
 */
export async function ingestUpload(
  index: KnowledgeIndex,
  dataDir: string,
  collection: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<{ docId: string; documents: number; chunks: number }> {
  const name = basename(fileName.replace(/\\/g, '/'));
  if (!name || name.startsWith('.') || name.length > 255)
    throw new JugwonError('JG_INVALID_REQUEST', { problem: `"${fileName}" is not a usable file name` });
  const ext = name.slice(name.lastIndexOf('.')).toLowerCase();
  if (!(SUPPORTED as readonly string[]).includes(ext))
    throw new JugwonError('JG_PARSE_FAILED', {
      file: name,
      reason: `unsupported format "${ext}" (supported: ${SUPPORTED.join(', ')})`,
    });
  const dir = join(dataDir, 'uploads');
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `${randomUUID()}${ext}`);
  try {
    writeFileSync(temp, bytes);
    const docs = (await parseFile(temp)).map((d) => ({
      // A file's document is named by the upload, not by the temporary file.
      docId: d.docId === basename(temp) ? name : d.docId,
      source: name,
      title: d.doc.title ?? '',
      chunks: chunkDocument(d.doc),
    }));
    const chunks = await index.replaceDocuments(collection, docs);
    await index.reindex(collection);
    return { docId: name, documents: docs.length, chunks };
  } catch (e) {
    // Parser messages name the file: name the upload, never the temporary path.
    if (e instanceof JugwonError && e.code === 'JG_PARSE_FAILED')
      throw new JugwonError('JG_PARSE_FAILED', {
        file: name,
        reason: e.message.replace(`Cannot read ${temp}: `, '').replace(/\.$/, ''),
      });
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}
