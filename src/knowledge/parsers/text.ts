import type { Block, ParsedDocument } from '../document.js';
import { BoundedParser } from './markup.js';

/** Plain text: paragraphs are separated by blank lines (single newlines stay inside). */
export function parseText(text: string): ParsedDocument {
  const blocks: Block[] = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: 'paragraph' as const, text: p }));
  return { blocks };
}

/** Markdown: ATX headings become heading blocks (with their level); the rest as plain text. */
export function parseMarkdown(text: string): ParsedDocument {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    const t = paragraph.join('\n').trim();
    if (t) blocks.push({ kind: t.startsWith('|') ? 'table' : 'paragraph', text: t });
    paragraph = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      blocks.push({ kind: 'heading', level: (h[1] as string).length, text: (h[2] as string).trim() });
    } else if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  const title = blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  return { ...(title ? { title } : {}), blocks };
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'li',
  'br',
  'tr',
  'section',
  'article',
  'blockquote',
  'pre',
  'dd',
  'dt',
]);

/** HTML: text of block elements, headings kept, tables row by row; scripts and styles skipped. */
export function parseHtml(html: string): ParsedDocument {
  const blocks: Block[] = [];
  let text: string[] = [];
  let skip = 0;
  let heading: number | undefined;
  let title: string | undefined;
  let inTitle = false;
  const rows: string[][] = [];
  let row: string[] | undefined;
  let cell: string[] | undefined;
  const flush = () => {
    const t = text
      .join('')
      .replace(/[ \t]+/g, ' ')
      .trim();
    if (t)
      blocks.push(heading ? { kind: 'heading', level: heading, text: t } : { kind: 'paragraph', text: t });
    text = [];
  };
  const parser = new BoundedParser(
    {
      onopentag(name) {
        if (name === 'script' || name === 'style' || name === 'noscript') skip++;
        else if (name === 'title') inTitle = true;
        else if (/^h[1-6]$/.test(name)) {
          flush();
          heading = Number(name[1]);
        } else if (name === 'table') flush();
        else if (name === 'tr') row = [];
        else if (name === 'td' || name === 'th') cell = [];
        else if (BLOCK_TAGS.has(name)) flush();
      },
      ontext(t) {
        if (skip > 0) return;
        if (inTitle) title = (title ?? '') + t;
        else if (cell) cell.push(t);
        else text.push(t);
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style' || name === 'noscript') skip--;
        else if (name === 'title') inTitle = false;
        else if (/^h[1-6]$/.test(name)) {
          flush();
          heading = undefined;
        } else if ((name === 'td' || name === 'th') && cell) {
          row?.push(cell.join('').replace(/\s+/g, ' ').trim());
          cell = undefined;
        } else if (name === 'tr' && row) {
          rows.push(row);
          row = undefined;
        } else if (name === 'table' && rows.length > 0) {
          blocks.push({
            kind: 'table',
            text: rows.map((r) => r.join('\t')).join('\n'),
            rows: rows.splice(0),
          });
        } else if (BLOCK_TAGS.has(name)) flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return { ...(title?.trim() ? { title: title.trim() } : {}), blocks };
}
