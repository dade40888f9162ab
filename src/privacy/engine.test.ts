import { describe, expect, it } from 'vitest';
import { expectLinear, timed } from '../../test/support/growth.js';
import { JugwonError } from '../core/errors.js';
import { compileCustomRecognizer } from './custom.js';
import { createDetector, detect } from './engine.js';
import { resolveOverlaps } from './resolve.js';
import type { Candidate } from './types.js';

const types = (text: string, d = createDetector()) => d.detect(text).map((e) => [e.type, e.text]);

describe('detect', () => {
  it('reports type, offsets into the original text, the original text, score and category', () => {
    const text = '고객 김민준님 주민등록번호 ９００１０１－１２３４５６８';
    const rrn = detect(text).find((e) => e.type === 'KR_RRN');
    expect(rrn).toEqual({
      type: 'KR_RRN',
      start: text.indexOf('９'),
      end: text.length,
      text: '９００１０１－１２３４５６８',
      score: 1,
      category: 'unique_identifier',
    });
  });

  it('runs every pattern of a recogniser, those sharing a trigger together, each only where its trigger is', () => {
    const pattern = (name: string, regex: RegExp, trigger?: string | RegExp) => ({
      name,
      regex,
      score: 0.9,
      ...(trigger ? { trigger } : {}),
    });
    const detector = createDetector({
      packs: [
        {
          name: 'codes',
          recognizers: [
            {
              kind: 'pattern',
              type: 'CODE',
              category: 'personal',
              context: ['코드'],
              patterns: [
                pattern('hash-digits', /#\d{3}/g, '#'),
                pattern('hash-letters', /#[a-z]{3}/g, '#'),
                pattern('capital', /[A-Z]\d{2}/g, /[A-Z]/),
                pattern('percent', /%\d{2}/g, '%'),
                pattern('tilde', /~\d/g),
                pattern('caret', /\^\d/g),
              ],
            },
          ],
        },
      ],
    });
    const found = (text: string) => detector.detect(text).map((e) => e.text);
    expect(found('#123 #abc Q12 %12 ~1 ^2')).toEqual(['#123', '#abc', 'Q12', '%12', '~1', '^2']);
    expect(found('%12 ~1 #abc')).toEqual(['%12', '~1', '#abc']);
    // A trigger outside the match still lets the pattern run; it just finds nothing there.
    expect(found('# 123 q12 % 12')).toEqual([]);
  });

  it('keeps offsets right after removed zero-width characters', () => {
    const text = '\u200B\u200B연락처 010-1234-5678';
    const [phone] = detect(text);
    expect(phone && text.slice(phone.start, phone.end)).toBe('010-1234-5678');
  });

  it('returns entities sorted and disjoint', () => {
    const text = '김민준님 900101-1234568 010-1234-5678 minjun@example.com 국민은행 123456-12-123456';
    const found = detect(text);
    for (let i = 1; i < found.length; i++) {
      expect((found[i] as { start: number }).start).toBeGreaterThanOrEqual(
        (found[i - 1] as { end: number }).end,
      );
    }
    expect(found.map((e) => e.type)).toEqual(['PERSON', 'KR_RRN', 'PHONE', 'EMAIL', 'KR_BANK_ACCOUNT']);
  });

  it('maps categories as PIPA does', () => {
    const text = '여권 M12345678 건강보험증 12345678901 카드 4111-1111-1111-1111 전화 010-1234-5678';
    expect(Object.fromEntries(detect(text).map((e) => [e.type, e.category]))).toEqual({
      KR_PASSPORT: 'unique_identifier',
      KR_HEALTH_INSURANCE: 'sensitive',
      CREDIT_CARD: 'credit',
      PHONE: 'personal',
    });
  });

  it('raises the score of a checksum-valid number above one with a random tail', () => {
    const [valid] = detect('번호 900101-1234568');
    const [randomTail] = detect('번호 900101-1234561');
    expect(valid?.score).toBeGreaterThan(randomTail?.score ?? 1);
    expect(randomTail?.type).toBe('KR_RRN');
  });

  it('drops entities under the threshold and accepts a stricter one', () => {
    // Far enough apart that the context word reaches only the first (the window is 40 characters).
    const text = `여권 M123A4567. ${'오늘 회의는 예정대로 진행합니다. '.repeat(3)}모델 M123B4567`;
    expect(types(text)).toEqual([['KR_PASSPORT', 'M123A4567']]);
    expect(types(text, createDetector({ threshold: 0 }))).toEqual([
      ['KR_PASSPORT', 'M123A4567'],
      ['KR_PASSPORT', 'M123B4567'],
    ]);
    expect(types(text, createDetector({ threshold: 0.99 }))).toEqual([]);
  });

  it('rejects a threshold outside 0-1', () => {
    expect(() => createDetector({ threshold: 2 })).toThrow(JugwonError);
  });

  it('reports only the requested types, still using the others as context', () => {
    const d = createDetector({ types: ['PERSON'] });
    expect(types('윤서진 900101-1234568', d)).toEqual([['PERSON', '윤서진']]);
  });

  it('never reports allow-listed values, whatever their spacing', () => {
    const d = createDetector({ allow: ['1588 1234', 'help@jugwon.kr'] });
    expect(types('대표번호 1588-1234, 문의 help@jugwon.kr, 담당 010-1234-5678', d)).toEqual([
      ['PHONE', '010-1234-5678'],
    ]);
  });

  it('always reports deny-listed values', () => {
    const d = createDetector({
      deny: [{ type: 'PROJECT_CODE', category: 'sensitive', values: ['블루오션', 'X-17'] }],
    });
    expect(d.detect('블루오션 계획과 X-17 설계').map((e) => [e.type, e.text, e.category])).toEqual([
      ['PROJECT_CODE', '블루오션', 'sensitive'],
      ['PROJECT_CODE', 'X-17', 'sensitive'],
    ]);
  });

  it('runs custom recognisers from configuration, with a named validator', () => {
    const d = createDetector({
      custom: [
        { type: 'EMPLOYEE_ID', patterns: [{ regex: 'EMP-\\d{6}', score: 0.4 }], context: ['사번'] },
        {
          type: 'MEMBER_CARD',
          category: 'credit',
          patterns: [{ regex: '\\b\\d{4} \\d{4} \\d{4}\\b' }],
          validator: 'luhn',
        },
      ],
    });
    expect(types(`사번 EMP-123456. ${'다음 안건으로 넘어갑니다. '.repeat(3)}EMP-654321`, d)).toEqual([
      ['EMPLOYEE_ID', 'EMP-123456'],
    ]);
    expect(types('회원카드 4111 1111 1117 / 4111 1111 1111', d)).toEqual([['MEMBER_CARD', '4111 1111 1117']]);
  });

  it('runs a custom pattern that backtracks without end in JavaScript in linear time', async () => {
    // Nested quantifiers, as a deployment might write an employee number: in JavaScript's engine
    // each capital letter more doubles the time of a text that almost matches (26 letters: 1.7 s,
    // with the event loop held).
    const d = createDetector({
      custom: [
        {
          type: 'EMPLOYEE_ID',
          patterns: [{ regex: '(?:[A-Z]+)+-\\d{6}', flags: 'i' }, { regex: '(x+x+)+y' }],
        },
      ],
    });
    const attack = (n: number) => `직원번호 ${'A'.repeat(n)}-12345 ${'x'.repeat(n)} 입니다`;
    await expectLinear((n) => timed(() => expect(d.detect(attack(n))).toEqual([])), 16, 24, 12);
    expect(d.detect(attack(100_000))).toEqual([]);
    // What it matches is unchanged: case-insensitive, offsets in the text's own characters.
    expect(types('🙂 사원 hgd-123456, xxy', d)).toEqual([
      ['EMPLOYEE_ID', 'hgd-123456'],
      ['EMPLOYEE_ID', 'xxy'],
    ]);
  });

  it('holds no text once a scan with a custom pattern is over', () => {
    const re = compileCustomRecognizer({ type: 'EMPLOYEE_ID', patterns: [{ regex: 'EMP-\\d{6}' }] })
      .patterns[0]?.regex as RegExp;
    const text = `사번 EMP-123456 ${'가'.repeat(100_000)}`;
    expect(re.exec(text)?.[0]).toBe('EMP-123456');
    expect((re as unknown as { current?: unknown }).current).toBeDefined(); // mid-scan: kept
    expect(re.exec(text)).toBeNull();
    expect((re as unknown as { current?: unknown }).current).toBeUndefined();
  });

  it.each([
    [{ type: 'LOOKBEHIND', patterns: [{ regex: '(?<![0-9])\\d{6}' }] }, /look-ahead and look-behind/],
    [{ type: 'LOOKAHEAD', patterns: [{ regex: '\\d{6}(?!\\d)' }] }, /look-ahead and look-behind/],
    [{ type: 'BACKREF', patterns: [{ regex: '(\\d)\\1{5}' }] }, /back-references/],
    [{ type: 'STICKY', patterns: [{ regex: '\\d{6}', flags: 'x' }] }, /flags may be i, m and s/],
  ])('refuses a custom pattern the linear-time engine cannot run, saying why: %o', (spec, problem) => {
    expect(() => createDetector({ custom: [spec] })).toThrow(problem);
    expect(() => createDetector({ custom: [spec] })).toThrow(
      expect.objectContaining({ code: 'JG_PII_RECOGNIZER_INVALID' }),
    );
  });

  it.each([
    [{ type: 'bad name', patterns: [{ regex: 'x' }] }, 'JG_PII_RECOGNIZER_INVALID'],
    [{ type: 'EMPTY', patterns: [] }, 'JG_PII_RECOGNIZER_INVALID'],
    [{ type: 'BROKEN', patterns: [{ regex: '(' }] }, 'JG_PII_RECOGNIZER_INVALID'],
    [{ type: 'MATCHES_NOTHING', patterns: [{ regex: 'a*' }] }, 'JG_PII_RECOGNIZER_INVALID'],
    [{ type: 'UNKNOWN_CHECK', patterns: [{ regex: '\\d+' }], validator: 'md5' }, 'JG_PII_VALIDATOR_UNKNOWN'],
  ])('refuses an invalid custom recogniser %o', (spec, code) => {
    expect(() => createDetector({ custom: [spec] })).toThrow(expect.objectContaining({ code }));
  });

  it('handles empty text and text without personal data', () => {
    expect(detect('')).toEqual([]);
    expect(detect('오늘 날씨가 좋습니다. 2024년 3월 15일 회의.')).toEqual([]);
  });
});

describe('resolveOverlaps', () => {
  const c = (type: string, start: number, end: number, score: number): Candidate => ({
    type,
    category: 'personal',
    start,
    end,
    score,
  });

  it('keeps the higher score for the same span', () => {
    expect(resolveOverlaps([c('A', 0, 10, 0.6), c('B', 0, 10, 0.9)])).toEqual([c('B', 0, 10, 0.9)]);
  });

  it('widens the winner so a partly overlapping loser is still covered', () => {
    expect(resolveOverlaps([c('A', 0, 10, 0.9), c('B', 5, 15, 0.6)])).toEqual([c('A', 0, 15, 0.9)]);
  });

  it('drops a loser contained in the winner', () => {
    expect(resolveOverlaps([c('A', 0, 10, 0.9), c('B', 2, 5, 0.95), c('C', 12, 14, 0.5)])).toEqual([
      c('B', 0, 10, 0.95),
      c('C', 12, 14, 0.5),
    ]);
  });

  it('merges winners that widening makes overlap, covering the union', () => {
    const out = resolveOverlaps([c('A', 0, 5, 0.9), c('B', 6, 10, 0.8), c('C', 3, 8, 0.5)]);
    expect(out).toEqual([c('A', 0, 10, 0.9)]);
  });

  it('makes one entity of a chain of overlapping candidates, of the strongest type among them', () => {
    // B is as strong as A and longer; C bridges them. The chain is one entity: masking part of it
    // would leave the rest readable.
    const out = resolveOverlaps([
      c('A', 0, 3, 0.9),
      c('B', 10, 20, 0.9),
      c('C', 2, 11, 0.5),
      c('D', 30, 32, 0.9),
    ]);
    expect(out).toEqual([c('B', 0, 20, 0.9), c('D', 30, 32, 0.9)]);
    // Ten thousand candidates, each overlapping the next: one entity covering them all.
    const chain = Array.from({ length: 10_000 }, (_, i) =>
      c(i === 4_321 ? 'TOP' : 'X', i * 5, i * 5 + 8, i === 4_321 ? 0.95 : 0.6),
    );
    expect(resolveOverlaps(chain.reverse())).toEqual([c('TOP', 0, 50_003, 0.95)]);
  });
});
