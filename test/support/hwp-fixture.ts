import { createCipheriv } from 'node:crypto';
import CFB from 'cfb';
import { deflateSync } from 'fflate';

/**
 * Builds a small HWP 5.0 document in code, following the published format (Hancom's HWP 5.0
 * specification): an OLE compound file with a FileHeader and deflated BodyText sections of
 * tagged records. Paragraphs, a table, a footnote, a header, 덧말 and a hyperlink field, optionally
 * as a 배포용 (distribution) document or flagged as password protected. Tests make their fixtures
 * instead of shipping documents.
 */
const TAG = { DISTRIBUTE: 28, PARA_HEADER: 66, PARA_TEXT: 67, CTRL_HEADER: 71, LIST_HEADER: 72, TABLE: 77 };

type Rec = { tag: number; level: number; data: Uint8Array };
/** A piece of paragraph text: plain text, or an extended control with the records under it. */
type Piece = string | { code: number; id: string; records?: Rec[] } | { inline: number };

function u16s(values: number[]): Uint8Array {
  return new Uint8Array(new Uint16Array(values).buffer);
}
function u32(v: number): Uint8Array {
  return new Uint8Array(new Uint32Array([v >>> 0]).buffer);
}
function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
function idValue(id: string): number {
  return (
    ((id.charCodeAt(0) << 24) | (id.charCodeAt(1) << 16) | (id.charCodeAt(2) << 8) | id.charCodeAt(3)) >>> 0
  );
}
function hwpString(s: string): Uint8Array {
  return concat([u16s([s.length]), u16s([...s].map((c) => c.charCodeAt(0)))]);
}

/** A paragraph at `level`: header, text, then the records of its controls one level down. */
function paragraph(level: number, pieces: Piece[]): Rec[] {
  const units: number[] = [];
  const controls: Rec[] = [];
  for (const p of pieces) {
    if (typeof p === 'string') units.push(...[...p].map((c) => c.charCodeAt(0)));
    else if ('inline' in p) units.push(p.inline, 0, 0, 0, 0, 0, 0, p.inline);
    else {
      const v = idValue(p.id);
      units.push(p.code, v & 0xffff, v >>> 16, 0, 0, 0, 0, p.code);
      controls.push({ tag: TAG.CTRL_HEADER, level: level + 1, data: concat([u32(v), new Uint8Array(8)]) });
      for (const r of p.records ?? []) controls.push({ ...r, level: r.level + level + 1 });
    }
  }
  units.push(13);
  return [
    { tag: TAG.PARA_HEADER, level, data: concat([u32(units.length), new Uint8Array(18)]) },
    { tag: TAG.PARA_TEXT, level: level + 1, data: u16s(units) },
    ...controls,
  ];
}

/** A sub-list (cell, note, header) holding one paragraph per text, one level under its control. */
function subList(texts: string[]): Rec[] {
  return [
    { tag: TAG.LIST_HEADER, level: 1, data: concat([u16s([texts.length]), new Uint8Array(32)]) },
    ...texts.flatMap((t) => paragraph(1, [t])),
  ];
}

function table(rows: string[][]): Rec[] {
  const cols = Math.max(...rows.map((r) => r.length));
  const head = concat([u32(0), u16s([rows.length, cols, 0, 0, 0, 0, 0]), u16s(rows.map((r) => r.length))]);
  return [{ tag: TAG.TABLE, level: 1, data: head }, ...rows.flatMap((r) => r.flatMap((c) => subList([c])))];
}

function encode(records: Rec[]): Uint8Array {
  return concat(
    records.flatMap((r) =>
      r.data.length < 0xfff
        ? [u32(r.tag | (r.level << 10) | (r.data.length << 20)), r.data]
        : [u32(r.tag | (r.level << 10) | (0xfff << 20)), u32(r.data.length), r.data],
    ),
  );
}

