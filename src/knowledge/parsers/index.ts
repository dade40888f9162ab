import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { JugwonError } from '../../core/errors.js';
import type { ParsedDocument } from '../document.js';
import { parseDocx } from './docx.js';
import { parseHwp } from './hwp.js';
import { parseHwpx } from './hwpx.js';
import { LIMITS } from './limits.js';
import { parsePdf } from './pdf.js';
import { parseHtml, parseMarkdown, parseText } from './text.js';

/** One document to index: a file, or one record of a JSONL file (its id is the document id). */
export interface SourceDocument {
  docId: string;
  source: string;
  doc: ParsedDocument;
}

export const SUPPORTED = [
  '.hwp',
  '.hwpx',
  '.pdf',
  '.docx',
  '.txt',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.jsonl',
] as const;

const decoder = new TextDecoder('utf-8', { fatal: true });
function utf8(file: string, bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new JugwonError('JG_PARSE_FAILED', { file, reason: 'not UTF-8 text' });
  }
}

/** Parses one file into one or more documents, or throws JG_PARSE_FAILED with the reason. */
export async function parseFile(file: string): Promise<SourceDocument[]> {
  // The size is checked before the file is read, so a huge file is never held.
  checkSize(file, statSync(file).size);
  return parseBytes(file, readFileSync(file));
}

function checkSize(file: string, size: number): void {
  if (size > LIMITS.fileBytes)
    throw new JugwonError('JG_PARSE_FAILED', { file, reason: `larger than ${LIMITS.fileBytes} bytes` });
  if (size === 0) throw new JugwonError('JG_PARSE_FAILED', { file, reason: 'the file is empty' });
}

/**
 * Parses a document's bytes; `file` is its name (format by extension, document id, source and
 * error messages), so an upload is read without being written anywhere.
 */
export async function parseBytes(file: string, bytes: Uint8Array): Promise<SourceDocument[]> {
  return (await parseAny(file, bytes)).map((d) => ({ ...d, doc: composed(d.doc) }));
}

/**
 * The document in NFC: text written on a Mac (and some PDFs) comes decomposed — 규정 as ᄀ ᅲ ᄌ ᅥ ᆼ —
 * and would neither match a query typed elsewhere nor be read as words by the analyser.
 */
function composed(doc: ParsedDocument): ParsedDocument {
  const nfc = (s: string) => s.normalize('NFC');
  return {
    ...doc,
    ...(doc.title !== undefined ? { title: nfc(doc.title) } : {}),
    blocks: doc.blocks.map((b) => ({
      ...b,
      text: nfc(b.text),
      ...(b.rows ? { rows: b.rows.map((r) => r.map(nfc)) } : {}),
    })),
  };
}

async function parseAny(file: string, bytes: Uint8Array): Promise<SourceDocument[]> {
  checkSize(file, bytes.length);
  const ext = extname(file).toLowerCase();
  const one = (doc: ParsedDocument): SourceDocument[] => [{ docId: basename(file), source: file, doc }];
  switch (ext) {
    case '.hwp':
      return one(parseHwp(file, bytes));
    case '.hwpx':
      return one(parseHwpx(file, bytes));
    case '.txt':
      return one(parseText(utf8(file, bytes)));
    case '.md':
    case '.markdown':
      return one(parseMarkdown(utf8(file, bytes)));
    case '.html':
    case '.htm':
      return one(parseHtml(utf8(file, bytes)));
    case '.jsonl':
      return parseJsonl(file, utf8(file, bytes));
    case '.pdf':
      return one(await parsePdf(file, bytes));
    case '.docx':
      return one(await parseDocx(file, bytes));
    default:
      throw new JugwonError('JG_PARSE_FAILED', {
        file,
        reason: `unsupported format "${ext || 'none'}" (supported: ${SUPPORTED.join(', ')})`,
      });
  }
}

/** JSONL records {"id","text","title"?}: each is a document whose id is the record's id. */
function parseJsonl(file: string, text: string): SourceDocument[] {
  const out: SourceDocument[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let r: { id?: unknown; text?: unknown; title?: unknown };
    try {
      r = JSON.parse(line);
    } catch {
      throw new JugwonError('JG_PARSE_FAILED', { file, reason: `line ${i + 1} is not valid JSON` });
    }
    if ((typeof r.id !== 'string' && typeof r.id !== 'number') || typeof r.text !== 'string') {
      throw new JugwonError('JG_PARSE_FAILED', {
        file,
        reason: `line ${i + 1} needs "id" (string or number) and "text" (string)`,
      });
    }
    const id = String(r.id);
    if (seen.has(id))
      throw new JugwonError('JG_PARSE_FAILED', { file, reason: `line ${i + 1} repeats id "${id}"` });
    seen.add(id);
    const doc = parseText(r.text);
    out.push({
      docId: id,
      source: `${file}#${id}`,
      doc: typeof r.title === 'string' ? { ...doc, title: r.title } : doc,
    });
  });
  return out;
}
