import type { PatternRecognizer } from '../../types.js';

// Any one separator people type between groups: hyphen or dot (with a space on either side, as in
// "010 - 1234 - 5678"), a space, or nothing. (에 and 다시 said between groups read as a dash:
// normalize.ts.)
const SEP = '(?: ?[-.] ?| )?';
const MOBILE = '01[016-9]';
const AREA = '(?:02|0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4]))';

export const krPhone: PatternRecognizer = {
  kind: 'pattern',
  type: 'PHONE',
  category: 'personal',
  patterns: [
    {
      name: 'mobile',
      // Also with the prefix in brackets, as letterheads write area codes: "(010) 1234-5678".
      regex: new RegExp(
        `(?<![0-9])(?:${MOBILE}|\\(${MOBILE}\\) ?|${MOBILE}\\) ?)${SEP}\\d{3,4}${SEP}\\d{4}(?![0-9])`,
        'g',
      ),
      score: 0.85,
      digitRuns: { min: 10, firstRun: [3, 6, 7, 10, 11], lead: 1 },
    },
    {
      name: 'landline',
      // "02-123-4567", "(02) 123-4567", and the area code closed by a parenthesis alone
      // ("02)123-4567", "051)2528-0247"), common on forms and letterheads.
      regex: new RegExp(
        `(?<![0-9])(?:${AREA}|\\(${AREA}\\) ?|${AREA}\\) ?)${SEP}[1-9]\\d{2,3}${SEP}\\d{4}(?![0-9])`,
        'g',
      ),
      score: 0.75,
      digitRuns: { min: 9, firstRun: [2, 3, 5, 6, 7, 9, 10, 11], lead: 1 },
    },
    {
      name: 'internet-and-free',
      regex: new RegExp(`(?<![0-9])0(?:70|80|50[2-8])${SEP}\\d{3,4}${SEP}\\d{4}(?![0-9])`, 'g'),
      score: 0.75,
      digitRuns: { min: 10, firstRun: [3, 4, 6, 7, 8, 10, 11, 12] },
    },
    // 1588-xxxx style numbers are business lines but still reach a person's account or order.
    {
      name: 'representative',
      regex: /(?<![0-9-])1[568]\d{2}[-. ]\d{4}(?![0-9])/g,
      score: 0.6,
      digitRuns: { min: 8, firstRun: [4] },
    },
    {
      name: 'international',
      regex: new RegExp(
        `(?:\\+82|\\(\\+82\\))${SEP}(?:\\(0\\)${SEP})?0?(?:1[016-9]|2|[3-6][1-5]|70)${SEP}\\d{3,4}${SEP}\\d{4}(?![0-9])`,
        'g',
      ),
      trigger: '+82',
      score: 0.85,
    },
    // The country code without its +, as forms and exports write it: "82-10-1234-5678",
    // "(82) 10-1234-5678", or after the international prefix dialled from Korea ("0082-10-…",
    // "001-82-10-…"). A mobile number only: "82" before an area code is too common in other numbers.
    {
      name: 'international-without-plus',
      regex: new RegExp(
        `(?<![0-9+])(?:00\\d{0,3}${SEP})?(?:82|\\(82\\))${SEP}(?:\\(0\\)${SEP})?0?${MOBILE.slice(1)}${SEP}\\d{3,4}${SEP}\\d{4}(?![0-9])`,
        'g',
      ),
      trigger: '82',
      score: 0.75,
    },
    // Other countries' numbers, written with their + prefix (foreign workers, patients, partners).
    {
      name: 'international-other',
      // Groups after a separator ("+1 415 555 2671", "+63 (2) 8123-4567") or one unbroken run of
      // 8-14 digits ("+8491234567"); never a signed amount ("+312", "+250,000").
      regex: /\+(?!82)[1-9]\d{0,2}(?:(?:[ .-]\(?\d{1,4}\)?|\(\d{1,4}\)){2,4}|\d{7,12})(?![0-9,])/g,
      trigger: '+',
      score: 0.75,
    },
  ],
  context: [
    '전화',
    '전화번호',
    '연락처',
    '휴대폰',
    '핸드폰',
    '휴대전화',
    'phone',
    'tel',
    'mobile',
    '팩스',
    'fax',
    '연락',
    '내선',
    '직통',
    '대표번호',
  ],
  contextBoost: 0.1,
};

/**
 * A mobile number whose leading 0 a spreadsheet dropped ("1012345678": exported as a number), or a
 * number written without its area code, next to its label or under its column: without one, ten
 * digits (or two short numbers) are anything.
 */
export const krPhoneWithoutZero: PatternRecognizer = {
  kind: 'pattern',
  type: 'PHONE',
  category: 'personal',
  patterns: [
    {
      name: 'mobile-without-zero',
      regex: /(?<![0-9.])10-?\d{4}-?\d{4}(?![0-9]|[.,]\d)/g,
      score: 0.15,
      digitRuns: { min: 10, firstRun: [2, 10] },
    },
    // A number without its area code ("전화 1234-5678", "집 345-6789"), next to its label: without
    // one, a dash between two short numbers is anything. Not a span of years ("2023-2024").
    {
      name: 'without-area-code',
      regex: /(?<![0-9.+-])(?!(?:19|20)\d\d-(?:19|20)\d\d(?![0-9]))[2-9]\d{2,3}-\d{4}(?![0-9]|-\d|[.,]\d)/g,
      score: 0.15,
      digitRuns: { min: 7, firstRun: [3, 4] },
    },
  ],
  context: ['전화', '연락처', '휴대폰', '핸드폰', '휴대전화', 'phone', 'mobile', 'tel', 'hp', 'cell'],
  contextBoost: 0.4,
};
