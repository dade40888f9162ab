import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../dist/cli/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  args: string[],
  input?: string | Buffer | ((w: NodeJS.WritableStream) => Promise<void>),
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.on('error', () => {}); // the CLI may exit before reading everything
    if (typeof input === 'function') input(child.stdin).then(() => child.stdin.end(), reject);
    else child.stdin.end(input ?? '');
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'jugwon-cli-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};
const jsonLines = (s: string) =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('jugwon pii scan --jsonl (contract)', () => {
  it('writes one {"id","entities"} line per input line, in order, with offsets into the original text', async () => {
    const records = [
      { id: 'a', text: '주민번호 ９００１０１－１２３４５６８' },
      { id: 2, text: '연락처 010-9876-5432, 김철수 고객님' },
      { id: 'c', text: '개인정보 없음' },
    ];
    const r = await run(['pii', 'scan', '--jsonl'], `${records.map((x) => JSON.stringify(x)).join('\n')}\n`);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.id)).toEqual(['a', 2, 'c']);
    for (const [i, line] of lines.entries()) {
      for (const e of line.entities) {
        expect(Object.keys(e).sort()).toEqual(['category', 'end', 'score', 'start', 'text', 'type']);
        expect(records[i]?.text.slice(e.start, e.end)).toBe(e.text);
      }
    }
    expect(lines[0].entities.map((e: { type: string }) => e.type)).toEqual(['KR_RRN']);
    expect(lines[1].entities.map((e: { type: string }) => e.type)).toEqual(['PHONE', 'PERSON']);
    expect(lines[2].entities).toEqual([]);
  });

  it('answers a bad line with an error line, keeps going, exits non-zero and never echoes the input', async () => {
    const input = [
      '{"id":1,"text":"전화 010-1234-5678"}',
      '{"id":2,"text":"900101-1234568 비밀"',
      '[1,2]',
      '{"id":4}',
      '{"id":5,"text":"ok"}',
    ];
    const r = await run(['pii', 'scan', '--jsonl'], input.join('\n'));
    expect(r.code).toBe(1);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.error?.code ?? 'ok')).toEqual([
      'ok',
      'JG_INPUT_INVALID_JSON',
      'JG_INPUT_INVALID_JSON',
      'JG_INPUT_INVALID_RECORD',
      'ok',
    ]);
    expect(lines[3].id).toBe(4);
    expect(r.stderr).toContain('Line 2');
    expect(r.stdout + r.stderr).not.toContain('900101');
  });

  it('reports binary lines and scans text with unpaired surrogates as is', async () => {
    const input = Buffer.concat([
      Buffer.from([0x00, 0x01, 0xff, 0x0a]),
      Buffer.from('{"id":"s","text":"\\ud800 전화 010-1234-5678"}\n'),
    ]);
    const r = await run(['pii', 'scan', '--jsonl'], input);
    const lines = jsonLines(r.stdout);
    expect(lines[0].error.code).toBe('JG_INPUT_NOT_TEXT');
    expect(lines[1].entities[0]).toMatchObject({ type: 'PHONE', start: 5, end: 18 });
    expect(r.stderr).toContain('unpaired');
  });

  it('rejects a 100 MB line without holding it, then scans the next line', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const r = await run(['pii', 'scan', '--jsonl'], async (w) => {
      w.write('{"id":"big","text":"');
      for (let i = 0; i < 100; i++) {
        if (!w.write(chunk)) await new Promise((res) => w.once('drain', res));
      }
      w.write('"}\n{"id":"next","text":"010-1234-5678"}\n');
    });
    expect(r.code).toBe(1);
    const lines = jsonLines(r.stdout);
    expect(lines[0].error.code).toBe('JG_INPUT_TOO_LARGE');
    expect(lines[1]).toMatchObject({ id: 'next', entities: [{ type: 'PHONE' }] });
  }, 60_000);
});

describe('jugwon pii scan FILE', () => {
  it('prints a table of entities with line:column', async () => {
    const r = await run(['pii', 'scan', file('a.txt', '첫 줄\n고객 김민준님 010-1234-5678\n')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2:4\s+PERSON\s+personal/);
    expect(r.stdout).toMatch(/2:9\s+PHONE/);
    expect(r.stdout).toContain('2 entities: PERSON 1, PHONE 1');
  });

  it('fails clearly on a missing file, a binary file and a bad threshold', async () => {
    const missing = await run(['pii', 'scan', join(tmp, 'nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('JG_FILE_NOT_FOUND');
    const binary = await run([
      'pii',
      'scan',
      file('b.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])),
    ]);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toContain('JG_INPUT_NOT_TEXT');
    const threshold = await run(['pii', 'scan', '--threshold', 'high', file('c.txt', 'x')]);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toContain('--threshold');
  });

  it('exits 2 with usage help on an unknown option', async () => {
    const r = await run(['pii', 'scan', '--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option');
  });
});

describe('jugwon pii mask', () => {
  const text = '고객 김민준님 900101-1234568 연락처 010-1234-5678\n';

  it('prints masked text from a file or standard input', async () => {
    const fromFile = await run(['pii', 'mask', file('m.txt', text)]);
    expect(fromFile.stdout).toBe('고객 〔PERSON_1〕님 〔KR_RRN_1〕 연락처 〔PHONE_1〕\n');
    const fromStdin = await run(['pii', 'mask', '-'], text);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('prints reproducible surrogates with --mode surrogate --seed', async () => {
    const a = await run(['pii', 'mask', '--mode', 'surrogate', '--seed', '5'], text);
    const b = await run(['pii', 'mask', '--mode', 'surrogate', '--seed', '5'], text);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toContain('900101-1234568');
    expect(a.stdout).toMatch(/\d{6}-[12]\d{6}/);
  });

  it('applies the privacy section of a configuration file', async () => {
    const config = file(
      'jugwon.yaml',
      [
        'privacy:',
        '  allow: ["010-1234-5678"]',
        '  deny: [{ type: PROJECT, values: ["블루오션"] }]',
        '  recognizers:',
        '    - type: EMPLOYEE_ID',
        '      patterns: [{ regex: "EMP-\\\\d{6}", score: 0.9 }]',
        '      context: [사번]',
      ].join('\n'),
    );
    const r = await run(['pii', 'mask', '--config', config], '블루오션 담당 EMP-123456 연락처 010-1234-5678');
    expect(r.stdout).toBe('〔PROJECT_1〕 담당 〔EMPLOYEE_ID_1〕 연락처 010-1234-5678');
  });

  it('names the bad key of an invalid configuration', async () => {
    const bad = await run(['pii', 'mask', '--config', file('bad.yaml', 'privacy:\n  threshold: 3\n')], 'x');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/JG_CONFIG_INVALID: .*bad\.yaml: privacy\.threshold/);
    const typo = await run(
      ['pii', 'mask', '--config', file('typo.yaml', 'privacy:\n  treshold: 0.3\n')],
      'x',
    );
    expect(typo.stderr).toContain('treshold');
  });
});

describe('jugwon demo', () => {
  it('shows the sample and each line read from a pipe, then exits', async () => {
    const r = await run(['demo'], '상담원 이서연 010-2222-3333\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('〔KR_RRN_1〕');
    expect(r.stdout).toMatch(/PERSON\s+personal\s+[\d.]+\s+이서연/);
    expect(r.stdout).toContain('스트림 복원');
  });
});
