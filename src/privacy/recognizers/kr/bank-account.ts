import { eachMatch, runSpec } from '../../digit-runs.js';
import { matches } from '../../matches.js';
import type { Candidate, DigitRunFinder, Pattern, ScanningRecognizer } from '../../types.js';

/**
 * Account numbers have no checksum anyone publishes and look like any other number, so a match
 * needs a bank name or an account word nearby. Digit-group shapes are those the banks print on
 * passbooks; a shape that belongs to the bank named nearby scores highest.
 */
const BANK_SHAPES: Record<string, readonly string[]> = {
  국민: ['6-2-6', '3-2-4-3', '4-2-4-4'],
  KB: ['6-2-6', '3-2-4-3'],
  신한: ['3-3-6', '3-2-6'],
  우리: ['4-3-6', '3-6-2-3'],
  하나: ['3-6-5', '3-2-6-1'],
  농협: ['3-4-4-2', '6-2-6', '3-2-6'],
  NH: ['3-4-4-2', '6-2-6'],
  기업: ['3-6-2-3', '3-2-6'],
  IBK: ['3-6-2-3'],
  카카오뱅크: ['4-2-7'],
  카카오: ['4-2-7'],
  카뱅: ['4-2-7'],
  토스뱅크: ['4-4-4'],
  토스: ['4-4-4'],
  케이뱅크: ['3-3-6'],
  SC제일: ['3-2-6'],
  제일: ['3-2-6'],
  씨티: ['3-6-3', '3-5-3-2'],
  우체국: ['6-2-6'],
  새마을금고: ['4-2-6-1', '4-4-4-1'],
  신협: ['3-3-6', '5-2-6'],
  수협: ['3-2-4-3', '4-4-4'],
  부산: ['3-4-4-2'],
  대구: ['3-2-6-1', '3-3-6'],
  경남: ['3-2-7'],
  광주: ['3-3-6', '1-3-3-6'],
  전북: ['3-2-7'],
  제주: ['2-2-6'],
  산업: ['3-4-6-1'],
};

const ALL_SHAPES = new Set(Object.values(BANK_SHAPES).flat());
const BANK_NAMES = Object.keys(BANK_SHAPES);
// Latin abbreviations must stand alone: "NH" is a bank, "NHIS" is the health insurer.
const BANK_NAME = new RegExp(BANK_NAMES.map((b) => (/^[A-Z]+$/.test(b) ? `\\b${b}\\b` : b)).join('|'), 'i');
const findBank = (s: string) => {
  const m = BANK_NAME.exec(s)?.[0];
  return m === undefined ? undefined : /^[a-z]+$/i.test(m) ? m.toUpperCase() : m;
};
const ACCOUNT_WORDS = [
  '계좌',
  '통장',
  '입금',
  '송금',
  '이체',
  '예금주',
  '출금',
  '환불',
  '은행',
  '뱅크',
  'account',
  'bank',
];

// Two to four hyphenated digit groups, 10 to 16 digits in all, or an unbroken run of 10-14 digits;
// or groups joined by spaces or dots, as an account is read out or typed from a passbook ("123456
// 12 123456", "110.123.456789"): those count only in a bank's printed shape.
const CANDIDATE =
  /(?<![0-9-])(?:\d{1,6}-\d{2,7}(?:-\d{1,7}){0,2}(?![0-9]|-\d)|\d{10,14}(?![0-9]|-\d|\.\d)|(?<!\d )\d{1,6} \d{2,7}(?: \d{1,7}){0,2}(?![0-9]| \d)|(?<!\d\.)\d{1,6}\.\d{2,7}(?:\.\d{1,7}){0,2}(?![0-9]|\.\d))/g;
const SEPARATOR = /[-. ]/;

const ACCOUNT_ANY = new RegExp(ACCOUNT_WORDS.join('|'), 'i');
const WINDOW_BEFORE = 30;
const WINDOW_AFTER = 12;
const CLOSE_BEFORE = 15;

// Where to look: account words and bank names that are not also everyday words (우리 "we",
// 하나 "one", 부산 the city…). Those still count as context once a window is open.
const DISTINCT_BANKS = [
  '국민',
  '신한',
  '농협',
  '우체국',
  '새마을금고',
  '신협',
  '수협',
  '씨티',
  '카뱅',
  '\\bKB\\b',
  '\\bNH\\b',
  '\\bIBK\\b',
  'SC제일',
];
/**
 * Bank names in Hangul that open no window (everyday words: 우리, 하나, 부산…), right before a
 * number ("우리 1002-123-456789", "하나 123-456789-12345"): that number is read, and counts only in
 * that bank's own shape.
 */
