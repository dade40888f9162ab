import { frnLegacyChecksum, isKoreanBarcode, onlyDigits, rrnChecksum } from '../../checksums/index.js';
import { matches } from '../../matches.js';
import type { Candidate, PatternRecognizer, ScanningRecognizer, Validation } from '../../types.js';
import { isRealBirthDate } from './birth-date.js';
import { NOT_PERSONAL_NUMBER } from './not-personal.js';

// YYMMDD, then a separator people type (hyphen, dot, slash, underscore, spaces) or none, then the
// sex/century digit and six more digits.
/**
 * The same layout with any six digits in front: an impossible birth date (a typo, a made-up
 * number on a form) still sits where someone's number belongs. It counts only with a label near
 * it or over its column (fail closed on unique identifiers).
 */
/**
 * Between the halves: a separator people type (다시 said for the dash reads as one: normalize.ts),
 * or a line break, as a table's cells or a PDF's lines split the number ("900101" ↵ "1234568").
 */
const HALVES = '(?: {0,2}[-./_]? {0,2}|[ \\t]?\\r?\\n[ \\t]?)';

const anyDate = (sexDigits: string) =>
  new RegExp(`(?<![0-9])\\d{6}${HALVES}[${sexDigits}]\\d{6}(?![0-9])`, 'g');

const shape = (sexDigits: string) =>
  new RegExp(
    `(?<![0-9])\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])${HALVES}[${sexDigits}]\\d{6}(?![0-9])`,
    'g',
  );

/**
 * Numbers issued since October 2020 carry a random tail, so a failed checksum does not make a
 * number invalid; only an impossible birth date does.
 */
function validate(check: (d: string) => boolean) {
  return (match: string): Validation => {
    const d = onlyDigits(match);
    if (!isRealBirthDate(d.slice(0, 6), d.charAt(6))) return 'invalid';
    if (isKoreanBarcode(match)) return 'invalid';
    return check(d) ? 'valid' : 'unknown';
  };
}

/** A corporate number has the same shape and often a date-like start. */
const NOT_BIRTH_NUMBER = [...NOT_PERSONAL_NUMBER, '법인등록번호', '법인번호'];

export const krRrn: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_RRN',
  category: 'unique_identifier',
  // 9 and 0 mark births in the 1800s: still valid numbers, but rarely anyone's today.
  patterns: [
    // Any six digits in front: the birth date is checked by validate, so an impossible one (a
    // typo, a made-up number) still counts next to its label (fail closed), and one scan does both.
    { name: 'rrn', regex: anyDate('1-4'), score: 0.75, digitRuns: { min: 13, firstRun: [6, 13] } },
    { name: 'rrn-1800s', regex: shape('09'), score: 0.55, digitRuns: { min: 13, firstRun: [6, 13] } },
  ],
  context: [
    '주민등록번호',
    '주민번호',
    '주민등록',
    '생년월일',
    '주민',
    'rrn',
    'resident registration',
    'resident number',
  ],
  negativeContext: NOT_BIRTH_NUMBER,
  validate: validate(rrnChecksum),
  validScore: 0.95,
  // A mistyped number next to "주민등록번호" is still someone's number.
  onInvalid: 'needs-context',
};

export const krFrn: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_FRN',
  category: 'unique_identifier',
  patterns: [{ name: 'frn', regex: anyDate('5-8'), score: 0.75, digitRuns: { min: 13, firstRun: [6, 13] } }],
  context: [
    '외국인등록번호',
    '외국인등록',
    '외국인번호',
    'alien registration',
    'foreigner registration',
    'frn',
  ],
  negativeContext: NOT_BIRTH_NUMBER,
  validate: validate((d) => rrnChecksum(d) || frnLegacyChecksum(d)),
  validScore: 0.95,
  onInvalid: 'needs-context',
};

/**
 * A number shown with its last digits hidden ("900101-1******"): the birth date and sex digit are
 * still there, so it is masked like the full number (fail closed on unique identifiers).
 */
