import { isDigit } from '../../chars.js';
import { matches } from '../../matches.js';
import type { Candidate, PatternRecognizer, ScanningRecognizer, Validation } from '../../types.js';
import { birthYearOf, isRealBirthDate } from './birth-date.js';

/**
 * A date of birth written out ("생년월일: 1989. 3. 22.", "1979년 3월 12일생", "DOB 1995-06-12"):
 * with a name it identifies a customer as banks and hospitals check one. Any date has the shape,
 * so one counts only with its label right before it (a colon or a note between, no line break),
 * a sex mark in brackets before it, 생 right after it, or in a table under a header that names its
 * column (read from each label down, not from every date up: looking at every date's column cost
 * 5 % of throughput on text full of other dates).
 */
const YEAR = '(?:19|20)\\d{2}';
const MONTH = '(?:0?[1-9]|1[0-2])';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const SEP = ' ?[./-] ?';
/**
 * A birth-date label right before the date (a note or a colon between). A 주민등록번호's label
 * with or without "앞자리" ("주민번호는 900101이고", "주민번호 앞 6자리 900101"): the six digits after it
 * alone are its front half, a birth date.
 */
const LABEL_WORDS =
  '(?:생년월일|생년월|출생일|생일|출생|(?:주민(?:등록)?|외국인등록)번호(?: ?앞(?: ?6 ?)?(?:자리)?)?|birth|dob|d\\.o\\.b|born)';
/** Between the label and the date: a colon, a note ("(YYYYMMDD)", "(양력)"), no digit or line break. */
const GAP = '[^0-9\\n]{0,14}';
/** Born on the date just written: 생 after it, or "에 태어났다", "에 출생" (not taken into the span). */
const BORN = '(?: ?생|(?= ?에 ?(?:태어|출생)))';
/**
 * After a birth year's 년생, what a sentence about one person goes on with: nothing Hangul, or a
 * particle or copula (이, 으로, 인데, 입니다, 의, 였다). Not 생산, 생활, 생각… written on, and not
 * 들, 부터, 까지, 은: "90년생들", "1990년생부터 신청 가능" speak of everyone born that year, as
 * does the end of a range ("1955∼1963년생", read in the pattern).
 */
const YEAR_BORN_AFTER = '(?![가-힣])|(?=[이으인입의였])';
/** Trees and roots are counted in 년생 too ("30년생 소나무", "6년생 인삼"). */
const NOT_PEOPLE = '(?! ?(?:나무|소나무|묘목|수목|인삼|산삼|식물))';
const CONTEXT = ['생년월일', '출생일', '생일', '출생', 'date of birth', 'birth', 'dob'];
const CONTEXT_WORDS = new RegExp(CONTEXT.join('|'), 'i');
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';

const isReal = (y: number, m: number, d: number) => {
  const yymmdd = [y % 100, m, d].map((n) => String(n).padStart(2, '0')).join('');
  return y >= 1900 && y < 2100 && isRealBirthDate(yymmdd, y < 2000 ? '1' : '3');
};
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A real date from 1900 until today (the existing check of a 주민등록번호's birth date), however
 * written: YYMMDD or YYYYMMDD run together, a two-digit year (the century that makes it real), day
 * and month either way round before a four-digit year, or a month's name.
 */
function validate(match: string): Validation {
  const parts = (match.match(/\d+/g) ?? []).map(Number);
  const digits = match.match(/\d+/g) ?? [];
  const named = /[A-Za-z]{3}/.exec(match);
  let real: boolean;
  if (named) {
    const month = MONTH_NAMES.indexOf(named[0].toLowerCase()) + 1;
    real = isReal(parts[1] as number, month, parts[0] as number);
  } else if (digits.length === 1) {
    const run = digits[0] as string;
    real =
      run.length === 8
        ? isReal(Number(run.slice(0, 4)), Number(run.slice(4, 6)), Number(run.slice(6)))
        : birthYearOf(run.slice(0, 6)) !== undefined;
  } else {
    const [a, b, c] = parts as [number, number, number];
    if ((digits[2] as string).length === 4) real = isReal(c, a, b) || isReal(c, b, a);
    else if ((digits[0] as string).length === 2)
      real = birthYearOf(`${pad(a)}${pad(b)}${pad(c)}`) !== undefined;
    else real = isReal(a, b, c);
  }
  return real ? 'unknown' : 'invalid';
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
    // "1979년 3월 12일생", "(2016. 4. 8.생)", "1990년 1월 1일에 태어났습니다": born on it, whatever is
    // around. (Dates after a label stop short of 생: krBirthDateAfterLabel.)
    {
      name: 'date-born',
      regex: new RegExp(
        `(?<![0-9])${YEAR}(?:년 ?${MONTH}월 ?${DAY}일|${SEP}${MONTH}${SEP}${DAY}\\.?)${BORN}`,
        'g',
      ),
      score: 0.75,
      digitRuns: { min: 6, firstRun: [4] },
    },
    // The same with a two-digit year: "90년 1월 1일생", "90.01.01생".
    {
      name: 'date-born-short-year',
      regex: new RegExp(
        `(?<![0-9])\\d{2}(?:년 ?${MONTH}월 ?${DAY}일|${SEP}${MONTH}${SEP}${DAY}\\.?)${BORN}`,
        'g',
      ),
      score: 0.75,
      digitRuns: { min: 4, firstRun: [2] },
    },
  ],
  // Near one of these, a date is surely a birth date.
  context: CONTEXT,
  contextBoost: 0.2,
  validate,
};

