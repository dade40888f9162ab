/** What a parser extracts from one file: blocks in reading order, with the structure kept. */
export type BlockKind = 'heading' | 'paragraph' | 'table' | 'note' | 'header' | 'footer';

export interface Block {
  kind: BlockKind;
  /** Plain text; a table's cells row by row (cells separated by tabs, rows by newlines). */
  text: string;
  /** Heading level (1 = top). */
  level?: number;
  page?: number;
  /** A table's cells. */
  rows?: string[][];
}

export interface ParsedDocument {
  title?: string;
  blocks: Block[];
}

/** The document as plain text in reading order (what `jugwon parse` prints). */
export function documentText(doc: ParsedDocument): string {
  return doc.blocks
    .map((b) => b.text)
    .filter((t) => t.trim() !== '')
    .join('\n');
}

/**
 * The form a document id is kept in: NFC. A file named on macOS arrives decomposed (규정.hwp as
 * ᄀ ᅲ ᄌ ᅥ ᆼ…): without this, the same document uploaded from a Mac and from Windows became two
 * documents, the older one never replaced. Ids kept before in another form still match.
 */
export const documentKey = (docId: string): string => docId.normalize('NFC');

/**
 * The form a collection name is kept in: NFC, for the same reason — "규정" typed or pasted on a
 * Mac is another string than on Windows, and made a second collection that looked the same.
 */
export const collectionKey = (name: string): string => name.normalize('NFC');
