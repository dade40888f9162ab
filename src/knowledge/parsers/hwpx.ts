import { JugwonError } from '../../core/errors.js';
import type { Block, ParsedDocument } from '../document.js';
import { append } from './limits.js';
import { BoundedParser } from './markup.js';
import { readZip } from './zip.js';

/**
 * HWPX (OWPML, KS X 6101): a zip of XML parts. Body text is in Contents/section*.xml as
 * hp:p / hp:run / hp:t; tables are hp:tbl / hp:tr / hp:tc holding paragraphs of their own;
 * foot- and endnotes (hp:footNote, hp:endNote) and headers and footers (hp:header, hp:footer)
 * hold sub-lists of paragraphs. One streaming pass per section keeps memory flat.
 */
const SECTION = /^Contents\/section(\d+)\.xml$/;
/** 바탕쪽 (master pages) carry running text such as page headers printed on every page. */
const MASTER_PAGE = /^Contents\/masterpage(\d+)\.xml$/;

export function parseHwpx(file: string, bytes: Uint8Array): ParsedDocument {
  const parts = readZip(
    file,
    bytes,
    (name) =>
      SECTION.test(name) || MASTER_PAGE.test(name) || name === 'META-INF/manifest.xml' || name === 'mimetype',
  );
  const names = Object.keys(parts)
    .filter((n) => SECTION.test(n))
    .sort((a, b) => Number(SECTION.exec(a)?.[1]) - Number(SECTION.exec(b)?.[1]));
  const manifest = new TextDecoder().decode(parts['META-INF/manifest.xml'] ?? new Uint8Array());
  if (/encryption-data/i.test(manifest)) {
    throw new JugwonError('JG_PARSE_FAILED', {
      file,
      reason: 'the document is encrypted (password protected)',
    });
  }
  if (names.length === 0) {
    throw new JugwonError('JG_PARSE_FAILED', { file, reason: 'no section content (not an HWPX document)' });
  }
  const blocks: Block[] = [];
  for (const name of names) parseSection(new TextDecoder().decode(parts[name]), blocks);
  const masters = Object.keys(parts)
    .filter((n) => MASTER_PAGE.test(n))
    .sort((a, b) => Number(MASTER_PAGE.exec(a)?.[1]) - Number(MASTER_PAGE.exec(b)?.[1]));
  for (const name of masters) {
    const own: Block[] = [];
    parseSection(new TextDecoder().decode(parts[name]), own);
    for (const b of own) blocks.push({ ...b, kind: 'header' });
  }
  return { blocks };
}

interface Frame {
  kind: 'note' | 'header' | 'footer';
  paragraphs: string[];
}

function parseSection(xml: string, blocks: Block[]): void {
  let paragraph: string[] | undefined; // text of the innermost open paragraph
  const paragraphStack: string[][] = [];
  const tables: { rows: string[][]; row: string[] | undefined; cell: string[] | undefined }[] = [];
  const frames: Frame[] = [];
  let inText = 0;
  let dutmal: 'main' | 'sub' | undefined; // 덧말: main text with a small text above or below

  // Notes are read after the paragraph that holds their mark, as a reader meets them.
  const pendingNotes: Block[] = [];
  const closeParagraph = (text: string) => {
    const table = tables[tables.length - 1];
    if (table?.cell) table.cell.push(text);
    else if (frames.length > 0) (frames[frames.length - 1] as Frame).paragraphs.push(text);
    else {
      if (text.trim() !== '') blocks.push({ kind: 'paragraph', text });
      if (paragraphStack.length === 0) append(blocks, pendingNotes.splice(0));
    }
  };

  const parser = new BoundedParser(
    {
      onopentag(name) {
        switch (name) {
          case 'hp:p':
            if (paragraph) paragraphStack.push(paragraph);
            paragraph = [];
            break;
          case 'hp:t':
            inText++;
            break;
          case 'hp:mainText':
            dutmal = 'main';
            break;
          case 'hp:subText':
            dutmal = 'sub';
            paragraph?.push('(');
            break;
          case 'hp:tab':
            paragraph?.push('\t');
            break;
          case 'hp:lineBreak':
            paragraph?.push('\n');
            break;
          case 'hp:tbl':
            tables.push({ rows: [], row: undefined, cell: undefined });
            break;
          case 'hp:tr': {
            const t = tables[tables.length - 1];
            if (t) t.row = [];
            break;
          }
          case 'hp:tc': {
            const t = tables[tables.length - 1];
            if (t) t.cell = [];
            break;
          }
          case 'hp:footNote':
          case 'hp:endNote':
            frames.push({ kind: 'note', paragraphs: [] });
            break;
          case 'hp:header':
          case 'hp:footer':
            frames.push({ kind: name === 'hp:header' ? 'header' : 'footer', paragraphs: [] });
            break;
        }
      },
      ontext(text) {
        if ((inText > 0 || dutmal) && paragraph) paragraph.push(text);
      },
      onclosetag(name) {
        switch (name) {
          case 'hp:t':
            inText--;
            break;
          case 'hp:mainText':
            dutmal = undefined;
            break;
          case 'hp:subText':
            dutmal = undefined;
            paragraph?.push(')');
            break;
          case 'hp:p': {
            const text = (paragraph ?? []).join('');
            paragraph = paragraphStack.pop();
            closeParagraph(text);
            break;
          }
          case 'hp:tc': {
            const t = tables[tables.length - 1];
            if (t?.cell && t.row) t.row.push(t.cell.filter((x) => x.trim() !== '').join(' '));
            if (t) t.cell = undefined;
            break;
          }
          case 'hp:tr': {
            const t = tables[tables.length - 1];
            if (t?.row) t.rows.push(t.row);
            if (t) t.row = undefined;
            break;
          }
          case 'hp:tbl': {
            const t = tables.pop();
            if (!t) break;
            const text = t.rows.map((r) => r.join('\t')).join('\n');
            // A table inside a table cell becomes part of that cell's text.
            const outer = tables[tables.length - 1];
            if (outer?.cell) outer.cell.push(text);
            else blocks.push({ kind: 'table', text, rows: t.rows });
            break;
          }
          case 'hp:footNote':
          case 'hp:endNote':
          case 'hp:header':
          case 'hp:footer': {
            const f = frames.pop();
            const text = f?.paragraphs.filter((p) => p.trim() !== '').join('\n') ?? '';
            if (f && text) (f.kind === 'note' ? pendingNotes : blocks).push({ kind: f.kind, text });
            break;
          }
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  append(blocks, pendingNotes);
}
