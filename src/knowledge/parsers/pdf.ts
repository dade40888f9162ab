import { Unzlib } from 'fflate';
import { JugwonError } from '../../core/errors.js';
import type { Block, ParsedDocument } from '../document.js';
import { LIMITS } from './limits.js';

export const MAX_PAGES = 5000;
const HANGUL = /[\uAC00-\uD7A3]/;
const HANGUL_START = /^[\uAC00-\uD7A3]/;
const SENTENCE_END = /[.?!。다요음함임됨]/;
/**
 * The last character of a string made whole (split, sliced). Text is gathered in lists and joined
 * once: reading the end of a string built by `+=` first copies all of it, so looking at the end of
 * a growing line or page after each piece made reading a page quadratic (a page of 40,000 lines
 * took 31 s).
 */
const last = (s: string) => s.charAt(s.length - 1);

/**
 * PDF text extraction breaks Korean lines wherever the layout wrapped them, often inside a word
 * ("대출 금\\n리는"). A line that fills the page width and ends in the middle of Hangul text is
 * joined to the next one without a space; other line breaks stay.
 */
export function repairKoreanLines(pageText: string): string {
  const lines = pageText.split('\n').map((l) => l.trimEnd());
  const lengths = lines
    .map((l) => l.length)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const typical = lengths[Math.floor(lengths.length * 0.75)] ?? 0;
  const parts: string[] = [];
  let prev: { length: number; last: string } | undefined; // the output line so far
  for (const line of lines) {
    const piece = line.trimStart();
    const wrapped =
      prev !== undefined &&
      prev.length >= typical * 0.8 &&
      HANGUL.test(prev.last) &&
      !SENTENCE_END.test(prev.last) &&
      HANGUL_START.test(piece);
    if (wrapped && prev) {
      parts.push(piece);
      prev.length += piece.length;
      prev.last = last(piece);
    } else {
      if (prev) parts.push('\n');
      parts.push(line);
      prev = { length: line.length, last: last(line) };
    }
  }
  return parts.join('');
}

/** Latin-1 view of the bytes, for finding stream markers (offsets equal byte offsets). */
const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/**
 * Refuses a PDF whose compressed streams expand past `limit` bytes in all (a flate bomb: 400 KB
 * that the PDF reader would inflate to 700 MB). Each stream that is zlib data is inflated in
 * chunks that are counted and dropped, never kept, so the check itself holds no more than a chunk.
 */
export function checkStreams(file: string, bytes: Uint8Array, limit: number = LIMITS.unzippedBytes): void {
  const text = latin1(bytes);
  let total = 0;
  for (let at = text.indexOf('stream'); at >= 0; at = text.indexOf('stream', at + 6)) {
    if (text.startsWith('endstream', at - 3)) continue;
    let start = at + 6;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    // Only zlib data (0x78 header) is inflated; other filters and raw streams are left to the reader.
    if (bytes[start] === 0x78) {
      let over = false;
      const inflater = new Unzlib((chunk) => {
        total += chunk.length;
        if (total > limit) over = true;
      });
      try {
        for (let i = start; i < end && !over; i += 64 * 1024)
          inflater.push(bytes.subarray(i, Math.min(end, i + 64 * 1024)));
      } catch {
        // not zlib after all, or damaged: the reader decides
      }
      if (over)
        throw new JugwonError('JG_PARSE_FAILED', {
          file,
          reason: `its compressed streams expand beyond ${limit} bytes`,
        });
    }
    at = end;
  }
}

export async function parsePdf(file: string, bytes: Uint8Array): Promise<ParsedDocument> {
  checkStreams(file, bytes);
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    throw new JugwonError('JG_PARSE_FAILED', {
      file,
      reason:
        name === 'PasswordException'
          ? 'the PDF is encrypted (password protected)'
          : `not a readable PDF (${(e as Error).message})`,
    });
  }
  if (pdf.numPages > MAX_PAGES)
    throw new JugwonError('JG_PARSE_FAILED', { file, reason: `more than ${MAX_PAGES} pages` });
  const blocks: Block[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const { items } = await page.getTextContent();
    for (const paragraph of repairKoreanLines(pageText(items as TextItem[])).split(/\n\s*\n/)) {
      if (paragraph.trim()) blocks.push({ kind: 'paragraph', text: paragraph.trim(), page: i });
    }
    page.cleanup();
  }
  await pdf.destroy();
  return { blocks };
}

interface TextItem {
  str?: string;
  transform?: number[];
  width?: number;
  hasEOL?: boolean;
}

/** U+0001, where Chromium's justified text had its spaces; other control characters are dropped. */
const SPACE_MARK = new RegExp(String.fromCharCode(1), 'g');
const CONTROL = new RegExp(
  `[${String.fromCharCode(0)}${String.fromCharCode(2)}-${String.fromCharCode(8)}${String.fromCharCode(11)}-${String.fromCharCode(31)}]`,
  'g',
);

/**
 * A page's text from its text items, keeping the word spaces that PDF writers leave out. Justified
 * text from Chromium's print to PDF carries U+0001 where the spaces were; other writers place words
 * apart with no space character at all. So a control character becomes a space, and a space is put
 * between two pieces of one line that stand apart by more than a fifth of the font size.
 */
export function pageText(items: readonly TextItem[]): string {
  const out: string[] = [];
  let end = ''; // the last character out
  let prev: { x: number; y: number; end: number; size: number } | undefined;
  for (const item of items) {
    const str = (item.str ?? '').replace(SPACE_MARK, ' ').replace(CONTROL, '');
    const t = item.transform ?? [1, 0, 0, 1, 0, 0];
    const size = Math.hypot(t[2] ?? 0, t[3] ?? 1) || 1;
    const x = t[4] ?? 0;
    const y = t[5] ?? 0;
    if (prev && str && end !== '\n' && Math.abs(y - prev.y) < size * 0.5) {
      const gap = x - prev.end;
      if (gap > prev.size * 0.2 && !/\s/.test(end) && !/^\s/.test(str)) {
        out.push(' ');
        end = ' ';
      }
    }
    if (str) {
      out.push(str);
      end = last(str);
    }
    if (item.hasEOL) {
      out.push('\n');
      end = '\n';
    }
    if (str || item.hasEOL) prev = { x, y, end: x + (item.width ?? 0), size };
  }
  return out.join('').replace(/[ \u00a0]{2,}/g, ' ');
}
