import { Unzlib } from 'fflate';
import { JugwonError } from '../../core/errors.js';
import type { Block, ParsedDocument } from '../document.js';
import { LIMITS } from './limits.js';

export const MAX_PAGES = 5000;
const HANGUL_END = /[\uAC00-\uD7A3]$/;
const HANGUL_START = /^[\uAC00-\uD7A3]/;
const SENTENCE_END = /[.?!。]$|[다요음함임됨]$/;

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
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const wrapped =
      prev !== undefined &&
      prev.length >= typical * 0.8 &&
      HANGUL_END.test(prev) &&
      !SENTENCE_END.test(prev) &&
      HANGUL_START.test(line.trimStart());
    if (wrapped) out[out.length - 1] = prev + line.trimStart();
    else out.push(line);
  }
  return out.join('\n');
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
  const { extractText, getDocumentProxy } = await import('unpdf');
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
  const { text } = await extractText(pdf, { mergePages: false });
  const blocks: Block[] = [];
  (text as string[]).forEach((pageText, i) => {
    for (const paragraph of repairKoreanLines(pageText).split(/\n\s*\n/)) {
      if (paragraph.trim()) blocks.push({ kind: 'paragraph', text: paragraph.trim(), page: i + 1 });
    }
  });
  await pdf.destroy();
  return { blocks };
}
