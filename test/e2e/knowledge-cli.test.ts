import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../support/cli.js';
import { hwpFixture } from '../support/hwp-fixture.js';
import { hwpxFixture } from '../support/hwpx-fixture.js';

describe('jugwon ingest / search / parse / collections (contract)', () => {
  it('ingests a folder, reports per-file errors, and answers JSONL queries in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-kcli-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(
      join(dir, 'docs', '대출규정.hwpx'),
      hwpxFixture({
        paragraphs: [
          '제1조(목적) 이 규정은 대출 금리와 상환 방법을 정한다.',
          '제2조(금리) 대출 금리는 한국은행 기준금리에 연동한다.',
        ],
      }),
    );
    writeFileSync(join(dir, 'docs', 'deposit.md'), '# 예금 규정\n\n예금 이자는 매월 말일에 지급한다.\n');
    writeFileSync(
      join(dir, 'docs', 'records.jsonl'),
      '{"id":"faq-1","text":"카드 분실 신고는 고객센터 1588-0000으로 한다.","title":"카드"}\n',
    );
    writeFileSync(join(dir, 'docs', 'broken.hwpx'), 'not a zip');
    const ingest = await run(['ingest', 'docs', '--collection', 'bank', '--data-dir', 'data'], dir);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/3 of 4 files ingested into "bank": 3 documents, \d+ chunks, 1 errors/);
    expect(ingest.stderr).toContain('broken.hwpx');

    const queries = [
      { id: 'q1', query: '대출 금리는 무엇에 연동되나요?' },
      { id: 2, query: '예금 이자 지급일' },
      { id: 'q3', query: '카드를 잃어버렸어요' },
    ];
    const search = await run(
      ['search', '--collection', 'bank', '--data-dir', 'data', '--k', '2', '--jsonl'],
      dir,
      { input: `${queries.map((q) => JSON.stringify(q)).join('\n')}\nnot json\n` },
    );
    const lines = search.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['q1', 2, 'q3', null]);
    expect(lines[0].hits[0]).toEqual({
      docId: '대출규정.hwpx',
      chunkId: expect.stringMatching(/^대출규정\.hwpx#\d+$/),
      score: expect.any(Number),
      text: expect.stringContaining('한국은행'),
    });
    expect(lines[1].hits[0].docId).toBe('deposit.md');
    expect(lines[2].hits[0].docId).toBe('faq-1');
    expect(lines[3].error.code).toBe('JG_INVALID_REQUEST');
    expect(search.code).toBe(1);

    const pretty = await run(['search', '대출 금리', '--collection', 'bank', '--data-dir', 'data'], dir);
    expect(pretty.stdout).toMatch(/^\[1\] [\d.]+ +docs\/대출규정\.hwpx · 제2조\(금리\)/);

    const list = await run(['collections', 'list', '--data-dir', 'data', '--json'], dir);
    expect(JSON.parse(list.stdout)).toEqual([{ name: 'bank', chunks: expect.any(Number) }]);
    const missing = await run(['search', 'x', '--collection', 'nope', '--data-dir', 'data'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('JG_COLLECTION_NOT_FOUND');
    expect((await run(['collections', 'delete', 'bank', '--data-dir', 'data'], dir)).code).toBe(0);
    expect((await run(['collections', 'list', '--data-dir', 'data'], dir)).stdout).toBe('No collections.\n');
  }, 60_000);

  it("ingests HWP files, filters by metadata, and fixes a collection's owner", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-kcli-hwp-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(
      join(dir, 'docs', '여신규정.hwp'),
      hwpFixture({
        paragraphs: ['제3조(연체) 대출 연체 이자는 약정 금리에 3%를 더한다.'],
        table: [['구분', '금리']],
      }),
    );
    writeFileSync(
      join(dir, 'docs', '배포본.hwp'),
      hwpFixture({ paragraphs: ['제4조(상환) 대출 원금은 만기에 한 번에 갚는다.'], distribution: true }),
    );
    const ingest = await run(['ingest', 'docs', '--collection', 'loans', '--data-dir', 'data'], dir);
    expect(ingest.stdout).toMatch(/2 of 2 files ingested into "loans": 2 documents/);
    const both = await run(['search', '--collection', 'loans', '--data-dir', 'data', '--jsonl'], dir, {
      input: '{"id":1,"query":"대출 이자"}\n',
    });
    expect(new Set(JSON.parse(both.stdout).hits.map((h: { docId: string }) => h.docId))).toEqual(
      new Set(['여신규정.hwp', '배포본.hwp']),
    );
    const one = await run(
      ['search', '--collection', 'loans', '--data-dir', 'data', '--jsonl', '--where', 'docId=배포본.hwp'],
      dir,
      { input: '{"id":1,"query":"대출 이자"}\n' },
    );
    expect(JSON.parse(one.stdout).hits.map((h: { docId: string }) => h.docId)).toEqual(['배포본.hwp']);
    const bad = await run(
      ['search', 'x', '--collection', 'loans', '--data-dir', 'data', '--where', 'page'],
      dir,
    );
    expect(bad.code).toBe(2); // a usage error
    expect(bad.stderr).toContain('--where takes key=value');

    const unknown = await run(
      ['ingest', 'docs', '--collection', 'owned', '--data-dir', 'data', '--tenant', 'nobody'],
      dir,
    );
    expect(unknown.code).toBe(2); // a usage error
    expect(unknown.stderr).toContain('no tenant named "nobody"');
    const changeOwner = await run(
      ['ingest', 'docs', '--collection', 'loans', '--data-dir', 'data', '--tenant', 'nobody'],
      dir,
    );
    expect(changeOwner.code).toBe(2); // a usage error
    expect(changeOwner.stderr).toContain('shared by all tenants');
  }, 60_000);

  it('parse prints text or JSON, and fails with the reason on unreadable files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-parse-'));
    writeFileSync(
      join(dir, 'a.hwpx'),
      hwpxFixture({ paragraphs: ['첫 문단'], table: [['a', 'b']], footnote: '주석' }),
    );
    const text = await run(['parse', 'a.hwpx'], dir);
    expect(text.stdout).toBe('첫 문단\na\tb\n본문\n주석\n');
    const json = JSON.parse((await run(['parse', 'a.hwpx', '--format', 'json'], dir)).stdout);
    expect(json.blocks.map((b: { kind: string }) => b.kind)).toEqual([
      'paragraph',
      'table',
      'paragraph',
      'note',
    ]);
    writeFileSync(join(dir, 'b.pdf'), '%PDF-1.4');
    const unsupported = await run(['parse', 'b.pdf'], dir);
    expect(unsupported.code).toBe(1);
    expect(unsupported.stderr).toContain('JG_PARSE_FAILED');
    expect((await run(['parse', 'nope.hwpx'], dir)).stderr).toContain('JG_FILE_NOT_FOUND');
  });
});

