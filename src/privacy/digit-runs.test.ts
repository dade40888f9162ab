import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigitRuns, eachMatch, runSpec } from './digit-runs.js';
import { createDetector } from './engine.js';
import { AFTER_EVERYDAY_BANK } from './recognizers/kr/bank-account.js';
import { PART_SPACED, SPACED } from './recognizers/kr/spaced-digits.js';
import { defaultPacks, recognizersOf } from './registry.js';
import type { Pattern, Recognizer } from './types.js';

/**
 * Pattern.digitRuns is a promise about where matches start; if it were wrong for some layout,
 * that identifier would silently go unmasked. So every declaring pattern is checked against a
 * scan of every position, on text built from what its identifiers are made of.
 */
const PIECES = [
  ...'0123456789',
  '01',
  '010',
  '02',
  '031',
  '051',
  '070',
  '0505',
  '1588',
  '11',
  '19',
  '880',
  '900101',
  '1234567',
  '-',
  ' ',
  '  ',
  ' - ',
  '.',
  '/',
  '_',
  '(',
  ')',
  ') ',
  '*',
  '******',
  'x',
  'M',
  'S',
  'AB',
  'Z',
  '가',
  '허',
  '차',
  '배',
  '\n',
  '주식회사 ',
  '(주)',
  '차량번호: ',
  '서울 ',
  '법인등록번호 ',
  '우리 ',
  '하나 ',
  '9 0 0 1 0 1 - 1 2 3 4 5 6 8',
  '900101 - 1 2 3 4 5 6 8',
  '0.1.0.',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

const declaring = [
  ...recognizersOf(defaultPacks).flatMap((r) =>
    r.kind === 'pattern'
      ? r.patterns.filter((p) => p.digitRuns).map((p) => [`${r.type} ${p.name}`, p] as const)
      : [],
  ),
  ['KR_RRN spaced digits (a scanning recogniser)', SPACED] as const,
  ['KR_RRN part-spaced digits (a scanning recogniser)', PART_SPACED] as const,
  ['KR_BANK_ACCOUNT after an everyday bank name (a scanning recogniser)', AFTER_EVERYDAY_BANK] as const,
];

/** Every match of a regex, scanned position by position. */
function everywhere(regex: RegExp, s: string): [number, number][] {
  const out: [number, number][] = [];
  const r = new RegExp(regex.source, regex.flags);
  for (let m = r.exec(s); m !== null; m = r.exec(s)) out.push([m.index, m[0].length]);
  return out;
}

/** Every match the digit-run finder gives, each accepted. */
function atRuns(p: Pattern, s: string): [number, number][] {
  const spec = runSpec([p], p.regex.source, p.regex.flags);
  if (!spec) throw new Error('no spec');
  return [...eachMatch(new DigitRuns(s).finder(spec))].map((m): [number, number] => [m.index, m[0].length]);
}

describe('digit-led patterns tried only where digit runs start', () => {
  it('cover the patterns that scan for long numbers', () => {
    expect(declaring.length).toBeGreaterThanOrEqual(20);
  });

  it.each(declaring)('%s finds exactly what a scan of every position finds', (_name, p) => {
    fc.assert(
      fc.property(text, (s) => {
        expect(atRuns(p, s)).toEqual(everywhere(p.regex, s));
      }),
      { numRuns: 2000 },
    );
  });

  // Texts with many runs are read through the runs grouped by length, a path of their own.
  const long = fc
    .array(text, { minLength: 20, maxLength: 40 })
    .map((parts) => `${'7, '.repeat(600)}\n${parts.join('\n')}`);

  it.each(declaring)('%s finds the same in long texts (runs grouped by length)', (_name, p) => {
    fc.assert(
      fc.property(long, (s) => {
        expect(atRuns(p, s)).toEqual(everywhere(p.regex, s));
      }),
      { numRuns: 60 },
    );
  });

  it('the whole detector reports the same with and without them (drops and merged scans included)', () => {
    const plain: Recognizer[] = recognizersOf(defaultPacks).map((r) =>
      r.kind === 'pattern' ? { ...r, patterns: r.patterns.map(({ digitRuns: _unused, ...p }) => p) } : r,
    );
    const fast = createDetector();
    const slow = createDetector({ packs: [{ name: 'plain', recognizers: plain }] });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const s = `${a}\n${b}`;
        expect(fast.detect(s)).toEqual(slow.detect(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds runs and clusters as they are: a long number split by separators is one cluster', () => {
    const p = declaring.find(([name]) => name.endsWith(' rrn'))?.[1] as Pattern;
    expect(atRuns(p, '주민 900101 - 1234568, 880101.2234567')).toEqual([
      [3, 16],
      [21, 14],
    ]);
  });
});
