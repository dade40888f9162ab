import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type HwpFixture, hwpFixture } from '../../../test/support/hwp-fixture.js';
import { parseHwp } from './hwp.js';
import { parseFile } from './index.js';

const FULL: HwpFixture = {
  header: '머리말',
  paragraphs: ['첫 문단입니다.', '둘째 문단'],
  table: [['구분', '금리'], ['신용', '5%'], ['담보']],
  footnote: '각주 내용',
  dutmal: ['본말', '덧말'],
  link: '주권 안내',
};
const EXPECTED = [
  ['header', '머리말'],
  ['paragraph', '첫 문단입니다.'],
  ['paragraph', '둘째 문단'],
  ['table', '구분\t금리\n신용\t5%\n담보'],
  ['paragraph', '본문'],
  ['note', '각주 내용'],
  ['paragraph', '본말(덧말)'],
  ['paragraph', '링크: 주권 안내 끝'],
];

describe('HWP 5.0 reader', () => {
  it('reads paragraphs, table rows, footnotes after their paragraph, headers, 덧말 and field text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-hwp-'));
    const file = join(dir, '안내.hwp');
    writeFileSync(file, hwpFixture(FULL));
    const [d] = await parseFile(file);
    expect(d?.docId).toBe('안내.hwp');
    expect(d?.doc.blocks.map((b) => [b.kind, b.text])).toEqual(EXPECTED);
    expect(d?.doc.blocks.find((b) => b.kind === 'table')?.rows).toEqual([
      ['구분', '금리'],
      ['신용', '5%'],
      ['담보'],
    ]);
  });

  it('reads uncompressed sections and 배포용 (distribution) documents, whose sections are AES-encrypted', () => {
    for (const o of [
      { compressed: false },
      { distribution: true },
      { distribution: true, compressed: false },
    ]) {
      const doc = parseHwp('x.hwp', hwpFixture({ ...FULL, ...o }));
      expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual(EXPECTED);
    }
  });

  it('reads a note with 150,000 sub-lists (each list of blocks was spread into push: a RangeError)', () => {
    const notes = Array.from({ length: 150_000 }, (_, i) => `주석 ${i}`);
    const doc = parseHwp('notes.hwp', hwpFixture({ paragraphs: [], footnote: notes }));
    const read = doc.blocks.filter((b) => b.kind === 'note');
    expect(read).toHaveLength(150_000);
    expect(read.at(-1)?.text).toBe('주석 149999');
  });

  it('refuses password-protected, corrupt and non-HWP files with a reason', () => {
    expect(() => parseHwp('p.hwp', hwpFixture({ paragraphs: ['비밀'], password: true }))).toThrow(
      /encrypted \(password protected\)/,
    );
    expect(() =>
      parseHwp('c.hwp', hwpFixture({ paragraphs: [], rawSection: new Uint8Array([1, 2, 3, 4, 5]) })),
    ).toThrow(/section stream is corrupt/);
    expect(() => parseHwp('n.hwp', new TextEncoder().encode('plain text, not OLE'))).toThrow(
      /not a readable HWP compound file/,
    );
  });

  it('refuses a section that would inflate beyond the limit, before holding it', () => {
    // 8 MB of zeros deflates to a few kilobytes; the budget stops it at 1 MB.
    const bomb = deflateSync(new Uint8Array(8 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const file = hwpFixture({ paragraphs: [], rawSection: bomb });
    expect(() => parseHwp('bomb.hwp', file, 1024 * 1024)).toThrow(/expand beyond 1048576 bytes/);
  });

  it('keeps the whole records of a truncated section and reads long records', () => {
    const long = '가'.repeat(3000); // a PARA_TEXT of 6 KB needs the extended size field
    const doc = parseHwp('l.hwp', hwpFixture({ paragraphs: [long, '끝'] }));
    expect(doc.blocks.map((b) => b.text)).toEqual([long, '끝']);
    // Cut inside the last paragraph's text record: the first paragraph is kept whole.
    const cut = parseHwp('t.hwp', hwpFixture({ paragraphs: [long, '끝'], truncate: 6066 }));
    expect(cut.blocks.map((b) => b.text)).toEqual([long]);
  });
});
