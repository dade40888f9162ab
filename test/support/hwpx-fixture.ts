import { strToU8, zipSync } from 'fflate';

/**
 * Builds a small HWPX (OWPML) document in code: paragraphs, a table, a footnote and a header,
 * the shapes real Hangul files use. Tests make their fixtures instead of shipping documents.
 */
const NS =
  'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph" xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section"';
const p = (text: string) => `<hp:p><hp:run><hp:t>${text}</hp:t></hp:run></hp:p>`;
const cell = (text: string) => `<hp:tc><hp:subList>${p(text)}</hp:subList></hp:tc>`;

export function hwpxFixture(o: {
  paragraphs: string[];
  table?: string[][];
  footnote?: string;
  header?: string;
}): Uint8Array {
  const table = o.table
    ? `<hp:p><hp:run><hp:tbl>${o.table.map((r) => `<hp:tr>${r.map(cell).join('')}</hp:tr>`).join('')}</hp:tbl></hp:run></hp:p>`
    : '';
  const note = o.footnote
    ? `<hp:p><hp:run><hp:t>본문</hp:t><hp:ctrl><hp:footNote><hp:subList>${p(o.footnote)}</hp:subList></hp:footNote></hp:ctrl></hp:run></hp:p>`
    : '';
  const header = o.header
    ? `<hp:p><hp:run><hp:ctrl><hp:header><hp:subList>${p(o.header)}</hp:subList></hp:header></hp:ctrl></hp:run></hp:p>`
    : '';
  const section = `<?xml version="1.0" encoding="UTF-8"?><hs:sec ${NS}>${header}${o.paragraphs.map(p).join('')}${table}${note}</hs:sec>`;
  return zipSync({
    mimetype: strToU8('application/hwp+zip'),
    'META-INF/manifest.xml': strToU8(
      '<?xml version="1.0"?><odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    ),
    'Contents/section0.xml': strToU8(section),
  });
}
