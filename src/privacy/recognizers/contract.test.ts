import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../engine.js';
import { defaultPacks, recognizersOf } from '../registry.js';

/**
 * One contract for every recogniser in the registry: a new recogniser (or country pack) gets
 * these checks for free.
 */
const HANGUL = /[\uAC00-\uD7A3]/;

// Inputs that make careless patterns backtrack: long runs of what a pattern half-matches.
const ADVERSARIAL: Record<string, string> = {
  digits: '1'.repeat(100_000),
  'digit-hyphen': '12-'.repeat(33_000),
  'digit-space': '1 '.repeat(50_000),
  'digit-dot': '1.'.repeat(50_000),
  hangul: '가'.repeat(100_000),
  surnames: '김이박'.repeat(33_000),
  'hangul-words': '김민준님 '.repeat(20_000),
  'road-numbers': '테헤란로 1'.repeat(16_000),
  'email-like': `${'a.'.repeat(50_000)}@`,
  'at-signs': 'a@'.repeat(50_000),
  'hex-colons': 'a1:'.repeat(33_000),
  'region-digits': '서울 12'.repeat(20_000),
  'plus-82': '+82 10 '.repeat(14_000),
  'country-code': '0082-10-82 '.repeat(10_000),
  'full-width': '１２－'.repeat(33_000),
};

describe.each(recognizersOf(defaultPacks).map((r) => [r.type, r] as const))('recogniser %s', (_type, r) => {
  it('has Korean context words, not only English ones', () => {
    expect(r.context.some((w) => HANGUL.test(w))).toBe(true);
  });

  it('has a PIPA category', () => {
    expect(['unique_identifier', 'sensitive', 'credit', 'personal']).toContain(r.category);
  });

  if (r.kind === 'pattern') {
    it('uses global regexes only', () => {
      for (const p of r.patterns) expect(p.regex.flags).toContain('g');
    });
  }

  const detector = createDetector({ packs: [{ name: 'one', recognizers: [r] }], threshold: 0 });

  it.each(Object.entries(ADVERSARIAL))(
    'finishes on 100 KB of %s input',
    (_name, text) => {
      const found = detector.detect(text);
      for (const e of found) {
        expect(e.start).toBeGreaterThanOrEqual(0);
        expect(e.end).toBeLessThanOrEqual(text.length);
      }
    },
    20_000,
  );
});

describe('every detector result', () => {
  const detector = createDetector({ threshold: 0 });
  const pieces = [
    '김민준',
    '님',
    ' ',
    '900101-1234568',
    '010-1234-5678',
    '\u200B',
    '－',
    '０',
    '@',
    'a.b',
    '서울시 강남구 테헤란로 152',
    '국민은행',
    '123456-12-123456',
    '4111 1111 1111 1111',
    '12가3456',
    '\uD800',
    '😀',
  ];

  it('lies inside the text, carries its exact slice and never overlaps another', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 30 }),
        (parts) => {
          const text = parts.join('');
          let lastEnd = 0;
          for (const e of detector.detect(text)) {
            expect(e.start).toBeGreaterThanOrEqual(lastEnd);
            expect(e.end).toBeGreaterThan(e.start);
            expect(e.end).toBeLessThanOrEqual(text.length);
            expect(e.text).toBe(text.slice(e.start, e.end));
            lastEnd = e.end;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('a pattern with a trigger', () => {
  // The engine skips a pattern on a text without its trigger: a text it matches in must hold it.
  const triggered = recognizersOf(defaultPacks).flatMap((r) =>
    r.kind === 'pattern' ? r.patterns.filter((p) => p.trigger !== undefined) : [],
  );
  const pieces = [
    'Michael Anderson',
    'MICHAEL ANDERSON',
    'KIM/JUNHO',
    'KIM MIN JUN',
    'Hong Gil-dong',
    'Gil-dong Hong',
    'SANTOS, MARIA',
    'Santos, Maria',
    'Nguyen Thi Hoa',
    'user@example.com',
    'user (at) example dot com',
    'user 앳 gmail 닷컴',
    'user 골뱅이 hanmail 닷 net',
    'user@naver',
    '사용자@예시.한국',
    '+82 10-1234-5678',
    '0082-10-1234-5678',
    '(82) 10 1234 5678',
    '+1 212 555 0100',
    '192.168.0.1',
    'fe80::1',
    '김민준',
    ' ',
    ', ',
    '\n',
  ];

  it.each(triggered.map((p) => [p.name, p] as const))('%s: a text it matches holds it', (_name, p) => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 12 }),
        (parts) => {
          const text = parts.join('');
          const t = p.trigger as string | RegExp;
          const held = typeof t === 'string' ? text.includes(t) : t.test(text);
          if (!held) expect([...text.matchAll(p.regex)].map((m) => m[0])).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('covers the Latin-script names', () => {
    expect(triggered.map((p) => p.name)).toEqual(
      expect.arrayContaining(['latin-upper', 'given-first-title']),
    );
  });
});