/** A birth-date label ("생년월일", "DOB", "Date of birth"…), each where it ends. */
const LABEL = new RegExp(LABEL_WORDS, 'gi');
/**
 * What forms write after the label, from the label's end: the gap, then a date with its year first
 * ("1989. 3. 22.", "1993년 7월 19일"), YYMMDD or YYYYMMDD run together ("920706", "19900101"), a
 * two-digit year ("90.01.01", "90년 1월 1일"), day and month either way round before a four-digit
 * year ("15/03/1985"), or a month's name ("1 Jan 1990", "March 15, 1985"). None takes a 생 after
 * it: that is date-born's.
 */
const DATES = [
  `${YEAR}${SEP}${MONTH}${SEP}${DAY}\\.?(?![0-9]|\\.? ?생)`,
  `${YEAR}년 ?${MONTH}월 ?${DAY}일(?! ?생)`,
  `(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])(?![0-9])`,
  `(?<![A-Za-z])\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])(?![0-9]|[ ]?[-.]|[ ]?생)`,
  `\\d{2}(?:${SEP}${MONTH}${SEP}${DAY}\\.?(?![0-9]|\\.? ?생)|년 ?${MONTH}월 ?${DAY}일(?! ?생))`,
  `\\d{1,2}[./-]\\d{1,2}[./-](?:19|20)\\d{2}(?![0-9])`,
  `\\d{1,2}(?:st|nd|rd|th)? ${MONTH_NAME},? (?:19|20)\\d{2}(?![0-9])`,
  `${MONTH_NAME} \\d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\\d{2}(?![0-9])`,
].join('|');
const AFTER_LABEL = new RegExp(`^${GAP}(?<![0-9])(${DATES})`, 'i');
/** A table's cell that is one of those dates and nothing else. */
const DATE_CELL = new RegExp(`^(?:${DATES})$`, 'i');
/** What separates a table's cells, in the order tried: tabs, pipes, slashes between spaces, commas. */
const CELL_SEPARATORS = ['\t', '|', ' / ', ','];
/** The longest header cell that holds a label, and the most rows of one table read. */
const LABEL_CELL = 16;
const MOST_ROWS = 1000;

/**
 * Dates of birth in their column, under a header line that names it ("구분 / 성명 / 생년월일 /
 * 등록지", a tab-separated or Markdown table): each row with as many cells as the header, whose
 * cell in that column is a real date and nothing else — not the dates of the table's other columns.
 * Returns where the next label's column may be read from: the end of the table (a blank line), or
 * of the label's line when it is no header. Only a line's first label is tried, and rows read are
 * not read again, so a text of endless labels or header-shaped lines stays linear.
 */
