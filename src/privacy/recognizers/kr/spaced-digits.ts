import { isDigit } from '../../chars.js';
import { luhn, onlyDigits, rrnChecksum } from '../../checksums/index.js';
import { eachMatch, runSpec } from '../../digit-runs.js';
import { matches } from '../../matches.js';
import type { Candidate, Pattern, RunSpec, ScanningRecognizer } from '../../types.js';
import { isRealBirthDate } from './birth-date.js';

/**
 * Identifiers written digit by digit with separators between the digits — "9 0 0 1 0 1 - 1 2 3 …",
 * "0.1.0.1.2.3.4.5.6.7.8", "9/0/0/1/0/1/1/2/…" — as someone does to slip a number past a pattern
 * that expects digit groups. The digits are read as one number and checked as a 주민등록번호 or
 * 외국인등록번호 (a real birth date and sex digit), a mobile number or a card number (Luhn).
 */
// Ten or more single digits, each followed by one to three separators (space, dot, slash, dash, _):
// tried only where a run of one digit starts, in a cluster of ten or more.
export const SPACED: Pattern = {
  name: 'spaced-digits',
  regex: /(?<![0-9])\d(?:[ ./_-]{1,3}\d){9,18}(?![0-9])/g,
  score: 0.8,
  digitRuns: { min: 10, firstRun: [1] },
};
const SPACED_RUNS = runSpec([SPACED], SPACED.regex.source, SPACED.regex.flags);

/**
 * The same number with some of its groups left whole ("900101 - 1 2 3 4 5 6 8", "010 1 2 3 4 5 6 7
 * 8"): groups of up to seven digits, at least MIN_SINGLE of them single digits — a number written
 * in groups ("2020 2021 2022 2023") is not this. Or cut into groups of its own ("90 01 01 - 1 23 45
 * 68", "010-12-345-678"): four or more, kept only where the number proves itself (regrouped).
 */
export const PART_SPACED: Pattern = {
  name: 'part-spaced-digits',
  // Ten digits ahead at least (the shortest number `classify` knows): tried only in such clusters.
  regex: /(?<![0-9])(?=(?:[ ./_-]{0,3}\d){10})\d{1,7}(?:[ ./_-]{1,3}\d{1,7}){3,15}(?![0-9])/g,
  score: 0.8,
  digitRuns: { min: 10, firstRun: [1, 2, 3, 4, 5, 6, 7] },
};
const PART_SPACED_RUNS = runSpec([PART_SPACED], PART_SPACED.regex.source, PART_SPACED.regex.flags);
const MIN_SINGLE = 4;
/** How many digits `classify` may know a number of: 10-11 (phones), 13, 15-16 (cards). */
const KNOWN_LENGTHS = (1 << 10) | (1 << 11) | (1 << 13) | (1 << 15) | (1 << 16);

/**
 * A part-spaced match read in one pass (most are dropped on their digit count): whether it has a
 * group of several digits and enough single ones, and its digits when there are as many as a
 * number `classify` knows.
 */
function readPartSpaced(match: string): { partSpaced: boolean; digits: string | undefined } {
  let single = 0;
  let longer = 0;
  let fours = 0;
  let digits = 0;
  let group = 0;
  for (let i = 0; i <= match.length; i++) {
    const c = match.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      group++;
      digits++;
      continue;
    }
    if (group === 1) single++;
    else if (group > 1) longer++;
    if (group === 4) fours++;
    group = 0;
  }
  // A card in its own four groups of four, one separator between each, is the card recogniser's.
  const known = digits <= 16 && (KNOWN_LENGTHS >> digits) & 1 && !(fours === 4 && match.length === 19);
  return { partSpaced: longer > 0 && single >= MIN_SINGLE, digits: known ? onlyDigits(match) : undefined };
}

/** Labels a 주민/외국인등록번호 in two or three groups not its own is read after. */
const REGISTRATION_LABELS = ['주민', '외국인'];

/** Labels of the numbers read here: the recogniser's context words, and what starts them. */
const LABELS = ['주민', '외국인', '전화', '연락처', '폰', '카드', 'phone', 'tel', 'mobile'];
/** A label for the number right before it (a few characters of punctuation or a particle between). */
const LABEL_BEFORE = new RegExp(`(?:${LABELS.join('|')})[^0-9\\n]{0,6}$`, 'i');
const LABEL_REACH = 16;

/** A regrouped 주민등록번호 with nothing but its check digit for it: below any number read in its own groups. */
const UNLABELLED_REGROUPED = 0.6;

/**
 * A number cut into groups that are not its own, read whole: a list of small numbers ("0 10 20 30
 * 40 50") can add up to a phone's digits, so only a 주민/외국인등록번호 whose check digit holds
 * stands alone, and then below a number in its own groups (an account "8702-19-281609-6" can pass
 * the check); a phone, a card or a number failing its check needs its label right before it.
 */
