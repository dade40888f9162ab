import type { Block, ParsedDocument } from './document.js';

export interface Chunk {
  index: number;
  text: string;
  heading: string;
  article: string;
  page: number;
}

export interface ChunkOptions {
  maxChars?: number;
  /** Sentences repeated at the start of the next chunk. */
  overlapSentences?: number;
}

const ARTICLE = /^\s*(제\s?\d+\s?조(?:의\s?\d+)?)(?:\s*\(([^)]{1,40})\))?/;
const segmenter = new Intl.Segmenter('ko', { granularity: 'sentence' });
// A sentence can end without punctuation in Korean documents (개조식: "…함", "…임", "…음").
const FINAL_ENDING = /(?<=[다요음함임됨죠까])\s+(?=\S)/u;

/**
 * ICU's sentence segmenter slows down faster than the text grows (a 136 KB line took over a second
 * here, 700 KB forty): a longer line is segmented in windows, cut at a sentence end, else a space.
 */
const SEGMENT_WINDOW = 4096;

function* windows(line: string): Generator<string> {
  let from = 0;
  while (line.length - from > SEGMENT_WINDOW) {
    const w = line.slice(from, from + SEGMENT_WINDOW);
    const end = Math.max(w.lastIndexOf('. '), w.lastIndexOf('? '), w.lastIndexOf('! '), w.lastIndexOf('。'));
    const space = w.lastIndexOf(' ');
    const cut = end > 0 ? end + 1 : space > 0 ? space : SEGMENT_WINDOW;
    yield w.slice(0, cut);
    from += cut;
  }
  yield line.slice(from);
}

export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    for (const w of windows(line)) {
      for (const s of segmenter.segment(w)) {
        for (const piece of s.segment.split(FINAL_ENDING)) if (piece.trim()) out.push(piece.trim());
      }
    }
  }
  return out;
}

/**
 * Structure first: a new 조 (article) or heading starts a new chunk, and a table stays whole when
 * it fits; then sentences are packed up to `maxChars`, with a sentence of overlap.
 */
export function chunkDocument(doc: ParsedDocument, o: ChunkOptions = {}): Chunk[] {
  const max = o.maxChars ?? 800;
  const overlap = o.overlapSentences ?? 1;
  const chunks: Chunk[] = [];
  const headings: string[] = [];
  let article = '';
  let page = 0;
  let buffer: string[] = [];
  let size = 0;

  const emit = (carry: boolean) => {
    if (buffer.length === 0) return;
    chunks.push({
      index: chunks.length,
      text: buffer.join(' '),
      heading: headings.filter(Boolean).join(' > '),
      article,
      page,
    });
    buffer = carry ? buffer.slice(-overlap) : [];
    size = buffer.reduce((n, s) => n + s.length + 1, 0);
  };
  const add = (s: string) => {
    if (size + s.length > max && buffer.length > 0) emit(true);
    // A single over-long sentence is cut at the limit rather than dropped.
    for (let i = 0; i < s.length; i += max) {
      buffer.push(s.slice(i, i + max));
      size += Math.min(max, s.length - i) + 1;
      if (size > max) emit(false);
    }
  };

  for (const b of doc.blocks as Block[]) {
    if (b.page !== undefined) page = b.page;
    if (b.kind === 'heading') {
      emit(false);
      const level = b.level ?? 1;
      headings.length = level - 1;
      headings[level - 1] = b.text;
      continue;
    }
    if (b.kind === 'table') {
      emit(false);
      if (b.text.length <= max) {
        buffer = [b.text];
        size = b.text.length;
        emit(false);
      } else for (const row of b.text.split('\n')) add(row);
      emit(false);
      continue;
    }
    for (const line of b.text.split('\n')) {
      const a = ARTICLE.exec(line);
      if (a) {
        emit(false);
        article = a[2]
          ? `${(a[1] as string).replace(/\s/g, '')}(${a[2]})`
          : (a[1] as string).replace(/\s/g, '');
      }
      for (const s of sentences(line)) add(s);
    }
  }
  emit(false);
  return chunks;
}