export const krRrnMasked: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_RRN',
  category: 'unique_identifier',
  patterns: [
    {
      name: 'rrn-masked',
      regex:
        /(?<![0-9])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]) {0,2}- {0,2}[1-8](?:[*＊xX●○]{6,8}|\d[*＊xX●○]{5,7})(?![0-9*＊])/g,
      score: 0.85,
      digitRuns: { min: 7, firstRun: [6] },
    },
    // Only the birth date and sex digit ("880917-1"), next to 주민등록번호 and the like.
    {
      name: 'rrn-front',
      regex: /(?<![0-9])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]) {0,2}- {0,2}[1-8](?![0-9*＊xX●○])/g,
      score: 0.2,
      digitRuns: { min: 7, firstRun: [6] },
    },
  ],
  contextBoost: 0.35,
  context: krRrn.context,
  negativeContext: NOT_BIRTH_NUMBER,
  validate: (m) =>
    isRealBirthDate(onlyDigits(m).slice(0, 6), onlyDigits(m).charAt(6)) ? 'unknown' : 'invalid',
};

/**
 * "뒷자리는", "뒷 7자리:", "뒷번호 ", "뒤 " (after "앞 900101") — the label of the back half of the
 * number, said apart.
 */
const BACK_HALF =
  '(?<=(?:뒷 ?(?:자리|번호|부분|7 ?자리)|뒤 ?(?:7 ?자리|번호|부분)?)(?:[은는이가]|[은는이가]? ?[:：])? {0,2})';

/**
 * The number dictated in halves, words between them ("주민번호 앞자리는 900101이고 뒷자리는
 * 1234568입니다"), or its back half alone ("주민등록번호 뒷자리 1234568"): the back half after its
 * label, with 주민번호 or 외국인등록번호 near, identifies its holder with the birth date known
 * (fail closed on unique identifiers). The front half alone is a birth date (BIRTH_DATE,
 * birth-date-value.ts).
 */
export const krRrnBackHalf: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_RRN',
  category: 'unique_identifier',
  patterns: [
    {
      name: 'rrn-back-half',
      // Not an amount or a count ("3일 뒤 1234567원").
      regex: new RegExp(`${BACK_HALF}[1-8]\\d{6}(?![0-9]|[원만억개명건회%])`, 'g'),
      score: 0.3,
      digitRuns: { min: 7, firstRun: [7] },
    },
  ],
  contextBoost: 0.35,
  context: [...krRrn.context, ...krFrn.context],
  negativeContext: NOT_BIRTH_NUMBER,
};

/** "앞자리", "앞 6자리:", "앞번호는" — the label of the front half of the number, said apart. */
const FRONT_LABEL = /앞 ?(?:자리|번호|부분|6 ?자리)(?:[은는이가]|[은는이가]? ?[:：])? {0,2}/g;
/**
 * Both halves dictated after their labels, the number's name unsaid ("앞자리 900101, 뒷자리
 * 1234568", as a call goes on after 주민번호 was asked for): the back half is the 주민등록번호 (the
 * front half is a date of birth, as under its own label), when the front half is a real birth date
 * with the back half's sex digit. Next to 카드, 계좌 or another number's name it is theirs. Read
 * from the end of the front half's label (sticky), words between the halves.
 */
const DICTATED_HALVES = new RegExp(
  `(\\d{6})(?![0-9])(?:[^0-9\\n]|7(?= ?자리)){0,24}?${BACK_HALF}([1-8]\\d{6})(?![0-9]|[원만억개명건회%])`,
  'y',
);
const NOT_A_PERSONS = new RegExp([...NOT_BIRTH_NUMBER, '카드', '계좌', '통장'].join('|'), 'i');
const HALVES_WINDOW = 30;

export const krRrnHalves: ScanningRecognizer = {
  kind: 'scan',
  type: 'KR_RRN',
  category: 'unique_identifier',
  context: krRrn.context,
  scan({ text }) {
    const out: Candidate[] = [];
    // Found from the label (a scan for its rare syllable), then read on from its end.
    for (const label of matches(FRONT_LABEL, text)) {
      DICTATED_HALVES.lastIndex = label.index + label[0].length;
      const m = DICTATED_HALVES.exec(text);
      if (!m) continue;
      const front = m[1] as string;
      const back = m[2] as string;
      if (!isRealBirthDate(front, back.charAt(0))) continue;
      if (NOT_A_PERSONS.test(text.slice(Math.max(0, m.index - HALVES_WINDOW), m.index))) continue;
      const backStart = m.index + m[0].length - 7;
      const score = rrnChecksum(front + back) ? 0.95 : 0.75;
      out.push(
        { type: 'BIRTH_DATE', category: 'personal', start: m.index, end: m.index + 6, score },
        { type: 'KR_RRN', category: 'unique_identifier', start: backStart, end: backStart + 7, score },
      );
    }
    return out;
  },
};