/** MSVC rand() stream that scrambles the distribution record (XOR: the same call unscrambles). */
function scramble(data: Uint8Array): void {
  let seed = new DataView(data.buffer, data.byteOffset).getUint32(0, true);
  const rand = () => {
    seed = (Math.imul(seed, 214013) + 2531011) >>> 0;
    return (seed >>> 16) & 0x7fff;
  };
  let key = 0;
  for (let i = 0, run = 0; i < 256; i++, run--) {
    if (run === 0) {
      key = rand() & 0xff;
      run = (rand() & 0xf) + 1;
    }
    if (i >= 4) data[i] = (data[i] as number) ^ key;
  }
}

export interface HwpFixture {
  paragraphs: string[];
  table?: string[][];
  /** A footnote; several: one note control holding a sub-list per text. */
  footnote?: string | string[];
  header?: string;
  dutmal?: [string, string];
  /** Text inside a hyperlink field (the link target is a field parameter, not text). */
  link?: string;
  distribution?: boolean;
  password?: boolean;
  compressed?: boolean;
  /** Cut the records after this many bytes (a truncated file). */
  truncate?: number;
  /** Raw section bytes to store instead of the built ones (corrupt-file tests). */
  rawSection?: Uint8Array;
}

export function hwpFixture(o: HwpFixture): Uint8Array {
  const records: Rec[] = [];
  // Item by item: push(...list) throws past ~120,000 items, and tests build documents that large.
  const add = (list: Rec[]) => {
    for (const r of list) records.push(r);
  };
  if (o.header) add(paragraph(0, [{ code: 16, id: 'head', records: subList([o.header]) }]));
  for (const p of o.paragraphs) add(paragraph(0, [p]));
  if (o.table) add(paragraph(0, [{ code: 11, id: 'tbl ', records: table(o.table) }]));
  if (o.footnote)
    add(
      paragraph(0, [
        '본문',
        { code: 17, id: 'fn  ', records: [o.footnote].flat().flatMap((t) => subList([t])) },
      ]),
    );
  if (o.dutmal) {
    const [main, sub] = o.dutmal;
    const data = concat([u32(idValue('tdut')), hwpString(main), hwpString(sub), new Uint8Array(12)]);
    records.push(
      { tag: TAG.PARA_HEADER, level: 0, data: new Uint8Array(22) },
      { tag: TAG.PARA_TEXT, level: 1, data: u16s([23, 0x7475, 0x7464, 0, 0, 0, 0, 23, 13]) },
      { tag: TAG.CTRL_HEADER, level: 1, data },
    );
  }
  if (o.link) {
    records.push(
      ...paragraph(0, ['링크: ', { code: 3, id: '%hlk', records: [] }, o.link, { inline: 4 }, ' 끝']),
    );
  }
  const compressed = o.compressed ?? true;
  let section = o.rawSection ?? encode(records).subarray(0, o.truncate);
  if (compressed && !o.rawSection) section = deflateSync(section);
  let folder = 'BodyText';
  if (o.distribution) {
    folder = 'ViewText';
    const plain = new Uint8Array(256).map((_, i) => (i * 37 + 11) & 0xff);
    const key = plain.subarray(4 + (plain[0] as number & 0xf), 4 + (plain[0] as number & 0xf) + 16);
    const padded = new Uint8Array(Math.ceil(section.length / 16) * 16);
    padded.set(section);
    const cipher = createCipheriv('aes-128-ecb', key, null);
    cipher.setAutoPadding(false);
    const body = Buffer.concat([cipher.update(padded), cipher.final()]);
    scramble(plain);
    section = concat([u32(TAG.DISTRIBUTE | (256 << 20)), plain, body]);
  }
  const header = new Uint8Array(256);
  header.set(new TextEncoder().encode('HWP Document File'));
  const flags = (compressed ? 1 : 0) | (o.password ? 2 : 0) | (o.distribution ? 4 : 0);
  header.set(u32(0x05000300), 32);
  header.set(u32(flags), 36);

  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, 'FileHeader', Buffer.from(header));
  CFB.utils.cfb_add(cfb, `${folder}/Section0`, Buffer.from(section));
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
}
