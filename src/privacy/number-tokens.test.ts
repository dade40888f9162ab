import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';
import { mayRewrite, REWRITTEN_UNITS } from './number-tokens.js';

const read = (s: string) => normalize(s).text;

describe('numbers written with look-alike letters and other separators', () => {
  it.each([
    ['O and l for 0 and 1', '연락처 O1O-l234-5678', '연락처 010-1234-5678'],
    ['o and I', '연락처 o1o-I234-5678입니다', '연락처 010-1234-5678입니다'],
    ['the Hangul letter ㅇ for 0', '연락처 ㅇ1ㅇ-1234-5678', '연락처 010-1234-5678'],
    ['letters, a dash with spaces around', '주민번호 9OO1O1 - l234568', '주민번호 900101 - 1234568'],
    ['letters, a dash with a space after', 'O1O- l234- 5678', '010- 1234- 5678'],
    ['ㅇ in a 주민등록번호', '9ㅇㅇ1ㅇ1-1234568', '900101-1234568'],
    ["chat's ㅇㅇ glued before a number", 'ㅇㅇ01ㅇ-1234-5678', 'ㅇㅇ010-1234-5678'],
    ['letters in both halves of a 주민등록번호', '9OO1O1-l234568', '900101-1234568'],
    ['a number with no separator', '01O12345678', '01012345678'],
    ['middle dots', '010·1234·5678', '010-1234-5678'],
    ['bullets with spaces around', '010 • 1234 • 5678', '010 - 1234 - 5678'],
    ['katakana middle dots', '010・1234・5678', '010-1234-5678'],
    ['slashes', '4111/1111/1111/1111', '4111-1111-1111-1111'],
    ['underscores', '계좌 110_123_456789', '계좌 110-123-456789'],
    ['a slash and a letter', '900101/l234568', '900101-1234568'],
    ['in brackets', '(010·1234·5678)', '(010-1234-5678)'],
    ['every 0 typed as O', '5500-OOOO-OOOO-OOO4', '5500-0000-0000-0004'],
    ['every 1 typed as l', '4lll-llll-llll-llll', '4111-1111-1111-1111'],
    ['after a word of O, l and I', 'I O1O·1234·5678 lol', 'I 010-1234-5678 lol'],
    ['after a word ending in l', 'Tel.O1O-1234-5678', 'Tel.010-1234-5678'],
    ['after a word', 'tel 01O12345678', 'tel 01012345678'],
    // Separators ordinary numbers use too, in an identifier's layout.
    ['commas in a phone', '010,1234,5678', '010-1234-5678'],
    ['a tilde with spaces in a 주민등록번호', '900101 ~ 1234568', '900101 - 1234568'],
    ['plus signs in a card number', '4111+1111+1111+1111', '4111-1111-1111-1111'],
    ['asterisks in a phone', '02*123*4567', '02-123-4567'],
    ['bars in an account', '110|123|456789', '110-123-456789'],
    ['the vowel i for a bar', '010ㅣ1234ㅣ5678', '010-1234-5678'],
    ['colons in a phone', '010:1234:5678', '010-1234-5678'],
    ['apostrophes in a 주민등록번호', "900101'1234568", '900101-1234568'],
    ['semicolons in a phone', '010;1234;5678', '010-1234-5678'],
    ['equals signs in a card number', '4111=1111=1111=1111', '4111-1111-1111-1111'],
    ['hashes', '010#1234#5678', '010-1234-5678'],
    ['quotes', '010"1234"5678', '010-1234-5678'],
    ['carets', '010^1234^5678', '010-1234-5678'],
    ['tabs in a 주민등록번호', '900101\t1234568', '900101-1234568'],
    [
      'ampersands and backslashes in a phone',
      '010&1234&5678, 010\\1234\\5678',
      '010-1234-5678, 010-1234-5678',
    ],
    ['at signs and question marks', '900101@1234568, 010?1234?5678', '900101-1234568, 010-1234-5678'],
    ['a phone before a list', 'O1O-1234-5678, 12, 13', '010-1234-5678, 12, 13'],
    ["brackets around a phone's middle group", '010(1234)5678', '010-1234-5678'],
    ['square brackets in a card number', '4111[1111]1111[1111]', '4111-1111-1111-1111]'],
    ["a 주민등록번호's back half in brackets", '900101(1234568)', '900101-1234568)'],
  ])('reads %s', (_name, text, expected) => {
    const n = normalize(text);
    expect(n.text).toBe(expected);
    expect(n.offsets).toBeUndefined(); // one code unit for one: spans need no mapping
  });

  it.each([
    ['a passport: one letter before eight digits', '여권번호 O12345678', 'M12345678'],
    ['words', 'Hello world, all is well 2024', 'lOl OIO'],
    ['words next to numbers', 'COVID-19, H2O, CO2, Win10, iOS 17, O2O', 'IoT l0l'],
    ['glued to letters', 'x1O2O3O4O5O6', 'ab010·1234·5678'],
    ['digits after the letters', '010·1234·5678xy', 'v1O2O3O4O5'],
    ['too few digits', '12/31, 1/2, 3·4·5', 'O1/l2'],
    ['letters before the first digit', 'OOOO-OOOO-1234', 'lol-OIO 12', 'ㅇㅇ010-1234-5678', 'ㅇㅇ 12345678'],
    ['a group without a digit', '1234 OIO 5678', 'lOl-1234-5678'],
    ['two kinds of separator', '010/1234·5678', '010_1234/5678'],
    ['thousands', '1,234,567,890원', '12:30:45.123456'],
    ['IPv6', '2001:0000:0000:0000:0000:0000:0000:0001', '::1'],
    [
      'code and query strings',
      'a=1;b=2;c=12345678',
      'id=1234&page=5678',
      'x[1234]=5678',
      '#1234 #5678',
      '1234;5678;9012',
    ],
    [
      'times, MAC addresses and years cut short',
      '12:30:45',
      '10:00~18:00',
      '00:1A:2B:3C:4D:5E',
      "'90s, '23, 5'11",
      '1:100,000',
    ],
    ['table cells', '| 1234 | 5678 | 9012 |', '1234|5678|9012'],
    ['ranges, sums and rows', '10,000~20,000원', '2020~2021', '1234+5678+9012', '100,200,300,400'],
    ['a list of numbers', '10, 20, 30, 40, 50, 60, 70, 80', '1,2,3,4,5,6,7,8,9'],
    [
      'cells and fields apart with a spaced slash',
      '1968.04.22 / 2020.01.05',
      '010 / 1234 / 5678',
      '1234 /5678 /9012',
    ],
    ['a group too long to be one', '123456789/1234', '1234/123456789012'],
    [
      'brackets that are not a pair between groups',
      '(010)1234-5678',
      '02)123-4567',
      '010)1234(5678',
      '010(1234(5678',
      '2019(1234)5678',
      'arr[1234][5678]',
      'f(1234)(5678)',
      '1234(5678)9012',
    ],
  ])('leaves alone %s', (_name, ...texts) => {
    for (const text of texts) expect(read(text)).toBe(text);
  });

  it('reads a number whose letters or digits were folded or decoded first', () => {
    expect(read('０１０·１２３４·５６７８')).toBe('010-1234-5678');
    expect(read('010%C2%B71234%C2%B75678')).toBe('010-1234-5678');
    expect(read('공일공 123·4567, O1O-1234-5678\u200B')).toBe('공일공 123·4567, 010-1234-5678');
  });

  it('reads every number of a text, and each once', () => {
    const text = `${'주문 O1O-l234-5678, 문의 1588·1234, 12·34, Hello O1O; '.repeat(50)}끝`;
    const expected = `${'주문 010-1234-5678, 문의 1588-1234, 12·34, Hello O1O; '.repeat(50)}끝`;
    expect(read(text)).toBe(expected);
  });
});

describe('the code units a number may be rewritten from', () => {
  it('are listed whole: the normaliser marks only the listed ones', () => {
    const held: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (mayRewrite(c)) held.push(c);
    expect([...REWRITTEN_UNITS].sort((a, b) => a - b)).toEqual(held);
  });
});
