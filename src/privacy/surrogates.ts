import { brnChecksum, completeWithCheckDigit, crnChecksum, luhn, rrnChecksum } from './checksums/index.js';
import type { Rng } from './random.js';
import { birthYearOf } from './recognizers/kr/birth-date.js';

/**
 * Format-valid fake values. A model that sees "900101-1234568" replaced by another well-formed
 * 주민등록번호 keeps writing fluent Korean; a tag like 〔KR_RRN_1〕 sometimes derails it.
 */

const SURNAMES = [
  '김',
  '이',
  '박',
  '최',
  '정',
  '강',
  '조',
  '윤',
  '장',
  '임',
  '한',
  '오',
  '서',
  '신',
  '권',
  '황',
  '안',
  '송',
];
const GIVEN = [
  '민',
  '서',
  '지',
  '하',
  '도',
  '유',
  '준',
  '연',
  '현',
  '우',
  '윤',
  '은',
  '수',
  '예',
  '채',
  '시',
  '주',
  '원',
];
const EMAIL_USERS = [
  'minji',
  'seojun',
  'hayoon',
  'dohyun',
  'jiwoo',
  'yerin',
  'taeyang',
  'sumin',
  'jihoon',
  'eunseo',
];
const ROADS = ['한빛로', '새솔길', '누리로', '가람길', '다솜로', '미리내길', '보람로', '해오름길'];
const DISTRICTS = [
  '서울특별시 중구',
  '부산광역시 동구',
  '대전광역시 서구',
  '경기도 수원시 팔달구',
  '인천광역시 남동구',
];

/** Keeps separators, letters' positions and the first `keep` digits; randomises the other digits. */
function reshapeDigits(value: string, rng: Rng, keep = 0): string {
  let seen = 0;
  return value.replace(/\d/g, (d) => (seen++ < keep ? d : String(rng.int(10))));
}

/** Rewrites the digits of `value` with `digits`, keeping its separators. */
function withDigits(value: string, digits: string): string {
  let i = 0;
  return value.replace(/\d/g, () => digits.charAt(i++));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function fakeBirthId(
  value: string,
  rng: Rng,
  sexDigits: readonly number[],
  check: (s: string) => boolean,
): string {
  const yy = 60 + rng.int(40);
  const prefix = `${pad2(yy)}${pad2(1 + rng.int(12))}${pad2(1 + rng.int(28))}${rng.pick(sexDigits)}${String(rng.int(1e5)).padStart(5, '0')}`;
  return withDigits(value, completeWithCheckDigit(prefix, check));
}

function fakeCheckDigitNumber(value: string, rng: Rng, check: (s: string) => boolean, keep = 1): string {
  const digits = value.replace(/\D/g, '');
  const body = reshapeDigits(digits.slice(0, -1), rng, keep);
  return withDigits(value, completeWithCheckDigit(body, check));
}

function fakeName(value: string, rng: Rng): string {
  const givenLength = Math.max(1, Math.min(2, value.length - 1));
  let name = rng.pick(SURNAMES);
  for (let i = 0; i < givenLength; i++) name += rng.pick(GIVEN);
  return name;
}

const hex = (rng: Rng) => rng.int(16).toString(16);

const DAY_MS = 86_400_000;

/**
 * Another real date within two years of the birth date, written the same way ("1989. 3. 22.",
 * "1989년 3월 22일생", "920706"): the person keeps about their age, the date is not theirs.
 */
function fakeBirthDate(value: string, rng: Rng): string | undefined {
  const six = /^(\d{2})(\d{2})(\d{2})$/.exec(value);
  const parts = six ? [six[1], six[2], six[3]] : value.match(/\d+/g);
  if (!parts || parts.length < 3) return undefined;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  const year = six ? birthYearOf(value) : y;
  if (year === undefined) return undefined;
  const shifted = new Date(Date.UTC(year, m - 1, d) + (rng.int(1461) - 730 || 1) * DAY_MS);
  const at = Math.min(shifted.getTime(), Date.now() - DAY_MS);
  const date = new Date(at);
  const fresh = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  if (six) return fresh.map((n) => String(n % 100).padStart(2, '0')).join('');
  // Each number in place, as wide as it was ("03" stays two digits, "3" one).
  let k = 0;
  return value.replace(/\d+/g, (old) => {
    const n = fresh[k++];
    return n === undefined ? old : String(n).padStart(old.length, '0');
  });
}

export function makeSurrogate(type: string, value: string, rng: Rng): string | undefined {
  switch (type) {
    case 'KR_RRN':
      return fakeBirthId(value, rng, [1, 2], rrnChecksum);
    case 'KR_FRN':
      return fakeBirthId(value, rng, [5, 6], rrnChecksum);
    case 'KR_BRN':
      return fakeCheckDigitNumber(value, rng, brnChecksum, 3);
    case 'KR_CRN':
      return fakeCheckDigitNumber(value, rng, crnChecksum, 4);
    case 'CREDIT_CARD':
      return fakeCheckDigitNumber(value, rng, luhn, 1);
    case 'PHONE':
      // Keep the carrier or area prefix so the number still reads as what it was.
      return reshapeDigits(value, rng, value.startsWith('+') ? 4 : value.startsWith('02') ? 2 : 3);
    case 'EMAIL':
      return `${rng.pick(EMAIL_USERS)}${rng.int(900) + 100}@example.com`;
    case 'IP_ADDRESS':
      return value.includes(':')
        ? value.replace(/[0-9a-fA-F]/g, () => hex(rng))
        : `10.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
    case 'ONLINE_ID': {
      // A handle as handles are made; an address stays an address (its own host, never the real one).
      const handle = `${rng.pick(EMAIL_USERS)}_${rng.int(9000) + 1000}`;
      return value.includes('://')
        ? `https://example.com/${handle}`
        : value.startsWith('@')
          ? `@${handle}`
          : handle;
    }
    case 'SECRET':
      // Every letter and digit new, of the same kind: a password's shape, none of its characters.
      return value.replace(/[0-9]|[a-z]|[A-Z]/g, (c) =>
        c <= '9' ? String(rng.int(10)) : String.fromCharCode((c <= 'Z' ? 0x41 : 0x61) + rng.int(26)),
      );
    case 'PERSON':
      return fakeName(value, rng);
    case 'BIRTH_DATE':
      return fakeBirthDate(value, rng) ?? reshapeDigits(value, rng, 2);
    case 'KR_ADDRESS':
      return `${rng.pick(DISTRICTS)} ${rng.pick(ROADS)} ${1 + rng.int(300)}`;
    default:
      // Passport, licence, account, plate, health insurance and custom types: same shape, new digits.
      return /\d/.test(value) ? reshapeDigits(value, rng, 2) : undefined;
  }
}