function readColumn(text: string, labelStart: number, labelEnd: number, out: Candidate[]): number {
  const lineStart = text.lastIndexOf('\n', labelStart - 1) + 1;
  const lineEnd = text.indexOf('\n', labelEnd);
  if (lineEnd < 0) return text.length;
  const header = text.slice(lineStart, lineEnd);
  const sep = CELL_SEPARATORS.find((c) => header.includes(c));
  if (sep === undefined) return lineEnd;
  const cells = header.split(sep);
  let column = 0;
  let at = lineStart;
  while (column < cells.length && at + (cells[column] as string).length < labelEnd) {
    at += (cells[column] as string).length + sep.length;
    column++;
  }
  const cell = cells[column];
  // A label among the header's names, not one word of a sentence with commas.
  if (cell === undefined || at > labelStart || cell.trim().length > LABEL_CELL) return lineEnd;
  let rowStart = lineEnd + 1;
  for (let rows = 0; rows < MOST_ROWS && rowStart < text.length; rows++) {
    let rowEnd = text.indexOf('\n', rowStart);
    if (rowEnd < 0) rowEnd = text.length;
    const row = text.slice(rowStart, rowEnd);
    if (row.trim() === '') break;
    const values = row.split(sep);
    if (values.length === cells.length) {
      let start = rowStart;
      for (let k = 0; k < column; k++) start += (values[k] as string).length + sep.length;
      const value = values[column] as string;
      const date = value.trim();
      start += value.indexOf(date);
      if (DATE_CELL.test(date) && validate(date) !== 'invalid')
        out.push({ type: 'BIRTH_DATE', category: 'personal', start, end: start + date.length, score: 0.8 });
    }
    rowStart = rowEnd + 1;
  }
  return rowStart;
}

/**
 * A date of birth found by a scan, scored as a pattern's would be: 0.6, and 0.2 more with a
 * context word near (40 characters before it, 20 after).
 */
function scoredAsPattern(text: string, start: number, end: number): Candidate {
  const near = text.slice(Math.max(0, start - 40), Math.min(text.length, end + 20));
  return {
    type: 'BIRTH_DATE',
    category: 'personal',
    start,
    end,
    score: CONTEXT_WORDS.test(near) ? 0.8 : 0.6,
  };
}

/** The longest gap and date looked at after a label. */
const AFTER_REACH = 48;

/**
 * Dates of birth after their label, looked for right after each label only: a label is rare, and a
 * pattern that looked back for one would be tried at every number of a text (led by one or two
 * digits, 9 % of throughput). Scored as a pattern is: 0.6, and 0.2 more with a context word near.
 */
export const krBirthDateAfterLabel: ScanningRecognizer = {
  kind: 'scan',
  type: 'BIRTH_DATE',
  category: 'personal',
  context: krBirthDate.context,
  scan({ text }) {
    const out: Candidate[] = [];
    let readTo = 0;
    for (const label of matches(LABEL, text)) {
      const end = label.index + label[0].length;
      if (label.index >= readTo) readTo = readColumn(text, label.index, end, out);
      const m = AFTER_LABEL.exec(text.slice(end, end + AFTER_REACH));
      const date = m?.[1];
      if (!m || date === undefined) continue;
      const start = end + m[0].length - date.length;
      if (start > 0 && /[0-9]/.test(text.charAt(start - 1))) continue;
      if (validate(date) === 'invalid') continue;
      out.push(scoredAsPattern(text, start, start + date.length));
    }
    return out;
  },
};

/**
 * The year alone before 년생: "배성민 / 男 / 1983년생", "참고로 나 91년생이고" — with a name, or in a
 * small team, it narrows a person down as a birth date does; ko-pii counts it as one. Read back
 * from each 년생 (rare), not tried as a pattern at every two- or four-digit number of a text.
 */
const YEAR_BORN = new RegExp(
  `(?<![0-9]|[0-9] ?[~∼〜-] ?)(?:${YEAR}|\\d{2})년생(?:${YEAR_BORN_AFTER})${NOT_PEOPLE}`,
  'y',
);

export const krBirthYear: ScanningRecognizer = {
  kind: 'scan',
  type: 'BIRTH_DATE',
  category: 'personal',
  context: krBirthDate.context,
  scan({ text }) {
    const out: Candidate[] = [];
    for (let at = text.indexOf('년생'); at >= 0; at = text.indexOf('년생', at + 2)) {
      let start = at;
      while (start > 0 && at - start < 4 && isDigit(text.charCodeAt(start - 1))) start--;
      if (at - start !== 2 && at - start !== 4) continue;
      YEAR_BORN.lastIndex = start;
      const m = YEAR_BORN.exec(text);
      // Two digits are any year; four (19xx or 20xx, as YEAR reads them), one until this one.
      if (!m || (at - start === 4 && Number(text.slice(start, at)) > new Date().getFullYear())) continue;
      out.push(scoredAsPattern(text, start, start + m[0].length));
    }
    return out;
  },
};
