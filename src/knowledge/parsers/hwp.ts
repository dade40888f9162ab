import { createDecipheriv } from 'node:crypto';
import CFB from 'cfb';
import { Inflate } from 'fflate';
import { JugwonError } from '../../core/errors.js';
import type { Block, ParsedDocument } from '../document.js';
import { append, LIMITS } from './limits.js';

/**
 * HWP 5.0 (the binary Hangul format): an OLE compound file whose `BodyText/SectionN` streams
 * (`ViewText/SectionN` in 배포용 documents, AES-encrypted) hold deflated records. Each record has a
 * tag, a nesting level and a payload; paragraphs carry UTF-16 text in which control characters
 * stand for tables, notes, headers and shapes whose own paragraphs follow as nested records.
 */
const TAG = {
  DISTRIBUTE_DOC_DATA: 28,
  PARA_HEADER: 66,
  PARA_TEXT: 67,
  CTRL_HEADER: 71,
  LIST_HEADER: 72,
  TABLE: 77,
} as const;

/** Controls whose sub-lists hold no document text (equations, forms, numbers, fields' params). */
const NO_TEXT = new Set([
  'eqed',
  'form',
  'atno',
  'nwno',
  'pgnp',
  'pghd',
  'pgct',
  'bokm',
  'idxm',
  'tcps',
  'cold',
]);

interface RecordNode {
  tag: number;
  data: Uint8Array;
  children: RecordNode[];
}

export function parseHwp(
  file: string,
  bytes: Uint8Array,
  limit: number = LIMITS.unzippedBytes,
): ParsedDocument {
  const fail = (reason: string): never => {
    throw new JugwonError('JG_PARSE_FAILED', { file, reason });
  };
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: 'buffer' });
  } catch (e) {
    return fail(`not a readable HWP compound file (${(e as Error).message})`);
  }
  const streams = new Map<string, Uint8Array>();
  container.FullPaths.forEach((path, i) => {
    const entry = container.FileIndex[i];
    // cfb hands back a Buffer or, for some inputs, a plain array of bytes.
    const content = entry?.type === 2 ? entry.content : undefined;
    if (content) {
      const bytes = content instanceof Uint8Array ? content : Uint8Array.from(content as ArrayLike<number>);
      streams.set(path.replace(/^[^/]*\//, ''), bytes);
    }
  });
  const header = streams.get('FileHeader');
  if (!header || header.length < 40 || !latin1(header.subarray(0, 17)).startsWith('HWP Document File')) {
    return fail('not an HWP 5.0 document (no FileHeader)');
  }
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const flags = view.getUint32(36, true);
  const compressed = (flags & 1) !== 0;
  if (flags & 2) fail('the document is encrypted (password protected)');
  const distributed = (flags & 4) !== 0;

  const folder = distributed ? 'ViewText' : 'BodyText';
  const sections = [...streams.keys()]
    .filter((k) => new RegExp(`^${folder}/Section\\d+$`).test(k))
    .sort((a, b) => Number(a.slice(folder.length + 8)) - Number(b.slice(folder.length + 8)));
  if (sections.length === 0) fail(`no ${folder} sections (not an HWP document)`);

  const budget = { left: limit, limit };
  const blocks: Block[] = [];
  const masters: Block[] = [];
  for (const name of sections) {
    let raw = streams.get(name) as Uint8Array;
    if (distributed) raw = decryptViewText(raw, fail);
    const records = compressed ? inflateBounded(raw, budget, fail) : raw;
    const root = readRecords(records);
    new SectionReader(blocks, masters).readParagraphs(root.children);
  }
  append(blocks, masters);
  return { blocks };
}

function latin1(b: Uint8Array): string {
  return String.fromCharCode(...b);
}

/** Inflates a raw-deflate stream, refusing to grow past what is left of the document's budget. */
function inflateBounded(
  input: Uint8Array,
  budget: { left: number; limit: number },
  fail: (r: string) => never,
): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    budget.left -= chunk.length;
    if (budget.left < 0) fail(`it would expand beyond ${budget.limit} bytes`);
    parts.push(chunk);
  });
  try {
    for (let i = 0; i < input.length; i += 65536) {
      inflater.push(input.subarray(i, i + 65536), i + 65536 >= input.length);
    }
  } catch (e) {
    if (e instanceof JugwonError) throw e;
    fail(`a section stream is corrupt (${(e as Error).message})`);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * 배포용 (distribution) documents: the stream starts with a 256-byte DISTRIBUTE_DOC_DATA record
 * scrambled with MSVC's rand(); unscrambled, it holds the AES-128 key for the rest (ECB, no padding).
 */
function decryptViewText(stream: Uint8Array, fail: (r: string) => never): Uint8Array {
  const head = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  if (stream.length < 260 || (head.getUint32(0, true) & 0x3ff) !== TAG.DISTRIBUTE_DOC_DATA) {
    return fail('a distribution (배포용) section has no key record');
  }
  const data = Uint8Array.from(stream.subarray(4, 260));
  let seed = head.getUint32(4, true);
  const rand = () => {
    seed = (Math.imul(seed, 214013) + 2531011) >>> 0;
    return (seed >>> 16) & 0x7fff;
  };
  let key = 0;
  let run = 0;
  for (let i = 0; i < 256; i++, run--) {
    if (run === 0) {
      key = rand() & 0xff;
      run = (rand() & 0xf) + 1;
    }
    if (i >= 4) data[i] = (data[i] as number) ^ key;
  }
  const offset = 4 + ((data[0] as number) & 0xf);
  const body = stream.subarray(260);
  const usable = body.length - (body.length % 16);
  try {
    const decipher = createDecipheriv('aes-128-ecb', data.subarray(offset, offset + 16), null);
    decipher.setAutoPadding(false);
    return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, usable)), decipher.final()]));
  } catch (e) {
    return fail(`a distribution (배포용) section cannot be decrypted (${(e as Error).message})`);
  }
}

