import { chunkDocument } from '../../src/knowledge/chunk.js';
import { KnowledgeIndex } from '../../src/knowledge/index-store.js';
import { parseMarkdown } from '../../src/knowledge/parsers/text.js';

/** A document of a test collection, written as Markdown. */
export interface SeedDocument {
  docId: string;
  source: string;
  title: string;
  markdown: string;
}

/** Writes a collection straight into the index under `dataDir` and builds its full-text index. */
export async function seedCollection(dataDir: string, collection: string, docs: readonly SeedDocument[]) {
  const index = await KnowledgeIndex.open(dataDir);
  await index.replaceDocuments(
    collection,
    docs.map((d) => ({
      docId: d.docId,
      source: d.source,
      title: d.title,
      chunks: chunkDocument(parseMarkdown(d.markdown)),
    })),
  );
  await index.reindex(collection);
}
