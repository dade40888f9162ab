import { JugwonError } from '../../core/errors.js';
import type { Block, ParsedDocument } from '../document.js';

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

export async function parsePdf(file: string, bytes: Uint8Array): Promise<ParsedDocument> {
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
