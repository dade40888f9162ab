import {
  brnChecksum,
  completeWithCheckDigit,
  crnChecksum,
  luhn,
  rrnChecksum,
} from '../../src/privacy/checksums/index.js';
import type { Rng } from '../../src/privacy/random.js';

/**
 * Value generators for the evaluation corpus. They are written apart from the recognisers (own
 * name lists, own shapes) so the benchmark does not just replay the detector's own tables.
 */

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(10)).join('');

// Surnames with rough population weights (통계청 2015), compound surnames included.
const SURNAMES: [string, number][] = [
  ['김', 215],
  ['이', 147],
  ['박', 84],
  ['최', 47],
  ['정', 44],
  ['강', 24],
  ['조', 21],
  ['윤', 21],
  ['장', 20],
  ['임', 17],
  ['한', 15],
  ['오', 15],
  ['서', 15],
  ['신', 15],
  ['권', 14],
  ['황', 14],
  ['안', 14],
  ['송', 14],
  ['류', 12],
  ['전', 11],
  ['홍', 11],
  ['고', 9],
  ['문', 9],
  ['양', 9],
  ['손', 9],
  ['배', 8],
  ['백', 8],
  ['허', 6],
  ['유', 6],
  ['남', 6],
  ['심', 5],
  ['노', 5],
  ['하', 4],
  ['곽', 4],
  ['성', 4],
  ['차', 4],
  ['주', 4],
  ['우', 4],
  ['구', 4],
  ['민', 3],
  ['진', 3],
  ['나', 3],
  ['지', 3],
  ['엄', 3],
  ['채', 2],
  ['원', 2],
  ['천', 2],
  ['방', 2],
  ['공', 2],
  ['현', 2],
  ['남궁', 1],
  ['황보', 1],
  ['제갈', 1],
  ['선우', 1],
  ['독고', 1],
];
const SURNAME_TOTAL = SURNAMES.reduce((s, [, w]) => s + w, 0);

// Popular given names across generations (birth-year statistics of several decades).
const GIVEN = (
  '민준 서준 도윤 예준 시우 하준 주원 지호 지후 준우 준서 건우 도현 현우 지훈 우진 선우 서진 민재 현준 연우 유준 정우 ' +
  '승우 승현 시윤 준혁 은우 지환 승민 유찬 윤우 민성 준영 시후 진우 수현 재윤 시현 동현 수호 태윤 민규 재원 한결 민우 ' +
  '재민 은찬 윤호 시원 이준 민찬 서연 서윤 지우 서현 민서 하은 하윤 윤서 지유 지민 채원 지윤 은서 수아 다은 예은 수빈 ' +
  '지아 소율 예린 예원 지원 소윤 지안 하린 시은 유진 채은 영수 영호 영식 정호 성호 영철 상철 정수 성수 광수 정숙 영숙 ' +
  '순자 영자 정희 미숙 경숙 영희 미경 경희 은주 미영 은정 현주 지영 선영 혜진 은영 미정 수진 상훈 성민 성진 동욱 ' +
  '재훈 정훈 태호 상민 종현 형준 경민 혜원 보람 슬기 나연 아름 다혜 소영 진희 하늘 가은 나은 세영 정민 태희 명수'
).split(' ');

const ROMAN_SURNAMES = [
  'KIM',
  'LEE',
  'PARK',
  'CHOI',
  'JUNG',
  'KANG',
  'CHO',
  'YOON',
  'JANG',
  'LIM',
  'HWANGBO',
  'JEGAL',
];
const ROMAN_GIVEN = ['GILDONG', 'MINJUN', 'SEOYEON', 'JIHOON', 'HAEUN', 'DOYUN', 'SUBIN', 'YEJIN', 'HYUNWOO'];
const VIET_LATIN = [
  'NGUYEN THI HOA',
  'TRAN VAN NAM',
  'PHAM THI LAN',
  'LE VAN DUC',
  'Nguyen Van An',
  'Hoang Thi Mai',
];
const VIET_HANGUL = ['응우옌 티 흐엉', '쩐 반 남', '팜 티 란', '레 반 득', '응우옌 반 안'];

/** Foreign residents' names written given name first, or surname first as on passports. */
const RESIDENTS = [
  'Michael Anderson',
  'MARIA SANTOS',
  'SANTOS MARIA',
  'KENJI YAMAMOTO',
  'ARIF RAHMAN',
  '마이클 앤더슨',
  '마리아 산토스',
  'John Smith',
];

/**
 * Names in the forms foreigner and passport records use: romanised Korean, Vietnamese (Latin and
 * Hangul), other foreign residents' names.
 */
export function foreignName(rng: Rng): string {
  const kind = rng.int(5);
  if (kind === 4) return rng.pick(RESIDENTS);
  if (kind === 0) return `${rng.pick(ROMAN_SURNAMES)} ${rng.pick(ROMAN_GIVEN)}`;
  if (kind === 1) {
    const given = rng.pick(ROMAN_GIVEN);
    const split = 2 + rng.int(Math.max(1, given.length - 4));
    const title = (w: string) => w.charAt(0) + w.slice(1).toLowerCase();
    return `${title(rng.pick(ROMAN_SURNAMES))} ${title(given.slice(0, split))}-${given.slice(split).toLowerCase()}`;
  }
  return kind === 2 ? rng.pick(VIET_LATIN) : rng.pick(VIET_HANGUL);
}