/** Splits a section's records into a tree by their nesting level. */
export function readRecords(bytes: Uint8Array): RecordNode {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const root: RecordNode = { tag: -1, data: new Uint8Array(), children: [] };
  const stack: { level: number; node: RecordNode }[] = [{ level: -1, node: root }];
  let at = 0;
  while (at + 4 <= bytes.length) {
    const h = view.getUint32(at, true);
    at += 4;
    let size = h >>> 20;
    if (size === 0xfff) {
      if (at + 4 > bytes.length) break;
      size = view.getUint32(at, true);
      at += 4;
    }
    if (at + size > bytes.length) break; // a truncated tail: keep what was whole
    const node: RecordNode = { tag: h & 0x3ff, data: bytes.subarray(at, at + size), children: [] };
    at += size;
    const level = (h >>> 10) & 0x3ff;
    while (stack.length > 1 && (stack[stack.length - 1] as { level: number }).level >= level) stack.pop();
    (stack[stack.length - 1] as { node: RecordNode }).node.children.push(node);
    stack.push({ level, node });
  }
  return root;
}

function ctrlId(node: RecordNode): string {
  if (node.data.length < 4) return '';
  const v = new DataView(node.data.buffer, node.data.byteOffset, 4).getUint32(0, true);
  return String.fromCharCode((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

/** Control characters that take 8 UTF-16 units (an inline or extended control) rather than 1. */
const WIDE = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
/** Of those, the extended ones: each has a CTRL_HEADER record under the paragraph. */
const EXTENDED = new Set([1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23]);

interface ParagraphOut {
  text: string;
  /** Tables, text boxes and the like that sit in this paragraph, in order. */
  attached: Block[];
  /** Foot- and endnotes anchored in this paragraph: read after it. */
  notes: Block[];
}

class SectionReader {
  constructor(
    private readonly blocks: Block[],
    private readonly masters: Block[],
  ) {}

  readParagraphs(nodes: RecordNode[]): void {
    for (const node of nodes) {
      if (node.tag !== TAG.PARA_HEADER) continue;
      const p = this.paragraph(node);
      if (p.text.trim() !== '') this.blocks.push({ kind: 'paragraph', text: p.text });
      append(this.blocks, p.attached, p.notes);
    }
  }

  private paragraph(node: RecordNode): ParagraphOut {
    const out: ParagraphOut = { text: '', attached: [], notes: [] };
    const controls = node.children.filter((c) => c.tag === TAG.CTRL_HEADER);
    const textNode = node.children.find((c) => c.tag === TAG.PARA_TEXT);
    let next = 0;
    const parts: string[] = [];
    if (textNode) {
      const d = textNode.data;
      const units = new Uint16Array(d.buffer.slice(d.byteOffset, d.byteOffset + (d.length & ~1)));
      let run = '';
      for (let i = 0; i < units.length; i++) {
        const c = units[i] as number;
        if (c >= 32) {
          run += String.fromCharCode(c);
          continue;
        }
        if (run) {
          parts.push(run);
          run = '';
        }
        if (c === 9) parts.push('\t');
        else if (c === 10) parts.push('\n');
        else if (c === 24) parts.push('-');
        else if (c === 30 || c === 31) parts.push(' ');
        if (EXTENDED.has(c)) {
          const ctrl = controls[next++];
          if (ctrl) this.control(ctrl, parts, out);
        }
        if (WIDE.has(c)) i += 7;
      }
      if (run) parts.push(run);
    }
    // Controls with no character in the text (rare, malformed files) are still read.
    for (; next < controls.length; next++) this.control(controls[next] as RecordNode, parts, out);
    out.text = parts.join('').normalize('NFC');
    return out;
  }

  private control(ctrl: RecordNode, parts: string[], out: ParagraphOut): void {
    const id = ctrlId(ctrl);
    if (NO_TEXT.has(id) || id.startsWith('%')) return;
    switch (id) {
      case 'tbl ':
        append(out.attached, this.table(ctrl));
        return;
      case 'tdut': {
        const [main, sub] = hwpStrings(ctrl.data.subarray(4), 2);
        parts.push(sub ? `${main}(${sub})` : (main ?? ''));
        return;
      }
      case 'fn  ':
      case 'en  ':
        append(out.notes, this.lists(ctrl, 'note'));
        return;
      case 'head':
        append(out.attached, this.lists(ctrl, 'header'));
        return;
      case 'foot':
        append(out.attached, this.lists(ctrl, 'footer'));
        return;
      case 'secd':
        append(this.masters, this.lists(ctrl, 'header')); // 바탕쪽 (master pages)
        return;
      default:
        append(out.attached, this.lists(ctrl, 'paragraph')); // text boxes, captions, hidden comments
    }
  }

  /** Every sub-list under a control (a LIST_HEADER and the paragraphs after it), as blocks. */
  private lists(ctrl: RecordNode, kind: Block['kind']): Block[] {
    const blocks: Block[] = [];
    for (const list of subLists(ctrl)) {
      const lines: string[] = [];
      const attached: Block[] = [];
      const notes: Block[] = [];
      for (const para of list) {
        const p = this.paragraph(para);
        if (p.text.trim() !== '') lines.push(p.text);
        append(attached, p.attached);
        append(notes, p.notes);
      }
      if (lines.length > 0) blocks.push({ kind, text: lines.join('\n') });
      append(blocks, attached, notes);
    }
    return blocks;
  }

  /**
   * A table: the TABLE record gives how many cells each row has; the cells follow as sub-lists in
   * row order. Captions are sub-lists before the TABLE record. Tables inside a cell follow its row.
   */
  private table(ctrl: RecordNode): Block[] {
    const tableAt = ctrl.children.findIndex((c) => c.tag === TAG.TABLE);
    if (tableAt < 0) return this.lists(ctrl, 'paragraph');
    const before: Block[] = this.lists({ ...ctrl, children: ctrl.children.slice(0, tableAt) }, 'paragraph');
    const perRow = rowSizes(ctrl.children[tableAt] as RecordNode);
    const cells = subLists({ ...ctrl, children: ctrl.children.slice(tableAt + 1) });
    const rows: string[][] = [];
    const after: Block[] = [];
    let cursor = 0;
    for (let r = 0; cursor < cells.length; r++) {
      const count = perRow[r] ?? cells.length - cursor;
      const row: string[] = [];
      const nested: string[][] = [];
      for (const list of cells.slice(cursor, cursor + Math.max(count, 1))) {
        const texts: string[] = [];
        for (const para of list) {
          const p = this.paragraph(para);
          if (p.text.trim() !== '') texts.push(p.text);
          for (const b of p.attached) {
            if (b.kind === 'table' && b.rows) append(nested, b.rows);
            else after.push(b);
          }
          append(after, p.notes);
        }
        row.push(texts.join(' ').replace(/[\t\n]/g, ' '));
      }
      cursor += Math.max(count, 1);
      rows.push(row);
      append(rows, nested);
    }
    const table: Block = { kind: 'table', text: rows.map((r) => r.join('\t')).join('\n'), rows };
    return [...before, table, ...after];
  }
}

/** The sub-lists in a control's subtree: each LIST_HEADER with the paragraphs that follow it. */
function subLists(node: RecordNode): RecordNode[][] {
  const out: RecordNode[][] = [];
  let current: RecordNode[] | undefined;
  for (const child of node.children) {
    if (child.tag === TAG.LIST_HEADER) {
      current = [];
      out.push(current);
      // Some writers nest the paragraphs under the LIST_HEADER instead of after it.
      append(
        current,
        child.children.filter((c) => c.tag === TAG.PARA_HEADER),
      );
    } else if (child.tag === TAG.PARA_HEADER) {
      if (current) current.push(child);
    } else {
      current = undefined;
      if (child.tag !== TAG.CTRL_HEADER) append(out, subLists(child));
    }
  }
  return out;
}

/** TABLE record: attributes u32, rows u16, columns u16, spacing u16, 4 margins u16, cells per row u16[rows]. */
function rowSizes(table: RecordNode): number[] {
  const d = table.data;
  if (d.length < 18) return [];
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const rows = view.getUint16(4, true);
  const sizes: number[] = [];
  for (let r = 0; r < rows && 18 + 2 * r + 2 <= d.length; r++) sizes.push(view.getUint16(18 + 2 * r, true));
  return sizes;
}

/** Reads `count` HWP strings (u16 length, then UTF-16 units). */
function hwpStrings(d: Uint8Array, count: number): string[] {
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const out: string[] = [];
  let at = 0;
  for (let k = 0; k < count && at + 2 <= d.length; k++) {
    const len = view.getUint16(at, true);
    at += 2;
    let s = '';
    for (let i = 0; i < len && at + 2 <= d.length; i++, at += 2)
      s += String.fromCharCode(view.getUint16(at, true));
    out.push(s);
  }
  return out;
}
