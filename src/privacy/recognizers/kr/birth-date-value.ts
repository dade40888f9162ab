import type { PatternRecognizer, Validation } from '../../types.js';
import { birthYearOf, isRealBirthDate } from './birth-date.js';

/**
 * A date of birth written out ("생년월일: 1989. 3. 22.", "1979년 3월 12일생", "DOB 1995-06-12"):
 * with a name it identifies a customer as banks and hospitals check one. Any date has the shape,
 * so one counts only with its label right before it (a colon or a note between, no line break),
 * a sex mark in brackets before it, or 생 right after it. A date under a column of birth dates with
 * no label on its line is not taken: a roster's other columns hold dates too, and looking at every
 * date's column cost 5 % of throughput on text full of other dates.
 */
const YEAR = '(?:19|20)\\d{2}';
const MONTH = '(?:0?[1-9]|1[0-2])';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const SEP = ' ?[./-] ?';
/**
 * A birth-date label right before the date (a note or a colon between). Looked back at only from
 * a 19 or a 20 (or a month): the many other runs of digits fail before it.
 */
const LABEL_WORDS =
  '(?:생년월일|생년월|출생일|생일|출생|주민(?:등록)?번호 ?앞(?:자리)?|외국인등록번호 ?앞(?:자리)?|birth|dob|born)';
const LABELLED_YEAR = `(?<![0-9])(?:19|20)(?<=${LABEL_WORDS}[^0-9\\n]{0,8}(?:19|20))\\d{2}`;
const LABELLED_YYMMDD = `(?<![0-9A-Za-z])\\d{2}(?:0[1-9]|1[0-2])(?<=${LABEL_WORDS}[^0-9\\n]{0,8}\\d{4})`;

/** A real date from 1900 until today (the existing check of a 주민등록번호's birth date). */
function validate(match: string): Validation {
  const parts = match.match(/\d+/g) ?? [];
  if (parts.length === 1) return birthYearOf(match.slice(0, 6)) === undefined ? 'invalid' : 'unknown';
  const [y, m, d] = parts.map(Number) as [number, number, number];
  const yymmdd = [y % 100, m, d].map((n) => String(n).padStart(2, '0')).join('');
  return y >= 1900 && y < 2100 && isRealBirthDate(yymmdd, y < 2000 ? '1' : '3') ? 'unknown' : 'invalid';
}

export const krBirthDate: PatternRecognizer = {
  kind: 'pattern',
  type: 'BIRTH_DATE',
  category: 'personal',
  patterns: [
    // After a sex mark in brackets, as rosters and referrals write a person: "정민재(M/1958-11-04)",
    // "문가영 (F / 1996-12-05)", "홍길동(남, 1990.01.01)". First: the patterns run as one
    // alternation, and the next one would take the same date.
    {
      name: 'date-after-sex',
      regex: new RegExp(
        `(?<![0-9])(?:19|20)(?<=\\((?:[MF]|남|여|남자|여자) ?[/,] ?(?:19|20))\\d{2}(?:${SEP}${MONTH}${SEP}${DAY}\\.?|년 ?${MONTH}월 ?${DAY}일)(?![0-9])`,
        'g',
      ),
      score: 0.6,
      digitRuns: { min: 6, firstRun: [4], lead: 0 },
    },
    {
      name: 'date-digits',
      regex: new RegExp(`${LABELLED_YEAR}${SEP}${MONTH}${SEP}${DAY}\\.?(?![0-9]|\\.? ?생)`, 'gi'),
      score: 0.6,
      digitRuns: { min: 6, firstRun: [4] },
    },
    {
      name: 'date-words',
      regex: new RegExp(`${LABELLED_YEAR}년 ?${MONTH}월 ?${DAY}일(?! ?생)`, 'gi'),
      score: 0.6,
      digitRuns: { min: 6, firstRun: [4] },
    },
    // Six digits (YYMMDD) right after the label only: "생년월일: 920706", "주민번호 앞자리 940217".
    {
      name: 'date-six-digits',
      regex: new RegExp(`${LABELLED_YYMMDD}(?:0[1-9]|[12]\\d|3[01])(?![0-9]|[ ]?[-.]|[ ]?생)`, 'gi'),
      score: 0.6,
      digitRuns: { min: 6, firstRun: [6] },
    },
    // "1979년 3월 12일생", "(2016. 4. 8.생)": born on it, whatever is around. (The patterns of a
    // recogniser are disjoint: the labelled ones stop short of 생.)
    {
      name: 'date-born',
      regex: new RegExp(
        `(?<![0-9])${YEAR}(?:년 ?${MONTH}월 ?${DAY}일|${SEP}${MONTH}${SEP}${DAY}\\.?) ?생`,
        'g',
      ),
      score: 0.75,
      digitRuns: { min: 6, firstRun: [4] },
    },
  ],
  // The labels are part of the patterns above; near one, a date is surely a birth date.
  context: ['생년월일', '출생일', '생일', '출생', 'date of birth', 'birth', 'dob'],
  contextBoost: 0.2,
  validate,
};