export function personName(rng: Rng): string {
  let r = rng.int(SURNAME_TOTAL);
  let surname = '김';
  for (const [s, w] of SURNAMES) {
    if (r < w) {
      surname = s;
      break;
    }
    r -= w;
  }
  return surname + rng.pick(GIVEN);
}

/** 받침 decides the particle: 김민준은 / 이서아는. */
export function hasFinalConsonant(word: string): boolean {
  const c = word.charCodeAt(word.length - 1) - 0xac00;
  return c >= 0 && c < 11172 && c % 28 !== 0;
}
export const particle = (word: string, withFinal: string, without: string) =>
  hasFinalConsonant(word) ? withFinal : without;

function birthDate(rng: Rng, from: number, to: number): { yymmdd: string; year: number } {
  const year = from + rng.int(to - from + 1);
  const month = 1 + rng.int(12);
  const day = 1 + rng.int(new Date(Date.UTC(year, month, 0)).getUTCDate());
  return { yymmdd: `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}`, year };
}

export function rrn(rng: Rng): string {
  const { yymmdd, year } = birthDate(rng, 1940, 2019);
  const sex = (year >= 2000 ? 3 : 1) + rng.int(2);
  const body = `${yymmdd}${sex}${digits(rng, 5)}`;
  // One in five carries a random tail, as numbers issued since October 2020 do.
  const full = rng.int(5) === 0 ? body + rng.int(10) : completeWithCheckDigit(body, rrnChecksum);
  return rng.int(6) === 0 ? full : `${full.slice(0, 6)}-${full.slice(6)}`;
}

export function frn(rng: Rng): string {
  const { yymmdd, year } = birthDate(rng, 1960, 2010);
  const body = `${yymmdd}${(year >= 2000 ? 7 : 5) + rng.int(2)}${digits(rng, 5)}`;
  const full = completeWithCheckDigit(body, rrnChecksum);
  return `${full.slice(0, 6)}-${full.slice(6)}`;
}

const MOBILE = ['010', '010', '010', '010', '011', '016', '017', '019'];
const AREA = [
  '02',
  '031',
  '032',
  '033',
  '041',
  '042',
  '051',
  '052',
  '053',
  '054',
  '055',
  '061',
  '062',
  '063',
  '064',
];

export function phone(rng: Rng): string {
  const sep = rng.pick(['-', '-', '-', '', '.', ' ']);
  const kind = rng.int(10);
  if (kind < 6) return `${rng.pick(MOBILE)}${sep}${2 + rng.int(8)}${digits(rng, 3)}${sep}${digits(rng, 4)}`;
  if (kind < 8) {
    const area = rng.pick(AREA);
    return `${area}${sep}${2 + rng.int(8)}${digits(rng, rng.int(2) + 2)}${sep}${digits(rng, 4)}`;
  }
  if (kind === 8) return `070-${2 + rng.int(8)}${digits(rng, 3)}-${digits(rng, 4)}`;
  return `+82-10-${2 + rng.int(8)}${digits(rng, 3)}-${digits(rng, 4)}`;
}

const EMAIL_NAMES = [
  'jisoo',
  'minho.park',
  'kim.yuna',
  'sh_lee',
  'hyun2024',
  'songhee',
  'jaewon.choi',
  'dkim',
  'mj.han',
];
const EMAIL_DOMAINS = [
  'naver.com',
  'daum.net',
  'gmail.com',
  'kakao.com',
  'hanmail.net',
  'company.co.kr',
  'snu.ac.kr',
];
export const email = (rng: Rng) => `${rng.pick(EMAIL_NAMES)}${rng.int(100)}@${rng.pick(EMAIL_DOMAINS)}`;

export function card(rng: Rng): string {
  const iin = rng.pick(['4', '5', '9', '3', '6']);
  const sep = rng.pick(['-', '-', ' ', '']);
  if (iin === '3') {
    const d = completeWithCheckDigit(`37${digits(rng, 12)}`, luhn);
    return [d.slice(0, 4), d.slice(4, 10), d.slice(10)].join(sep);
  }
  const d = completeWithCheckDigit(iin + digits(rng, 14), luhn);
  return [d.slice(0, 4), d.slice(4, 8), d.slice(8, 12), d.slice(12)].join(sep);
}

/** A card-shaped number that fails Luhn (a hard negative when no card word is near). */
export function luhnInvalidCard(rng: Rng): string {
  const d = completeWithCheckDigit(`4${digits(rng, 14)}`, luhn);
  const bad = d.slice(0, 15) + ((Number(d[15]) + 1 + rng.int(8)) % 10);
  return [bad.slice(0, 4), bad.slice(4, 8), bad.slice(8, 12), bad.slice(12)].join('-');
}

