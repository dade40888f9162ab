import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectLinear, timed } from '../../test/support/growth.js';
import { hwpxFixture } from '../../test/support/hwpx-fixture.js';
import { analyze } from './analyze/korean.js';
import { chunkDocument, sentences } from './chunk.js';
import { documentText } from './document.js';
import { KnowledgeIndex, sameDocuments } from './index-store.js';
import { parseFile } from './parsers/index.js';
import { parseHtml, parseMarkdown } from './parsers/text.js';
import { readZip } from './parsers/zip.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'jugwon-kb-'));

describe('Korean analyzer', () => {
  it('keeps content morphemes, drops particles and endings, adds bigrams of each 어절 stem', () => {
    const terms = analyze('대출 금리는 한국은행 기준금리에 따라 변경됩니다').split(' ');
    expect(terms).toEqual(
      expect.arrayContaining([
        '대출',
        '금리',
        '한국은행',
        '한국',
        '은행',
        '기준',
        '변경',
        '#금리',
        '#기준',
        '#준금',
      ]),
    );
    expect(terms).not.toContain('는');
    expect(terms).not.toContain('에');
    expect(terms).not.toContain('#리는'); // a particle's syllable makes no bigram
    expect(terms).not.toContain('#리에');
  });

  it('splits scripts apart and lowercases Latin', () => {
    expect(analyze('KB국민은행 2024년').split(' ')).toEqual(
      expect.arrayContaining(['kb', '국민은행', '2024']),
    );
  });

  it('analyses query and document text the same way', () => {
    expect(analyze('대출 금리')).toBe(analyze('대출 금리'));
  });

  it('reads Hangul typed on a Mac (decomposed, NFD) as the same words', () => {
    const text = '대출 금리는 한국은행 기준금리에 따라 변경됩니다';
    expect(analyze(text.normalize('NFD'))).toBe(analyze(text));
  });
});

describe('chunker', () => {
  it('splits sentences, including 개조식 endings without a full stop', () => {
    expect(sentences('신청서를 제출함 심사 후 통보함. 결과는 문자로 안내된다')).toEqual([
      '신청서를 제출함',
      '심사 후 통보함.',
      '결과는 문자로 안내된다',
    ]);
  });

  it('splits a line of hundreds of kilobytes (a PDF with no line ends) in linear time, sentence by sentence', async () => {
    const sentence = (i: number) => `제${i}항에 따라 신청인은 서류를 제출한다. 심사 결과는 통보함 `;
    const time = (n: number) => {
      const line = Array.from({ length: n }, (_, i) => sentence(i)).join('');
      const t0 = performance.now();
      const out = sentences(line);
      const ms = performance.now() - t0;
      expect(out).toHaveLength(2 * n);
      expect(out[2 * n - 2]).toBe(`제${n - 1}항에 따라 신청인은 서류를 제출한다.`);
      return ms;
    };
    // A window's cut falls where a sentence ends: the same sentences as one segmentation.
    const short = Array.from({ length: 60 }, (_, i) => sentence(i)).join('');
    expect(sentences(short.repeat(3))).toEqual([
      ...sentences(short),
      ...sentences(short),
      ...sentences(short),
    ]);
    await expectLinear(time, 1_000, 16_000, 40); // 16,000 sentences, ~700 KB: forty seconds before
  }, 60_000);

  it('starts a chunk at each article and keeps its name, and tables whole', () => {
    const doc = parseMarkdown(
      '# 대출 규정\n\n제1조(목적) 이 규정은 대출을 정한다.\n제2조(금리) 금리는 연 4%로 한다.\n\n| 구분 | 금리 |\n| 신용 | 5% |',
    );
    const chunks = chunkDocument(doc, { maxChars: 200 });
    expect(chunks.map((c) => [c.article, c.heading])).toEqual([
      ['제1조(목적)', '대출 규정'],
      ['제2조(금리)', '대출 규정'],
      ['제2조(금리)', '대출 규정'],
    ]);
    expect(chunks[2]?.text).toContain('| 신용 | 5% |');
  });

  it('never loses text of an over-long sentence', () => {
    const long = '가'.repeat(2500);
    const chunks = chunkDocument({ blocks: [{ kind: 'paragraph', text: long }] }, { maxChars: 800 });
    expect(
      chunks
        .map((c) => c.text)
        .join('')
        .replace(/\s/g, ''),
    ).toBe(long);
  });
});