function regrouped(
  digits: string,
  text: string,
  start: number,
): Omit<Candidate, 'start' | 'end'> | undefined {
  const c = classify(digits);
  if (!c) return undefined;
  if (LABEL_BEFORE.test(text.slice(Math.max(0, start - LABEL_REACH), start))) return c;
  if (c.type !== 'PHONE' && c.type !== 'CREDIT_CARD' && rrnChecksum(digits))
    return { ...c, score: UNLABELLED_REGROUPED };
  return undefined;
}

function classify(digits: string): Omit<Candidate, 'start' | 'end'> | undefined {
  if (digits.length === 13 && isRealBirthDate(digits.slice(0, 6), digits.charAt(6))) {
    const foreign = '5678'.includes(digits.charAt(6));
    return {
      type: foreign ? 'KR_FRN' : 'KR_RRN',
      category: 'unique_identifier',
      score: rrnChecksum(digits) ? 0.95 : 0.8,
    };
  }
  if ((digits.length === 10 || digits.length === 11) && /^01[016-9]/.test(digits))
    return { type: 'PHONE', category: 'personal', score: 0.8 };
  if (digits.length >= 15 && digits.length <= 16 && luhn(digits))
    return { type: 'CREDIT_CARD', category: 'credit', score: 0.8 };
  return undefined;
}

const isGroupSeparator = (c: number) => c === 0x20 || c === 0x2e || c === 0x2f || c === 0x5f || c === 0x2d;
const isHangulOrSpace = (c: number) => c === 0x20 || (c >= 0xac00 && c <= 0xd7a3);

/**
 * The number in two or three groups right after a label ("주민번호 9001 0112 34568", "주민번호
 * 9001011 234568"), read by hand: up to eight Hangul syllables or spaces, a colon perhaps, then
 * groups of up to 13 digits, one to three of ` ./_-` between them, and no further group. Its
 * span, or undefined — also for a 주민등록번호's own groups (6, 7), which its recogniser reads.
 */
function fewGroupsAt(text: string, from: number): { start: number; end: number } | undefined {
  let i = from;
  while (i < text.length && i - from < 8 && isHangulOrSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 0x3a || text.charCodeAt(i) === 0xff1a)
    i += text.charCodeAt(i + 1) === 0x20 ? 2 : 1;
  if (!isDigit(text.charCodeAt(i))) return undefined;
  const start = i;
  let groups = 0;
  let first = 0;
  for (;;) {
    const run = i;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i - run > 13) return undefined;
    if (++groups === 1) first = i - run;
    let gap = i;
    while (gap - i < 4 && isGroupSeparator(text.charCodeAt(gap))) gap++;
    if (gap === i || gap - i > 3 || !isDigit(text.charCodeAt(gap))) break;
    if (groups === 3) return undefined; // a fourth group: not this reading
    i = gap;
  }
  return groups < 2 || (groups === 2 && first === 6) ? undefined : { start, end: i };
}

export const krSpacedDigits: ScanningRecognizer = {
  kind: 'scan',
  type: 'KR_RRN',
  category: 'unique_identifier',
  context: LABELS,
  scan({ text, digitRuns }) {
    const out: Candidate[] = [];
    // Each pattern tried where its digit runs start (or everywhere, without them), every match
    // that passes `keep` read as one number and classified.
    const read = (
      pattern: Pattern,
      runs: RunSpec | undefined,
      reading: (m: RegExpExecArray) => Omit<Candidate, 'start' | 'end'> | undefined,
    ) => {
      const find = runs && digitRuns ? digitRuns().finder(runs) : undefined;
      for (const m of find ? eachMatch(find) : matches(pattern.regex, text)) {
        const c = reading(m);
        if (c) out.push({ ...c, start: m.index, end: m.index + m[0].length });
      }
    };
    read(SPACED, SPACED_RUNS, (m) => classify(onlyDigits(m[0])));
    read(PART_SPACED, PART_SPACED_RUNS, (m) => {
      const { partSpaced, digits } = readPartSpaced(m[0]);
      if (digits === undefined) return undefined;
      return partSpaced ? classify(digits) : regrouped(digits, text, m.index);
    });
    // Thirteen digits in two or three groups of their own right after a 주민/외국인등록번호's
    // label ("주민번호 9001 0112 34568"): read from each label, not tried at every number (tried
    // at every cluster of thirteen digits, this cost 3-6 % of detection's time; phones and cards
    // read the same way after their labels, 3-5 %).
    for (const word of REGISTRATION_LABELS)
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
        const span = fewGroupsAt(text, at + word.length);
        const c = span && classify(onlyDigits(text.slice(span.start, span.end)));
        if (span && c && (c.type === 'KR_RRN' || c.type === 'KR_FRN')) out.push({ ...c, ...span });
      }
    return out.sort((a, b) => a.start - b.start);
  },
};
