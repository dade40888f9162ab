import type { PatternRecognizer, Validation } from '../../types.js';

/**
 * A date of birth written out ("생년월일: 1989. 3. 22.", "1979년 3월 12일생", "DOB 1995-06-12"):
 * with a name it identifies a customer as banks and hospitals check one. Any date has the shape,
 * so one counts only with its label near (or over its column), or with 생 right after it; a date
 * labelled as another date ("작성일:", "검진일:") is that date.
 */
const YEAR = '(?:19|20)\\d{2}';
const MONTH = '(?:0?[1-9]|1[0-2])';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const SEP = ' ?[./-] ?';

/** The year's last two digits today: a YYMMDD above it is of the 1900s. */
const NOW_YY = new Date().getUTCFullYear() % 100;

/** A real date from 1900 until today. */
function validate(match: string): Validation {
  const parts = match.match(/\d+/g) ?? [];
  const [y, m, d] = (
    parts.length === 1
      ? [
          `${Number(match.slice(0, 2)) > NOW_YY ? 19 : 20}${match.slice(0, 2)}`,
          match.slice(2, 4),
          match.slice(4, 6),
        ]
      : parts
  ).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
  return real && date.getTime() <= Date.now() ? 'unknown' : 'invalid';
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
        `(?<=\\((?:[MF]|남|여|남자|여자) ?[/,] ?)${YEAR}(?:${SEP}${MONTH}${SEP}${DAY}\\.?|년 ?${MONTH}월 ?${DAY}일)(?![0-9])`,
        'g',
      ),
      score: 0.6,
      digitRuns: { min: 6, firstRun: [4], lead: 0 },
    },
    {
      name: 'date-digits',
      regex: new RegExp(`(?<![0-9])${YEAR}${SEP}${MONTH}${SEP}${DAY}\\.?(?![0-9]|\\.? ?생)`, 'g'),
      score: 0.2,
      digitRuns: { min: 6, firstRun: [4] },
    },
    {
      name: 'date-words',
      regex: new RegExp(`(?<![0-9])${YEAR}년 ?${MONTH}월 ?${DAY}일(?! ?생)`, 'g'),
      score: 0.2,
      digitRuns: { min: 6, firstRun: [4] },
    },
    // "1979년 3월 12일생", "(2016. 4. 8.생)": born on it, whatever is around. (The patterns of a
    // recogniser are disjoint: the two above stop short of 생.)
    // Six digits (YYMMDD) right after the label only: "생년월일: 920706", "주민번호 앞자리 940217".
    {
      name: 'date-six-digits',
      regex: /(?<![0-9A-Za-z])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![0-9]|[ ]?[-.]|[ ]?생)/g,
      score: 0.1,
      digitRuns: { min: 6, firstRun: [6] },
    },
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
  context: [
    '생년월일',
    '출생년월일',
    '출생일',
    '생일',
    '출생',
    // A 주민등록번호's front half, said apart: a birth date.
    '주민번호 앞',
    '주민등록번호 앞',
    '외국인등록번호 앞',
    'date of birth',
    'birth date',
    'birthday',
    'dob',
    'born',
  ],
  // The label right before the date (a form's "생년월일: "): further back, it labels another value.
  contextWindow: { before: 16, after: 0 },
  contextBoost: 0.4,
  headerNamesOneKind: true,
  negativeContext: [
    '작성일',
    '발급일',
    '신청일',
    '접수일',
    '계약일',
    '검진일',
    '교부일',
    '처방일',
    '조제일',
    '방문일',
    '입사일',
    '입원일',
    '퇴원일',
    '진료일',
    '시행일',
    '기준일',
    '예약일',
    '등록일',
    '가입일',
    '만료일',
    '종료일',
    '개시일',
    '변경일',
    '납부일',
    '지급일',
    '결제일',
    '발행일',
    '일자',
    '기간',
  ],
  validate,
};