describe('parsers', () => {
  it('reads HWPX paragraphs, table cells row by row, footnotes and headers', async () => {
    const dir = tmp();
    const file = join(dir, 'a.hwpx');
    writeFileSync(
      file,
      hwpxFixture({
        paragraphs: ['첫 문단입니다.', '둘째 문단'],
        table: [
          ['구분', '금리'],
          ['신용', '5%'],
        ],
        footnote: '각주 내용',
        header: '머리말',
      }),
    );
    const [d] = await parseFile(file);
    expect(d?.doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['header', '머리말'],
      ['paragraph', '첫 문단입니다.'],
      ['paragraph', '둘째 문단'],
      ['table', '구분\t금리\n신용\t5%'],
      ['paragraph', '본문'],
      ['note', '각주 내용'],
    ]);
  });

  it('refuses zip bombs, encrypted, empty and unknown files with a reason', async () => {
    const dir = tmp();
    // A zip bomb: 8 MB of zeros in a few kilobytes, refused from its declared size before inflating.
    const bomb = zipSync({ 'Contents/section0.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => readZip('bomb.hwpx', bomb, () => true, 1024 * 1024)).toThrow(/expand beyond 1048576 bytes/);
    const enc = join(dir, 'enc.hwpx');
    writeFileSync(
      enc,
      zipSync({
        'META-INF/manifest.xml': strToU8('<m><odf:encryption-data/></m>'),
        'Contents/section0.xml': strToU8('x'),
      }),
    );
    await expect(parseFile(enc)).rejects.toThrow(/encrypted/);
    writeFileSync(join(dir, 'empty.txt'), '');
    await expect(parseFile(join(dir, 'empty.txt'))).rejects.toThrow(/empty/);
    writeFileSync(join(dir, 'x.xyz'), 'x');
    await expect(parseFile(join(dir, 'x.xyz'))).rejects.toThrow(/unsupported format/);
    writeFileSync(join(dir, 'broken.hwpx'), 'not a zip');
    await expect(parseFile(join(dir, 'broken.hwpx'))).rejects.toThrow(/zip/);
  });

  it('reads HTML headings, paragraphs and tables, without scripts', () => {
    const doc = parseHtml(
      '<title>안내</title><script>x()</script><h1>대출</h1><p>금리 <b>안내</b></p><table><tr><td>a</td><td>b</td></tr></table>',
    );
    expect(doc.title).toBe('안내');
    expect(documentText(doc)).toBe('대출\n금리 안내\na\tb');
  });

  it('makes each JSONL record a document whose id is the record id', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'r.jsonl'), '{"id":"d1","text":"첫째","title":"T"}\n{"id":2,"text":"둘째"}\n');
    expect((await parseFile(join(dir, 'r.jsonl'))).map((d) => [d.docId, d.doc.title])).toEqual([
      ['d1', 'T'],
      ['2', undefined],
    ]);
    writeFileSync(join(dir, 'dup.jsonl'), '{"id":"a","text":"x"}\n{"id":"a","text":"y"}\n');
    await expect(parseFile(join(dir, 'dup.jsonl'))).rejects.toThrow(/line 2 repeats id "a"/);
  });
});

describe('documents written decomposed (NFD)', () => {
  it('are kept composed, so a query typed anywhere finds them', async () => {
    const dir = tmp();
    const text = '제1조 대출 금리는 한국은행 기준금리에 연동한다.';
    writeFileSync(join(dir, 'mac.txt'), text.normalize('NFD'));
    writeFileSync(
      join(dir, 'mac.md'),
      `# 대출 규정\n\n| 항목 | 내용 |\n| --- | --- |\n| 금리 | 연동 |`.normalize('NFD'),
    );
    const [txt] = await parseFile(join(dir, 'mac.txt'));
    expect(documentText(txt?.doc as never)).toBe(text);
    const [md] = await parseFile(join(dir, 'mac.md'));
    const doc = md?.doc as import('./document.js').ParsedDocument;
    expect(documentText(doc)).toBe(documentText(doc).normalize('NFC'));
    for (const b of doc.blocks)
      for (const cell of (b.rows ?? []).flat()) expect(cell).toBe(cell.normalize('NFC'));
    expect(doc.title).toBe('대출 규정');
    const index = await KnowledgeIndex.open(tmp());
    await index.replaceDocuments('규정', [
      { docId: 'mac', source: 'mac.txt', title: '규정', chunks: chunkDocument(txt?.doc as never) },
    ]);
    await index.reindex('규정');
    expect((await index.search('규정', '대출 금리', 5))[0]?.text).toBe(text);
  });
});

