import { JugwonError } from '../../core/errors.js';
import type { ParsedDocument } from '../document.js';
import { LIMITS } from './limits.js';
import { parseHtml } from './text.js';
import { readZip } from './zip.js';

/** DOCX through mammoth's HTML (which keeps headings and tables), after the zip-bomb check. */
export async function parseDocx(file: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const parts = readZip(file, bytes, (name) => name === 'word/document.xml', LIMITS.unzippedBytes);
  if (!parts['word/document.xml'])
    throw new JugwonError('JG_PARSE_FAILED', {
      file,
      reason: 'no word/document.xml (not a DOCX document, or encrypted)',
    });
  const mammoth = (await import('mammoth')).default;
  try {
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return parseHtml(value);
  } catch (e) {
    throw new JugwonError('JG_PARSE_FAILED', {
      file,
      reason: `not a readable DOCX (${(e as Error).message})`,
    });
  }
}