describe('hybrid collections on the command line', () => {
  it('ingests with an embedding model, remembers it, and refuses another one', async () => {
    const { startMockUpstream } = await import('../support/mock-upstream.js');
    const upstream = await startMockUpstream();
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-hyb-'));
    try {
      writeFileSync(
        join(dir, 'jugwon.yaml'),
        `dataDir: ./data\nmodels:\n  - { id: emb, provider: openai-compatible, baseUrl: "${upstream.url}", residency: onprem }\n  - { id: other, provider: openai-compatible, baseUrl: "${upstream.url}", residency: onprem }\n`,
      );
      writeFileSync(join(dir, 'a.md'), '# 대출\n\n대출 금리는 연 4%다.\n');
      const first = await run(
        ['ingest', 'a.md', '--collection', 'h', '--config', 'jugwon.yaml', '--embedding-model', 'emb'],
        dir,
      );
      expect(first.code).toBe(0);
      expect(upstream.received.some((b) => JSON.parse(b).input !== undefined)).toBe(true);
      const search = await run(['search', '대출 금리', '--collection', 'h', '--config', 'jugwon.yaml'], dir);
      expect(search.stdout).toContain('[1]');
      // --data-dir replaces only the data folder: the models still come from --config.
      const withDir = await run(
        ['search', '대출 금리', '--collection', 'h', '--config', 'jugwon.yaml', '--data-dir', 'data'],
        dir,
      );
      expect(withDir.code).toBe(0);
      expect(withDir.stdout).toContain('[1]');
      const other = await run(
        ['ingest', 'a.md', '--collection', 'h', '--config', 'jugwon.yaml', '--embedding-model', 'other'],
        dir,
      );
      expect(other.code).toBe(2);
      expect(other.stderr).toContain('embedding model "emb"');
    } finally {
      await upstream.close();
    }
  }, 60_000);

  it('names ingested files by their path from the folder given, never by the server path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-ingest-names-'));
    mkdirSync(join(dir, 'docs', '규정'), { recursive: true });
    writeFileSync(
      join(dir, 'docs', '규정', '여신.md'),
      '# 여신 규정\n\n연체이자율은 약정이자율에 3%를 더한다.\n',
    );
    writeFileSync(join(dir, 'single.md'), '# 단일 문서\n\n예금 이자는 매월 지급한다.\n');
    const ingest = await run(
      ['ingest', join(dir, 'docs'), join(dir, 'single.md'), '--collection', 'rules', '--data-dir', 'data'],
      dir,
    );
    expect(ingest.code).toBe(0);
    const { KnowledgeIndex } = await import('../../src/knowledge/index-store.js');
    const index = await KnowledgeIndex.open(join(dir, 'data'));
    const docs = await index.documents('rules');
    expect(docs.map((d) => d.source).sort()).toEqual(['docs/규정/여신.md', 'single.md']);
    expect(JSON.stringify(docs)).not.toContain(dir);
  });

  it('ingests a file named on macOS (decomposed Hangul) as the same document as its composed name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-ingest-nfd-'));
    const name = '여신 규정.md';
    writeFileSync(
      join(dir, name.normalize('NFD')),
      '# 여신 규정\n\n연체이자율은 약정이자율에 3%를 더한다.\n',
    );
    writeFileSync(join(dir, name), '# 여신 규정\n\n연체이자율은 약정이자율에 2%를 더한다.\n');
    for (const file of [name.normalize('NFD'), name]) {
      const ingest = await run(
        ['ingest', join(dir, file), '--collection', 'rules', '--data-dir', 'data'],
        dir,
      );
      expect(ingest.code).toBe(0);
    }
    const { KnowledgeIndex } = await import('../../src/knowledge/index-store.js');
    const docs = await (await KnowledgeIndex.open(join(dir, 'data'))).documents('rules');
    // One document, kept by its composed name: the second ingest replaced the first.
    expect(docs.map((d) => d.docId)).toEqual([name]);
  });

  it('walks a folder holding a link back to itself once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-ingest-loop-'));
    mkdirSync(join(dir, 'docs', '여신'), { recursive: true });
    writeFileSync(
      join(dir, 'docs', '여신', '규정.md'),
      '# 여신 규정\n\n연체이자율은 약정이자율에 3%를 더한다.\n',
    );
    symlinkSync(join(dir, 'docs'), join(dir, 'docs', '여신', '상위'));
    const ingest = await run(['ingest', 'docs', '--collection', 'rules', '--data-dir', 'data'], dir);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toContain('1 of 1 files ingested into "rules"');
  });
});