describe('knowledge index', () => {
  it('finds the passage for a Korean question, replaces re-ingested documents and deletes', async () => {
    const index = await KnowledgeIndex.open(tmp());
    const docs = [
      {
        docId: 'loan',
        source: 'loan.md',
        title: '대출 규정',
        chunks: chunkDocument(parseMarkdown('제1조 대출 금리는 한국은행 기준금리에 연동한다.')),
      },
      {
        docId: 'deposit',
        source: 'deposit.md',
        title: '예금 규정',
        chunks: chunkDocument(parseMarkdown('제1조 예금 이자는 매월 지급한다.')),
      },
    ];
    expect(await index.replaceDocuments('규정', docs)).toBe(2);
    await index.reindex('규정');
    expect((await index.search('규정', '대출 금리가 어떻게 되나요?', 5))[0]?.docId).toBe('loan');
    expect((await index.search('규정', '예금 이자 지급일', 5))[0]?.docId).toBe('deposit');
    await index.replaceDocuments('규정', [
      {
        ...docs[0],
        chunks: chunkDocument(parseMarkdown('제1조 대출 한도는 연 소득의 두 배로 한다.')),
      } as (typeof docs)[number],
    ]);
    await index.reindex('규정');
    expect(await index.collections()).toEqual([{ name: '규정', chunks: 2 }]);
    expect((await index.search('규정', '대출 한도', 5))[0]?.text).toContain('한도');
    await index.deleteDocument('규정', 'deposit');
    expect((await index.search('규정', '예금 이자', 5)).map((h) => h.docId)).not.toContain('deposit');
    await index.dropCollection('규정');
    await expect(index.search('규정', '대출', 5)).rejects.toMatchObject({ code: 'JG_COLLECTION_NOT_FOUND' });
  }, 60_000);
  it('leaves no part of documents whose write failed part-way, when rows are written in slices', async () => {
    const index = await KnowledgeIndex.open(tmp());
    const doc = (docId: string, n: number) => ({
      docId,
      source: `${docId}.md`,
      title: '',
      chunks: Array.from({ length: n }, (_, i) => ({
        index: i,
        text: `문장 ${docId} ${i}`,
        heading: '',
        article: '',
        page: 0,
      })),
    });
    await index.replaceDocuments('c', [doc('a', 3)]);
    // The disk fills after the first slice of b's rows.
    const inner = index as unknown as { table(c: string): Promise<object | undefined> };
    const open = inner.table.bind(index);
    let adds = 0;
    inner.table = async (c) => {
      const t = await open(c);
      if (!t) return t;
      return new Proxy(t, {
        get(target, p) {
          const v = Reflect.get(target, p, target);
          if (p === 'add')
            return async (rows: unknown) => {
              if (++adds === 2) throw new Error('disk full');
              return (v as (r: unknown) => Promise<unknown>).call(target, rows);
            };
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    };
    await expect(index.replaceDocuments('c', [doc('b', 5)], undefined, undefined, 2)).rejects.toThrow(
      'disk full',
    );
    expect(adds).toBe(2);
    inner.table = open;
    await index.reindex('c');
    expect(await index.collections()).toEqual([{ name: 'c', chunks: 3 }]);
    expect((await index.search('c', '문장', 10)).map((h) => h.docId)).not.toContain('b');
  }, 60_000);

  it('replaces a document another handle (another process) wrote since this one last looked', async () => {
    const dir = tmp();
    const doc = (text: string) => ({
      docId: 'a',
      source: 'a.md',
      title: '',
      chunks: chunkDocument(parseMarkdown(text)),
    });
    const first = await KnowledgeIndex.open(dir);
    const second = await KnowledgeIndex.open(dir);
    await first.replaceDocuments('c', [doc('하나')]);
    await second.replaceDocuments('c', [doc('둘'), { ...doc('셋'), docId: 'b' }]);
    await first.replaceDocuments('c', [doc('넷'), { ...doc('다섯'), docId: 'b' }]);
    await first.reindex('c');
    expect(await first.collections()).toEqual([{ name: 'c', chunks: 2 }]);
    expect((await first.search('c', '넷', 5)).map((h) => h.text)).toEqual(['넷']);
  }, 60_000);
});

describe('document ids on replace', () => {
  it('finds a document kept composed or decomposed, whichever form is asked for', () => {
    const name = '여신 규정.hwp';
    const kept = new Set([name.normalize('NFD'), 'other.md']);
    expect(sameDocuments(kept, [name])).toEqual([name.normalize('NFD')]);
    expect(sameDocuments(new Set([name]), [name.normalize('NFD')])).toEqual([name]);
    expect(sameDocuments(kept, ['missing.md'])).toEqual([]);
  });

  // Each batch of 500 read every id of the collection: a large ingest took time growing with the
  // square of its documents.
  it('looks up each batch without reading the whole collection: an ingest grows linearly', async () => {
    await expectLinear(
      (n) => {
        const ids = new Set<string>();
        let spent = 0; // in the lookups only: building the ids is the test's own work
        for (let b = 0; b < n * 10; b++) {
          const batch = Array.from({ length: 500 }, (_, i) => `규정/문서-${b * 500 + i}.hwp`);
          const t0 = performance.now();
          sameDocuments(ids, batch);
          spent += performance.now() - t0;
          for (const id of batch) ids.add(id);
        }
        return spent;
      },
      1,
      8,
      // Eight times the documents: reading the whole collection per batch took ~64 times as long;
      // a Set eight times larger costs a little more per lookup (memory), which on a loaded
      // two-core machine measured 13 once — so the bound sits between the two.
      20,
    );
  }, 120_000);
});

describe('PDF and DOCX', () => {
  it('reads a DOCX: paragraphs and table rows', async () => {
    const { docxFixture } = await import('../../test/support/office-fixtures.js');
    const dir = tmp();
    writeFileSync(
      join(dir, 'a.docx'),
      docxFixture(
        ['대출 규정', '제1조 금리는 연 4%로 한다.'],
        [
          ['구분', '금리'],
          ['신용', '5%'],
        ],
      ),
    );
    const [d] = await parseFile(join(dir, 'a.docx'));
    expect(documentText(d?.doc as never)).toBe('대출 규정\n제1조 금리는 연 4%로 한다.\n구분\t금리\n신용\t5%');
  });

  it('reads a PDF page by page, and refuses a broken one', async () => {
    const { pdfFixture } = await import('../../test/support/office-fixtures.js');
    const dir = tmp();
    writeFileSync(join(dir, 'a.pdf'), pdfFixture([['Loan rules', 'Article 1'], ['Page two']]));
    const [d] = await parseFile(join(dir, 'a.pdf'));
    expect(d?.doc.blocks.map((b) => [b.page, b.text.replace(/\s+/g, ' ')])).toEqual([
      [1, 'Loan rules Article 1'],
      [2, 'Page two'],
    ]);
    writeFileSync(join(dir, 'b.pdf'), '%PDF-1.4 broken');
    await expect(parseFile(join(dir, 'b.pdf'))).rejects.toThrow(/not a readable PDF/);
  });

  it('joins Korean lines the PDF layout broke mid-word, and keeps real line ends', async () => {
    const { repairKoreanLines } = await import('./parsers/pdf.js');
    const page = [
      '고객님께서 신청하신 대출 금',
      '리는 연 4.5%이며 상환은 매',
      '월 말일에 합니다.',
      '문의: 1588-0000',
    ].join('\n');
    expect(repairKoreanLines(page)).toBe(
      '고객님께서 신청하신 대출 금리는 연 4.5%이며 상환은 매월 말일에 합니다.\n문의: 1588-0000',
    );
  });

  it('puts a space between words a PDF placed apart without one, and keeps its line ends', async () => {
    const { pageText } = await import('./parsers/pdf.js');
    const at = (str: string, x: number, y: number, hasEOL = false) => ({
      str,
      transform: [10, 0, 0, 10, x, y],
      width: str.length * 10,
      hasEOL,
    });
    expect(
      pageText([at('대출', 0, 100), at('규정', 25, 100, true), at('제1조', 0, 80), at('목적', 35, 80)]),
    ).toBe('대출 규정\n제1조 목적');
  });

  // A hostile page: each took time growing with the square of its size (40,000 lines: 31 s and 2 s).
  it('reads a page of ever more lines, or ever more pieces, in linear time', async () => {
    const { pageText, repairKoreanLines } = await import('./parsers/pdf.js');
    // Every line fills the width and breaks mid-word: all are joined into one growing line.
    await expectLinear(
      (n) => timed(() => repairKoreanLines(`${'가'.repeat(40)}\n`.repeat(n * 5000))),
      1,
      8,
      12,
    );
    await expectLinear(
      (n) =>
        timed(() =>
          pageText(
            Array.from({ length: n * 5000 }, (_, i) => ({
              str: '가나',
              transform: [10, 0, 0, 10, i * 30, 100],
              width: 20,
            })),
          ),
        ),
      1,
      8,
      12,
    );
  }, 120_000);
});

describe('personal data at ingest', () => {
  it('mask leaves no raw identifier in the index; tag records the types and keeps the text', async () => {
    const { piiTransform } = await import('./pii-at-ingest.js');
    const index = await KnowledgeIndex.open(tmp());
    const doc = {
      docId: 'chart',
      source: 'chart.md',
      title: '진료 기록',
      chunks: chunkDocument(parseMarkdown('환자 김민준 주민번호 900101-1234568 당뇨 진료')),
    };
    await index.replaceDocuments('masked', [doc], piiTransform('mask'));
    await index.reindex('masked');
    const [hit] = await index.search('masked', '당뇨 진료', 1);
    expect(hit?.text).not.toContain('900101');
    expect(hit?.text).toContain('〔KR_RRN_1〕');
    await index.replaceDocuments('tagged', [doc], piiTransform('tag'));
    await index.reindex('tagged');
    expect((await index.search('tagged', '당뇨', 1))[0]?.text).toContain('900101-1234568');
    expect(piiTransform('tag')('주민번호 900101-1234568, 010-1234-5678').pii).toBe('KR_RRN=1;PHONE=1');
    expect(piiTransform('keep')('900101-1234568')).toEqual({ text: '900101-1234568', pii: '' });
  });
});

describe('hybrid search', () => {
  it('fuses BM25 and vector hits: a passage with no shared word is found by meaning', async () => {
    const index = await KnowledgeIndex.open(tmp());
    // A toy embedding: [about loans, about cards, about deposits].
    const embed = async (texts: string[]) =>
      texts.map((t) => [
        /대출|빌리/.test(t) ? 1 : 0,
        /카드|분실/.test(t) ? 1 : 0,
        /예금|이자/.test(t) ? 1 : 0,
      ]);
    await index.replaceDocuments(
      'hybrid',
      [
        {
          docId: 'loan',
          source: 'a',
          title: '',
          chunks: chunkDocument(parseMarkdown('대출 금리는 연 4%다.')),
        },
        {
          docId: 'card',
          source: 'b',
          title: '',
          chunks: chunkDocument(parseMarkdown('카드 분실 시 즉시 정지한다.')),
        },
      ],
      undefined,
      embed,
    );
    await index.reindex('hybrid');
    const [vector] = await embed(['돈을 빌리고 싶어요']);
    expect((await index.search('hybrid', '돈을 빌리고 싶어요', 1))[0]?.docId).not.toBe('loan'); // no shared term
    expect((await index.search('hybrid', '돈을 빌리고 싶어요', 1, vector))[0]?.docId).toBe('loan');
    expect((await index.search('hybrid', '카드 분실', 2, [0, 1, 0]))[0]?.docId).toBe('card');
  });
});
