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
 * in groups ("2020 2021 2022 2023") is not this.
 */
export const PART_SPACED: Pattern = {
  name: 'part-spaced-digits',
  regex: /(?<![0-9])\d{1,7}(?:[ ./_-]{1,3}\d{1,7}){4,15}(?![0-9])/g,
  score: 0.8,
  digitRuns: { min: 5, firstRun: [1, 2, 3, 4, 5, 6, 7] },
};
const PART_SPACED_RUNS = runSpec([PART_SPACED], PART_SPACED.regex.source, PART_SPACED.regex.flags);
const MIN_SINGLE = 4;
const GROUP = /\d+/g;

/** Whether a part-spaced match has a group of several digits and enough single ones. */
function partSpaced(match: string): boolean {
  let single = 0;
  let longer = 0;
  for (const g of match.match(GROUP) ?? [])
    if (g.length === 1) single++;
    else longer++;
  return longer > 0 && single >= MIN_SINGLE;
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

export const krSpacedDigits: ScanningRecognizer = {
  kind: 'scan',
  type: 'KR_RRN',
  category: 'unique_identifier',
  context: ['주민등록번호', '주민번호', '외국인등록번호', '전화번호', '연락처', '카드번호'],
  scan({ text, digitRuns }) {
    const out: Candidate[] = [];
    // Each pattern tried where its digit runs start (or everywhere, without them), every match
    // that passes `keep` read as one number and classified.
    const read = (pattern: Pattern, runs: RunSpec | undefined, keep: (m: string) => boolean) => {
      const find = runs && digitRuns ? digitRuns().finder(runs) : undefined;
      for (const m of find ? eachMatch(find) : matches(pattern.regex, text)) {
        const c = keep(m[0]) ? classify(onlyDigits(m[0])) : undefined;
        if (c) out.push({ ...c, start: m.index, end: m.index + m[0].length });
      }
    };
    read(SPACED, SPACED_RUNS, () => true);
    read(PART_SPACED, PART_SPACED_RUNS, partSpaced);
    return out;
  },
};
