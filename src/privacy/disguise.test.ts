import { describe, expect, it } from 'vitest';
import { DISGUISES, digitsReaching } from '../../test/support/egress-fuzz.js';
import { createDetector } from './engine.js';
import { mask } from './mask.js';
import { normalize } from './normalize.js';

/**
 * Identifiers in the disguises an attacker (or an unusual keyboard) uses: each must be found, and
 * its span must cover the whole disguised value in the original text.
 */
const detector = createDetector();

const RRN = '900101-1234568';
const cases: [name: string, text: string, type: string, digits: string][] = [
  ['left-to-right mark', '번호 900101\u200E-1234568 입니다', 'KR_RRN', '9001011234568'],
  ['combining grapheme joiner', '번호 9001\u034F01-1234568', 'KR_RRN', '9001011234568'],
  ['Hangul filler', '번호 900101\u3164-1234568', 'KR_RRN', '9001011234568'],
  ['variation selectors', '번호 9\uFE0F00101-12345\uFE0E68', 'KR_RRN', '9001011234568'],
  ['soft hyphen', '번호 9001\u00AD01-1234568', 'KR_RRN', '9001011234568'],
  ['Arabic-Indic digits', '번호 ٩٠٠١٠١-١٢٣٤٥٦٨', 'KR_RRN', '9001011234568'],
  ['mathematical bold digits', '번호 𝟗𝟎𝟎𝟏𝟎𝟏-𝟏𝟐𝟑𝟒𝟓𝟔𝟖', 'KR_RRN', '9001011234568'],
  ['circled digits', '번호 ⑨⓪⓪①⓪①-①②③④⑤⑥⑧', 'KR_RRN', '9001011234568'],
  ['a dot', '번호 800101.1234567', 'KR_RRN', '8001011234567'],
  ['a slash', '번호 900101/1234568', 'KR_RRN', '9001011234568'],
  ['spaced digits', '번호 9 0 0 1 0 1 - 1 2 3 4 5 6 8', 'KR_RRN', '9001011234568'],
  ['dotted digits', '번호 9.0.0.1.0.1.1.2.3.4.5.6.8', 'KR_RRN', '9001011234568'],
  ['a dotted phone', '연락처 010.1234.5678', 'PHONE', '01012345678'],
  ['a spaced phone', '연락처 0 1 0 1 2 3 4 5 6 7 8', 'PHONE', '01012345678'],
  ['a wave-dash phone', '연락처 010\u301C1234\u301C5678', 'PHONE', '01012345678'],
  ['ㅡ for dashes', '연락처 010ㅡ1234ㅡ5678', 'PHONE', '01012345678'],
  ['spelt in Hangul', '연락처 공일공-일이삼사-오육칠팔', 'PHONE', '01012345678'],
  ['spelt and ASCII digits mixed in a group', '연락처 공1공 1234 5678', 'PHONE', '01012345678'],
  ['spelt digits after an ASCII one', '연락처 0일공-1234-5678', 'PHONE', '01012345678'],
  ['mixed spelt and ASCII digits', '번호 구0공1공1-1234568', 'KR_RRN', '9001011234568'],
  ['spelt as said, groups joined by 에', '번호는 공일공에 일이삼사에 오육칠팔이요', 'PHONE', '01012345678'],
  ['spelt as said, 다시 for the dash', '공일공 다시 일이삼사 다시 오육칠팔로', 'PHONE', '01012345678'],
  [
    'said aloud, 다시 for the dash',
    '주민번호는 구공공일공일 다시 일이삼사오육팔입니다',
    'KR_RRN',
    '9001011234568',
  ],
  ['digits, 다시 for the dash', '주민번호 900101 다시 1234568', 'KR_RRN', '9001011234568'],
  ['a card said aloud', '카드번호 4111 다시 1111 다시 1111 다시 1111', 'CREDIT_CARD', '4111111111111111'],
  ['an account said aloud', '신한 일일공 다시 일이삼 다시 사오육칠팔구', 'KR_BANK_ACCOUNT', '110123456789'],
  ['an account, groups joined by 에', '계좌 신한 110에 123에 456789', 'KR_BANK_ACCOUNT', '110123456789'],
  ['groups joined by 하고', '연락처는 010 하고 1234 하고 5678 입니다', 'PHONE', '01012345678'],
  ['a dash said as 하이픈', '주민번호 구공공일공일 하이픈 일이삼사오육팔', 'KR_RRN', '9001011234568'],
  ['spelt in hanja, ㅡ for the dash', '번호 九〇〇一〇一ㅡ一二三四五六八', 'KR_RRN', '9001011234568'],
  ['a line break after its dash', '주민등록번호 900101-\n1234568 입니다', 'KR_RRN', '9001011234568'],
  ['CRLF and indentation after a dash', '연락처 010-\r\n    1234-5678', 'PHONE', '01012345678'],
  ['JSON escapes', '번호 \\u0039\\u0030\\u0030\\u0031\\u0030\\u0031-1234568', 'KR_RRN', '9001011234568'],
  ['HTML references', '연락처 010&#45;1234&#x2D;5678', 'PHONE', '01012345678'],
  ['URL bytes', 'tel=010%2D1234%2D5678', 'PHONE', '01012345678'],
  [
    'English words',
    'my mobile is zero one zero, one two three four, five six seven eight',
    'PHONE',
    '01012345678',
  ],
  // As a scan is read, and as Korean typography and forms join the groups of a number.
  ['O and l for 0 and 1', '연락처 O1O-l234-5678', 'PHONE', '01012345678'],
  ['O for 0 in a 주민등록번호', '주민번호 9OO1O1-1234568', 'KR_RRN', '9001011234568'],
  ['O and l, a dash with spaces', '주민번호 9OO1O1 - l234568', 'KR_RRN', '9001011234568'],
  ['the Hangul letter ㅇ for 0', '연락처 ㅇ1ㅇ-1234-5678로 주세요', 'PHONE', '01012345678'],
  ['ㅇ for 0, chat glued before', 'ㅇㅇ ㅇ1ㅇ 1234 5678 ㄱㄱ', 'PHONE', '01012345678'],
  ['middle dots', '연락처 010·1234·5678', 'PHONE', '01012345678'],
  ['bullets with spaces', '휴대폰 010 • 1234 • 5678', 'PHONE', '01012345678'],
  ['slashes in a card number', '카드 4111/1111/1111/1111', 'CREDIT_CARD', '4111111111111111'],
  ['underscores in an account', '신한은행 110_123_456789', 'KR_BANK_ACCOUNT', '110123456789'],
  ['dots in a card number', '카드 4111.1111.1111.1111', 'CREDIT_CARD', '4111111111111111'],
  ['full-width digits and middle dots', '연락처 ０１０·１２３４·５６７８', 'PHONE', '01012345678'],
  // What Japanese and Korean input methods and word processors put for a dash or a middle dot.
  [
    'full-width digits and a prolonged sound mark',
    '주민번호 ９００１０１ー１２３４５６８',
    'KR_RRN',
    '9001011234568',
  ],
  ['a half-width prolonged sound mark', '주민번호 900101ｰ1234568', 'KR_RRN', '9001011234568'],
  ['box-drawing lines', '연락처 010─1234─5678', 'PHONE', '01012345678'],
  ['heavy box-drawing lines', '연락처 010━1234━5678', 'PHONE', '01012345678'],
  ['a heavy minus sign', '주민번호 900101➖1234568', 'KR_RRN', '9001011234568'],
  ['a modifier minus', '연락처 010˗1234˗5678', 'PHONE', '01012345678'],
  ['a hyphen bullet', '주민번호 900101⁃1234568', 'KR_RRN', '9001011234568'],
  ['arae-a for the middle dot', '연락처 010ㆍ1234ㆍ5678', 'PHONE', '01012345678'],
  // A dash or dot typed twice.
  ['a doubled dash', '주민번호 900101--1234568', 'KR_RRN', '9001011234568'],
  ['doubled dots in a phone', '연락처 010..1234..5678', 'PHONE', '01012345678'],
  ['doubled dashes in an account', '신한 110--123--456789', 'KR_BANK_ACCOUNT', '110123456789'],
  // Brackets in pairs between groups, as a form's boxes are typed.
  ["brackets around a phone's middle group", '연락처 010(1234)5678', 'PHONE', '01012345678'],
  ['the back half in brackets', '주민번호 900101(1234568)', 'KR_RRN', '9001011234568'],
  ['square brackets in a card number', '카드 4111[1111]1111[1111]', 'CREDIT_CARD', '4111111111111111'],
  // Digit by digit for part of the number only.
  ['its back half digit by digit', '주민 900101 - 1 2 3 4 5 6 8', 'KR_RRN', '9001011234568'],
  ['its front half digit by digit', '주민번호 9 0 0 1 0 1 - 1234568', 'KR_RRN', '9001011234568'],
  ['a phone past its prefix digit by digit', '전화 010 1 2 3 4 5 6 7 8', 'PHONE', '01012345678'],
  ['the conjoining vowel eu for the dash', '주민번호 900101\u11731234568', 'KR_RRN', '9001011234568'],
  // Markup between its parts, as Markdown and HTML write it.
  ['Markdown bold on a group', '연락처 010-**1234**-5678', 'PHONE', '01012345678'],
  ['Markdown italics on a half', '주민번호 900101-*1234568*', 'KR_RRN', '9001011234568'],
  ['code spans on each group', '연락처 `010`-`1234`-`5678`', 'PHONE', '01012345678'],
  [
    'HTML tags around each half',
    '주민번호 <span>900101</span>-<span>1234568</span>',
    'KR_RRN',
    '9001011234568',
  ],
  ['table cells', '<tr><td>900101</td><td>1234568</td></tr>', 'KR_RRN', '9001011234568'],
  // Cut into groups that are not the number's own.
  ['groups of its own, labelled', '주민번호 90 01 01 - 1 23 45 68', 'KR_RRN', '9001011234568'],
  ['groups of its own, its check digit holding', '90 01 01 - 1 23 45 68 입니다', 'KR_RRN', '9001011234568'],
  ['a phone in groups of its own', '전화 010-12-345-678', 'PHONE', '01012345678'],
  ['a phone in pairs after a colon', '폰번호: 010 12 34 56 78', 'PHONE', '01012345678'],
  ['a card in groups of its own', '카드 4111 11 1111 1111 11', 'CREDIT_CARD', '4111111111111111'],
  ['three groups of its own after its label', '주민번호 9001 0112 34568', 'KR_RRN', '9001011234568'],
  ['two groups of its own after its label', '주민번호: 9001011 234568', 'KR_RRN', '9001011234568'],
  ['two groups of its own after 외국인', '외국인등록번호 90010 15234561', 'KR_FRN', '9001015234561'],
  ['a passport in groups of its own', '여권번호 M 123 456 78', 'KR_PASSPORT', '12345678'],
  [
    'a driving licence in groups of its own',
    '운전면허번호 11-12-3456-7890',
    'KR_DRIVER_LICENSE',
    '111234567890',
  ],
  ['a passport, its letter said', '여권번호 엠 일이삼사오육칠팔', 'KR_PASSPORT', '12345678'],
];