const EVERYDAY_BANK = `(?:${BANK_NAMES.filter((b) => /^[가-힣]+$/.test(b) && !DISTINCT_BANKS.includes(b)).join('|')}) `;
const DISTINCT_WORD = new RegExp(
  [
    ...ACCOUNT_WORDS.map((w) => (/^[a-z]/.test(w) ? `[${w[0]?.toUpperCase()}${w[0]}]${w.slice(1)}` : w)),
    ...DISTINCT_BANKS,
  ].join('|'),
);
const ANY_WORD = new RegExp(DISTINCT_WORD.source, 'g');
/**
 * A candidate right after an everyday bank name, tried only where a run of digits starts in a
 * cluster of ten or more (fewer make no account): a scan of the text for the names cost more.
 */
export const AFTER_EVERYDAY_BANK: Pattern = {
  name: 'after an everyday bank name',
  regex: new RegExp(`(?<=${EVERYDAY_BANK})(?=(?:[-. ]?\\d){10})(?:${CANDIDATE.source})`, 'g'),
  score: 0,
  digitRuns: { min: 10, firstRun: [1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14] },
};
const AFTER_EVERYDAY_RUNS = runSpec(
  [AFTER_EVERYDAY_BANK],
  AFTER_EVERYDAY_BANK.regex.source,
  AFTER_EVERYDAY_BANK.regex.flags,
);
const LONGEST_NUMBER = 19;

/**
 * Candidate numbers close enough to a bank name or account word to count. Most text has no such
 * word and then costs one scan for the words; otherwise one scan for the numbers too, each kept
 * when a word lies within its window. Both lists come in text order, so pairing them is one walk:
 * linear in the text, however many words and numbers it holds (rescanning from each word to the
 * next number made text full of account words quadratic: 3.8 MB blocked a server for minutes).
 */
function* numbersNearWords(text: string, digitRuns?: () => DigitRunFinder): Generator<RegExpExecArray> {
  const words: { start: number; end: number }[] = [];
  for (const w of matches(ANY_WORD, text)) words.push({ start: w.index, end: w.index + w[0].length });
  // Numbers a word's window gave, so one after an everyday name is not read twice.
  let yielded: Set<number> | undefined;
  if (words.length > 0) {
    yielded = new Set();
    let k = 0;
    for (const m of matches(CANDIDATE, text)) {
      // A word counts for a number that starts from LONGEST_NUMBER + WINDOW_AFTER before the word
      // to WINDOW_BEFORE + LONGEST_NUMBER after it.
      while (
        k < words.length &&
        (words[k] as { end: number }).end + WINDOW_BEFORE + LONGEST_NUMBER <= m.index
      )
        k++;
      const w = words[k];
      if (w && m.index >= w.start - WINDOW_AFTER - LONGEST_NUMBER) {
        yielded.add(m.index);
        yield m;
      }
    }
  }
  // A bank named by an everyday word opens no window: only the number right after it is read.
  const find = digitRuns && AFTER_EVERYDAY_RUNS ? digitRuns().finder(AFTER_EVERYDAY_RUNS) : undefined;
  for (const m of find ? eachMatch(find) : matches(AFTER_EVERYDAY_BANK.regex, text))
    if (!yielded?.has(m.index)) yield m;
}

export const krBankAccount: ScanningRecognizer = {
  kind: 'scan',
  type: 'KR_BANK_ACCOUNT',
  category: 'credit',
  context: [...BANK_NAMES.map((b) => b.toLowerCase()), ...ACCOUNT_WORDS],
  scan({ text, digitRuns }) {
    const out: Candidate[] = [];
    for (const m of numbersNearWords(text, digitRuns)) {
      const raw = m[0];
      const start = m.index;
      const digits = raw.replace(/[-. ]/g, '').length;
      if (digits < 10 || digits > 16) continue;
      const spaced = raw.includes(' ') || raw.includes('.');
      const shape = SEPARATOR.test(raw)
        ? raw
            .split(SEPARATOR)
            .map((g) => g.length)
            .join('-')
        : undefined;
      if (spaced && !(shape && ALL_SHAPES.has(shape))) continue; // spaced or dotted numbers are many things
      const near = text.slice(Math.max(0, start - WINDOW_BEFORE), start + raw.length + WINDOW_AFTER);
      const bank = findBank(near);
      if (!bank && !ACCOUNT_ANY.test(near)) continue;
      const ownShape = shape !== undefined && bank !== undefined && BANK_SHAPES[bank]?.includes(shape);
      // Only an everyday word near ("우리 …"): the number must be in that bank's own shape.
      if (!ownShape && !DISTINCT_WORD.test(near)) continue;
      let score: number;
      if (ownShape) score = 0.9;
      else if (shape && ALL_SHAPES.has(shape)) score = 0.8;
      else {
        // A number of no bank's shape counts only right after "계좌"/a bank name, where it then
        // outranks a date-like reading of the same digits.
        const close = text.slice(Math.max(0, start - CLOSE_BEFORE), start);
        score = findBank(close) || ACCOUNT_ANY.test(close) ? 0.8 : 0.4;
      }
      out.push({ type: 'KR_BANK_ACCOUNT', category: 'credit', start, end: start + raw.length, score });
    }
    return out;
  },
};