const BANK_ACCOUNTS: [string, number[]][] = [
  ['국민은행', [6, 2, 6]],
  ['신한은행', [3, 3, 6]],
  ['우리은행', [4, 3, 6]],
  ['하나은행', [3, 6, 5]],
  ['농협', [3, 4, 4, 2]],
  ['기업은행', [3, 6, 2, 3]],
  ['카카오뱅크', [4, 2, 7]],
  ['토스뱅크', [4, 4, 4]],
  ['우체국', [6, 2, 6]],
  ['새마을금고', [4, 2, 6, 1]],
];

export function bankAccount(rng: Rng): { bank: string; account: string } {
  const [bank, groups] = rng.pick(BANK_ACCOUNTS);
  const joined = rng.int(5) === 0;
  return { bank, account: groups.map((g) => digits(rng, g)).join(joined ? '' : '-') };
}

export function brn(rng: Rng): string {
  const d = completeWithCheckDigit(
    `${100 + rng.int(900)}${pad(rng.int(100), 2)}${digits(rng, 4)}`,
    brnChecksum,
  );
  return `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
}

export function crn(rng: Rng): string {
  const d = completeWithCheckDigit(`1${digits(rng, 11)}`, crnChecksum);
  return `${d.slice(0, 6)}-${d.slice(6)}`;
}

export function passport(rng: Rng): string {
  const p = rng.pick(['M', 'M', 'M', 'S', 'R']);
  return rng.int(2) === 0
    ? `${p}${digits(rng, 8)}`
    : `${p}${digits(rng, 3)}${String.fromCharCode(65 + rng.int(26))}${digits(rng, 4)}`;
}

const DL_REGIONS = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28];
export function driverLicense(rng: Rng): string {
  if (rng.int(6) === 0)
    return `${rng.pick(['서울', '경기', '부산'])} ${digits(rng, 2)}-${digits(rng, 6)}-${digits(rng, 2)}`;
  return `${rng.pick(DL_REGIONS)}-${digits(rng, 2)}-${digits(rng, 6)}-${digits(rng, 2)}`;
}

export const healthInsurance = (rng: Rng) => `${1 + rng.int(9)}${digits(rng, 10)}`;

/** A passport of another country: one or two letters and 7-8 digits. */
export const foreignPassport = (rng: Rng) => `${String.fromCharCode(65 + rng.int(26))}${digits(rng, 8)}`;

/**
 * A 외국인등록번호 as found on rosters, now and then with an impossible birth date (a typo, a
 * made-up number): still someone's number where the column says so.
 */
export function rosterFrn(rng: Rng): string {
  if (rng.int(4) !== 0) return frn(rng);
  return `${digits(rng, 2)}${pad(1 + rng.int(12), 2)}${pad(32 + rng.int(60), 2)}-${5 + rng.int(2)}${digits(rng, 6)}`;
}

export function ip(rng: Rng): string {
  if (rng.int(5) === 0) return `2001:db8:${rng.int(65536).toString(16)}::${rng.int(65536).toString(16)}`;
  return `${1 + rng.int(223)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
}

const PURPOSE = '가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주하허호';
export function plate(rng: Rng): string {
  const p = PURPOSE.charAt(rng.int(PURPOSE.length));
  const kind = rng.int(3);
  if (kind === 0) return `${10 + rng.int(90)}${p}${1000 + rng.int(9000)}`;
  if (kind === 1) return `${100 + rng.int(900)}${p}${1000 + rng.int(9000)}`;
  return `${rng.pick(['서울', '경기', '부산'])}${10 + rng.int(90)}${p}${1000 + rng.int(9000)}`;
}

const ADDRESS_PARTS: [string, string[], string[]][] = [
  [
    '서울특별시',
    ['강남구', '마포구', '송파구', '종로구', '관악구'],
    ['테헤란로', '월드컵북로', '올림픽로', '세종대로', '관악로'],
  ],
  ['부산광역시', ['해운대구', '수영구', '동래구'], ['해운대로', '광안해변로', '충렬대로']],
  ['경기도 성남시', ['분당구', '수정구'], ['판교역로', '황새울로', '성남대로']],
  ['대전광역시', ['유성구', '서구'], ['대학로', '둔산로', '계룡로']],
  ['인천광역시', ['연수구', '남동구'], ['컨벤시아대로', '인하로']],
  ['광주광역시', ['북구', '서구'], ['첨단과기로', '상무대로']],
];
const DONGS = ['역삼동', '우동', '송도동', '서교동', '봉명동', '신림동'];

export function address(rng: Rng): string {
  const [sido, gus, roads] = rng.pick(ADDRESS_PARTS);
  const sidoText = rng.int(4) === 0 ? sido.replace(/특별시|광역시/, '시') : sido;
  if (rng.int(4) === 0)
    return `${sidoText} ${rng.pick(gus)} ${rng.pick(DONGS)} ${1 + rng.int(999)}-${1 + rng.int(30)}`;
  let a = `${sidoText} ${rng.pick(gus)} ${rng.pick(roads)} ${1 + rng.int(400)}`;
  if (rng.int(2) === 0) a += `, ${100 + rng.int(20)}동 ${100 * (1 + rng.int(25)) + 1 + rng.int(4)}호`;
  return a;
}