const digitsOf = (s: string) => normalize(s).text.replace(/\D/g, '');

describe('identifiers in disguise', () => {
  it.each(cases)('finds one written with %s, covering all of it', (_name, text, type, digits) => {
    const found = detector.detect(text).filter((e) => e.type === type);
    expect(found).toHaveLength(1);
    const e = found[0] as (typeof found)[number];
    expect(digitsOf(text.slice(e.start, e.end))).toBe(digits);
    // Nothing of the number is left outside the span.
    expect(digitsOf(text.slice(0, e.start) + text.slice(e.end))).toBe('');
  });

  it.each([
    ['a list of small numbers adding up to a phone', '점수 0 10 20 30 40 50 순서'],
    ['a phone in groups of its own without its label', '코드 010-12-345-678 참조'],
    ['a date and a time', '2024 12 25 10 30 00'],
    ['13 digits in groups failing the check digit, unlabelled', '목록 90 01 01 - 1 23 45 67'],
    [
      'three groups after 주민 that are no 주민등록번호',
      '주민센터 옆 2019 2020 21345 건, 주민 9913 4512 34568',
    ],
    ['a product and emphasis on amounts', '1234 * 5678 = **7,006,652**원'],
    ['cells of short numbers', '<td>100</td><td>2000</td><td>3000</td>'],
  ])('leaves %s alone', (_name, text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it.each([
    [
      'JSON written with ASCII only',
      '{"고객명":"\\uD64D\\uAE38\\uB3D9","연락처":"010-1234-5678"}',
      'PERSON',
      '홍길동',
    ],
    ['a URL', 'GET /join?name=%ED%99%8D%EA%B8%B8%EB%8F%99&tel=01012345678', 'PERSON', '홍길동'],
    ['a URL', 'GET /join?email=hong%40example.com&x=1', 'EMAIL', 'hong@example.com'],
    ['a web page hiding it from robots', '문의: hong&#64;example&#46;com', 'EMAIL', 'hong@example.com'],
    [
      "Python's bytes",
      "b'\\xed\\x99\\x8d\\xea\\xb8\\xb8\\xeb\\x8f\\x99 \\xeb\\x8b\\x98'",
      'PERSON',
      '홍길동',
    ],
  ])('finds a value escaped as %s is, covering all of it', (_name, text, type, value) => {
    const found = detector.detect(text).filter((e) => e.type === type);
    expect(found.map((e) => normalize(e.text).text)).toEqual([value]);
    const e = found[0] as (typeof found)[number];
    expect(normalize(text.slice(0, e.start) + text.slice(e.end)).text).not.toContain(value.slice(0, 2));
  });

  it.each([
    ['a name', '담당자 홍길동 과장에게 전달', 'PERSON', '홍길동'],
    [
      'an address',
      '주소: 서울특별시 강남구 테헤란로 123, 4층',
      'KR_ADDRESS',
      '서울특별시 강남구 테헤란로 123, 4층',
    ],
    ['an account', '환불 계좌 국민은행 123456-12-123456', 'KR_BANK_ACCOUNT', '123456-12-123456'],
  ])(
    'finds %s in Hangul written as conjoining letters (NFD, as macOS hands text over)',
    (_n, nfc, type, value) => {
      const text = nfc.normalize('NFD');
      const found = detector.detect(text).filter((e) => e.type === type);
      expect(found.map((e) => e.text)).toEqual([value.normalize('NFD')]);
    },
  );

  it.each([
    ['a name', '담당자 ㅎㅗㅇㄱㅣㄹㄷㅗㅇ 과장에게 전달', 'PERSON', 'ㅎㅗㅇㄱㅣㄹㄷㅗㅇ'],
    [
      'an address',
      '주소: ㅅㅓㅇㅜㄹㅅㅣ ㄱㅏㅇㄴㅏㅁㄱㅜ ㅌㅔㅎㅔㄹㅏㄴㄹㅗ 123',
      'KR_ADDRESS',
      'ㅅㅓㅇㅜㄹㅅㅣ ㄱㅏㅇㄴㅏㅁㄱㅜ ㅌㅔㅎㅔㄹㅏㄴㄹㅗ 123',
    ],
  ])('finds %s typed letter by letter (compatibility jamo), covering all of it', (_n, text, type, value) => {
    const found = detector.detect(text).filter((e) => e.type === type);
    expect(found.map((e) => e.text)).toEqual([value]);
  });

  it('still reads ordinary numbers as before', () => {
    expect(detector.detect(`주민등록번호 ${RRN}`).map((e) => e.type)).toEqual(['KR_RRN']);
    expect(detector.detect('2024.01.15 회의, 안건 3 4 5')).toEqual([]);
    expect(detector.detect('할인 30%20명, R&D &amp; 100%\n2024-\n2025')).toEqual([]);
    expect(detector.detect('이에 오일에 사오, 일이삼에 사오육, 3월에 1234명이 5678원')).toEqual([]);
    expect(detector.detect('3번 다시 4번, 2024 다시 2025, 다시 일이삼 다시, 100에 200을 더하면')).toEqual([]);
    // Numbers in groups, and lists of small numbers, are no number written digit by digit.
    expect(
      detector.detect('연도 2020 2021 2022 2023, 점수 3 4 5 2 100 200 300, 1 2 3 4 5 6 7 8 9 10'),
    ).toEqual([]);
  });
});

/**
 * The egress fuzzer's disguises (made for a 주민등록번호) on other identifiers: after masking, no
 * reading of the text — escapes and base64 decoded, look-alikes folded, O and l read as digits —
 * holds their digits.
 */
describe('other identifiers in every disguise of the egress fuzzer', () => {
  const OTHERS: [type: string, label: string, value: string][] = [
    ['a mobile number', '연락처', '010-2345-6789'],
    ['a card number', '카드번호', '4111-1111-1111-1111'],
    ['a card number with many zeros', '카드번호', '5500-0000-0000-0004'],
    ['a foreigner registration number', '외국인등록번호', '900101-5234563'],
  ];
  // The 주민등록번호's own ways: said in halves (its labels), and halves on two lines.
  const own = new Set(['said in halves', 'halves on two lines']);
  const generic = Object.entries(DISGUISES).filter(([name]) => !own.has(name));
  it.each(OTHERS)('hides %s', (_name, label, value) => {
    const digits = value.replace(/\D/g, '');
    const leaked: string[] = [];
    for (const [name, disguise] of generic) {
      const text = `${label} ${disguise(value)} 확인 부탁드립니다`;
      const masked = mask(text, { detector }).text;
      if (digitsReaching(JSON.stringify(masked), (s) => normalize(s).text).includes(digits))
        leaked.push(name);
    }
    expect(leaked).toEqual([]);
  });
});
