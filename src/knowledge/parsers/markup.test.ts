import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectLinear, timed } from '../../../test/support/growth.js';
import { docxOf } from '../../../test/support/office-fixtures.js';
import { parseHwpx } from './hwpx.js';
import { parseBytes } from './index.js';
import { BoundedParser, MAX_OPEN_ELEMENTS } from './markup.js';
import { parseHtml } from './text.js';

const NS =
  'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph" xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section"';
const hwpx = (body: string) =>
  zipSync({
    mimetype: strToU8('application/hwp+zip'),
    'Contents/section0.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><hs:sec ${NS}>${body}</hs:sec>`),
  });
const para = (text: string) => `<hp:p><hp:run><hp:t>${text}</hp:t></hp:run></hp:p>`;

describe('markup nesting without end', () => {
  it('keeps at most MAX_OPEN_ELEMENTS open: opening one more closes the outermost, as an implied close', () => {
    const closed: [string, boolean][] = [];
    const parser = new BoundedParser({ onclosetag: (name, implied) => closed.push([name, implied]) }, {});
    parser.write(`<section>${'<div>'.repeat(MAX_OPEN_ELEMENTS + 43)}`);
    expect(closed).toHaveLength(44);
    expect(closed[0]).toEqual(['section', true]);
    expect(closed.slice(1).every(([name, implied]) => name === 'div' && implied)).toBe(true);
  });

  it('HTML: text before, inside and after a structure 2,000 deep is read, scripts still skipped', () => {
    const doc = parseHtml(
      `<h1>대출 규정</h1>${'<div>'.repeat(2000)}<p>깊은 곳의 본문</p><script>var secret = 1</script>${'</div>'.repeat(2000)}<p>뒤의 본문</p>`,
    );
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: '대출 규정' },
      { kind: 'paragraph', text: '깊은 곳의 본문' },
      { kind: 'paragraph', text: '뒤의 본문' },
    ]);
  });

  it('HWPX: a paragraph under 2,000 nested elements, and the one after them, are read', () => {
    const doc = parseHwpx(
      'deep.hwpx',
      hwpx(`${'<hp:x>'.repeat(2000)}${para('깊은 곳의 본문')}${'</hp:x>'.repeat(2000)}${para('뒤의 본문')}`),
    );
    expect(doc.blocks.map((b) => b.text)).toEqual(['깊은 곳의 본문', '뒤의 본문']);
  });

  // Each took time growing with the square of its nesting: 300,000 nested <div> 67 s, a million
  // unclosed <b> 5.6 minutes, a 3 KB HWPX of 100,000 nested elements 8 s.
  const HTML: Record<string, (n: number) => string> = {
    'nested elements': (n) => `${'<div>'.repeat(n)}본문${'</div>'.repeat(n)}`,
    'unclosed elements': (n) => `${'<b>'.repeat(n)}본문`,
    'stray end tags under deep nesting': (n) => `${'<span>'.repeat(n)}${'</p></em>'.repeat(n)}`,
    'nested svg': (n) => `${'<svg>'.repeat(n)}본문`,
  };
  it.each(Object.entries(HTML))(
    'HTML, %s: linear time',
    async (_name, build) => {
      await expectLinear((n) => timed(() => parseHtml(build(n * 5000))), 1, 8, 12);
    },
    120_000,
  );

  it('DOCX nested 100,000 deep is refused with the reason, not an internal error', async () => {
    // Read by mammoth, not by the bounded parser: its recursion overflows, which must stay a
    // parse failure of this file (422), never a 500 or a stalled worker.
    const docx = docxOf(
      `${'<w:sdt><w:sdtContent>'.repeat(100_000)}<w:p><w:r><w:t>본문</w:t></w:r></w:p>${'</w:sdtContent></w:sdt>'.repeat(100_000)}`,
    );
    await expect(parseBytes('deep.docx', docx)).rejects.toMatchObject({ code: 'JG_PARSE_FAILED' });
  });

  it('HWPX, nested elements: linear time', async () => {
    await expectLinear(
      async (n) => {
        const bytes = hwpx(`${'<hp:x>'.repeat(n * 5000)}${para('본문')}${'</hp:x>'.repeat(n * 5000)}`);
        const t0 = performance.now();
        expect(parseHwpx('deep.hwpx', bytes).blocks).toHaveLength(1);
        return performance.now() - t0;
      },
      1,
      8,
      12,
    );
  }, 120_000);
});
